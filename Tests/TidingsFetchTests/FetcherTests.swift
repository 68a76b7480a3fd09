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
}
