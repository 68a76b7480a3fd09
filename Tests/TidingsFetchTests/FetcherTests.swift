import FlyingFox
import Foundation
import TidingsCore
import TidingsFetch
import TidingsTestSupport
import XCTest

final class FetcherTests: XCTestCase {
    func testFetchesOverHTTPWithIdentityAndFollowsRedirects() async throws {
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /feed.xml") { request in
                response(200, body: "<rss/>", headers: ["Content-Type": "application/rss+xml", "ETag": "\"v1\"", "X-UA": request.headers[.init("User-Agent")] ?? ""])
            }
            await server.appendRoute("GET /old") { _ in response(301, headers: ["Location": "/feed.xml"]) }
        }
        defer { Task { await server.stop() } }
        let result = try Fetcher().fetch(FetchRequest(url: server.url("/old")))
        XCTAssertEqual(result.status, 200)
        XCTAssertEqual(result.finalURL, server.url("/feed.xml"))
        XCTAssertEqual(String(decoding: result.body, as: UTF8.self), "<rss/>")
        XCTAssertEqual(result.etag, "\"v1\"")
        XCTAssertTrue(result.headers["x-ua"]?.hasPrefix("Tidings/") == true)
        await server.stop()
    }

    func testConditionalGetReturns304() async throws {
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /feed.xml") { request in
                if request.headers[.init("If-None-Match")] == "\"v1\"" { return response(304) }
                return response(200, body: "<rss/>", headers: ["ETag": "\"v1\""])
            }
        }
        let first = try Fetcher().fetch(FetchRequest(url: server.url("/feed.xml")))
        let second = try Fetcher().fetch(FetchRequest(url: server.url("/feed.xml"), etag: first.etag))
        XCTAssertEqual(first.status, 200)
        XCTAssertTrue(second.isNotModified)
        XCTAssertTrue(second.body.isEmpty)
        await server.stop()
    }

    func testHTTPErrorsAreResultsNotThrows() async throws {
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /gone") { _ in response(410) }
        }
        XCTAssertEqual(try Fetcher().fetch(FetchRequest(url: server.url("/gone"))).status, 410)
        XCTAssertEqual(try Fetcher().fetch(FetchRequest(url: server.url("/missing"))).status, 404)
        await server.stop()
    }

    func testOversizedBodyIsCutOff() async throws {
        let big = String(repeating: "x", count: 200_000)
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /big") { _ in response(200, body: big) }
        }
        let fetcher = Fetcher(options: FetchOptions(maxBodyBytes: 64 * 1024))
        XCTAssertThrowsError(try fetcher.fetch(FetchRequest(url: server.url("/big")))) { error in
            XCTAssertEqual((error as? FetchError)?.kind, .bodyTooLarge)
        }
        await server.stop()
    }

    func testRefusedConnectionNamesTheURL() throws {
        // Port 9 (discard) on loopback has no listener here.
        XCTAssertThrowsError(try Fetcher(options: FetchOptions(connectTimeout: 2)).fetch(FetchRequest(url: "http://127.0.0.1:9/feed"))) { error in
            XCTAssertTrue("\(error)".hasPrefix("http://127.0.0.1:9/feed: "), "\(error)")
        }
    }

    func testFileSchemeOnlyWhenAllowed() throws {
        let path = Fixtures.path("feeds/rss2.xml")
        XCTAssertThrowsError(try Fetcher().fetch(FetchRequest(url: "file://" + path))) { error in
            XCTAssertEqual((error as? FetchError)?.kind, .schemeNotAllowed)
        }
        let result = try Fetcher(options: FetchOptions(allowedSchemes: ["file"])).fetch(FetchRequest(url: "file://" + path))
        XCTAssertEqual(result.status, 200)
        XCTAssertFalse(result.body.isEmpty)
    }

    func testRedirectLoopIsAnErrorThatSaysSo() async throws {
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /a") { _ in response(301, headers: ["Location": "/b"]) }
            await server.appendRoute("GET /b") { _ in response(302, headers: ["Location": "/a"]) }
        }
        XCTAssertThrowsError(try Fetcher().fetch(FetchRequest(url: server.url("/a")))) { error in
            XCTAssertEqual((error as? FetchError)?.kind, .tooManyRedirects)
            XCTAssertTrue("\(error)".contains(server.url("/a")), "\(error)")
        }
        await server.stop()
    }

    func testRedirectHopsAreRecordedAndOnlyAnAllPermanentChainCounts() async throws {
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /p1") { _ in response(301, headers: ["Location": "/p2"]) }
            await server.appendRoute("GET /p2") { _ in response(302, headers: ["Location": "/feed"]) }
            await server.appendRoute("GET /feed") { _ in response(200, body: "<rss/>") }
        }
        let result = try Fetcher().fetch(FetchRequest(url: server.url("/p1")))
        XCTAssertEqual(result.redirects.map(\.status), [301, 302])
        XCTAssertEqual(result.redirects.map(\.location), [server.url("/p2"), server.url("/feed")])
        XCTAssertEqual(result.permanentRedirect, server.url("/p2"), "permanent up to the temporary hop")
        await server.stop()
    }

    func testGzipBodyIsDecompressed() async throws {
        let compressed = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("http/feed.xml.gz")))
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /feed.xml") { request in
                let accepts = request.headers[.init("Accept-Encoding")] ?? ""
                guard accepts.contains("gzip") else { return response(406) }
                var headers = HTTPHeaders()
                headers[HTTPHeader("Content-Encoding")] = "gzip"
                return HTTPResponse(statusCode: .ok, headers: headers, body: compressed)
            }
        }
        let result = try Fetcher().fetch(FetchRequest(url: server.url("/feed.xml")))
        XCTAssertEqual(result.status, 200)
        XCTAssertGreaterThan(result.body.count, compressed.count)
        XCTAssertTrue(String(decoding: result.body, as: UTF8.self).hasSuffix("</channel></rss>"))
        await server.stop()
    }

    func testServerHintsAreRead() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        func result(_ headers: [String: String]) -> FetchResult {
            FetchResult(requestedURL: "u", finalURL: "u", status: 200, headers: headers, body: [])
        }
        XCTAssertEqual(result(["cache-control": "public, max-age=1200"]).freshnessLifetime(now: now), 1200)
        XCTAssertEqual(result(["expires": "Fri, 15 Jan 2027 08:00:00 GMT"]).freshnessLifetime(now: now), 0, "already past")
        XCTAssertNil(result([:]).freshnessLifetime(now: now))
        XCTAssertEqual(result(["retry-after": "120"]).retryAfter(now: now), 120)
        let date = Date(timeIntervalSince1970: 1_800_003_600)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        XCTAssertEqual(result(["retry-after": formatter.string(from: date)]).retryAfter(now: now), 3600)
        XCTAssertNil(result(["retry-after": "soon"]).retryAfter(now: now))
    }
}
