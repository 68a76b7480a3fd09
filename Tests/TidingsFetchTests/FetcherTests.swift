import FlyingFox
import Foundation
import Synchronization
import TidingsCore
import TidingsFetch
import TidingsTestSupport
import XCTest

final class FetcherTests: XCTestCase {
    func testFetchesOverHTTPWithIdentityAndFollowsRedirects() async throws {
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /feed.xml") { request in
                response(200, body: "<rss/>", headers: [
                    "Content-Type": "application/rss+xml", "ETag": "\"v1\"", "X-UA": request.headers[.init("User-Agent")] ?? "",
                    "X-Accept": request.headers[.init("Accept")] ?? "",
                ])
            }
            await server.appendRoute("GET /old") { _ in response(301, headers: ["Location": "/feed.xml"]) }
        }
        defer { Task { await server.stop() } }
        let result = try Fetcher().fetch(FetchRequest(url: server.url("/old")))
        XCTAssertEqual(result.status, 200)
        XCTAssertEqual(result.finalURL, server.url("/feed.xml"))
        XCTAssertEqual(String(decoding: result.body, as: UTF8.self), "<rss/>")
        XCTAssertEqual(result.etag, "\"v1\"")
        // A User-Agent that names Tidings, its version and where to read about it.
        XCTAssertEqual(result.headers["x-ua"], "Tidings/\(TidingsVersion.string) (+https://github.com/tidings-rss/tidings)")
        // An Accept header that asks for feeds first.
        let accept = result.headers["x-accept"] ?? ""
        XCTAssertTrue(accept.hasPrefix("application/rss+xml, application/atom+xml, application/feed+json"), accept)
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

    /// A URL stored with a space in it (by an older Tidings, or an OPML file) is fetched encoded.
    func testURLWithASpaceIsFetchedEncoded() async throws {
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /*") { _ in response(200, body: "<rss/>") }
        }
        XCTAssertEqual(try Fetcher().fetch(FetchRequest(url: server.url("/with space.xml"))).status, 200)
        await server.stop()
    }

    func testHostNameThatDoesNotResolveIsADNSFailure() {
        // A label longer than 63 bytes: the resolver refuses it on this machine, sending no query.
        let host = String(repeating: "a", count: 64) + ".invalid"
        XCTAssertThrowsError(try Fetcher().fetch(FetchRequest(url: "http://\(host)/feed.xml"))) { error in
            let error = error as? FetchError
            XCTAssertEqual(error?.kind, .dnsFailure)
            XCTAssertEqual(error?.message, "Could not resolve host: \(host)")
        }
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

    /// A site that sets a cookie in a redirect back to the same URL and serves the feed once the
    /// cookie comes back: a redirect loop without a cookie engine. No cookie outlives the transfer.
    func testCookieSetInARedirectIsSentBackWithinTheTransferOnly() async throws {
        let cookies = Mutex<[String]>([])
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /gate") { request in
                let cookie = request.headers[.init("Cookie")] ?? ""
                cookies.withLock { $0.append(cookie) }
                guard cookie.contains("visited=1") else {
                    return response(302, headers: ["Set-Cookie": "visited=1; Path=/", "Location": "/gate"])
                }
                return response(200, body: "<rss version=\"2.0\"><channel><title>Gated</title></channel></rss>")
            }
        }
        let fetcher = Fetcher()
        XCTAssertEqual(try fetcher.fetch(FetchRequest(url: server.url("/gate"))).status, 200)
        XCTAssertEqual(try fetcher.fetch(FetchRequest(url: server.url("/gate"))).status, 200)
        XCTAssertEqual(cookies.withLock { $0 }, ["", "visited=1", "", "visited=1"], "each transfer starts without cookies")
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
        XCTAssertEqual(result.body, try Fixtures.bytes("http/feed.xml"))
        await server.stop()
    }

    func testDeflateBodyIsDecompressed() async throws {
        let compressed = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("http/feed.xml.zz")))
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /feed.xml") { request in
                guard (request.headers[.init("Accept-Encoding")] ?? "").contains("deflate") else { return response(406) }
                return response(200, data: compressed, headers: ["Content-Encoding": "deflate"])
            }
        }
        let result = try Fetcher().fetch(FetchRequest(url: server.url("/feed.xml")))
        XCTAssertEqual(result.body, try Fixtures.bytes("http/feed.xml"))
        await server.stop()
    }

    /// Brotli and zstd, which many CDNs prefer, when libcurl can decode them (Debian's can): asked
    /// for in Accept-Encoding and decoded.
    func testBrotliAndZstdBodiesAreDecompressed() async throws {
        let server = try await FeedServer.start { server in
            for (encoding, file) in [("br", "http/feed.xml.br"), ("zstd", "http/feed.xml.zst")] {
                let compressed = try! Data(contentsOf: URL(fileURLWithPath: Fixtures.path(file)))
                await server.appendRoute(HTTPRoute("GET /\(encoding)/feed.xml")) { request in
                    let accepted = (request.headers[.init("Accept-Encoding")] ?? "").split(separator: ",")
                    guard accepted.contains(where: { $0.trimmingCharacters(in: .whitespaces) == encoding }) else { return response(406) }
                    return response(200, data: compressed, headers: ["Content-Encoding": encoding])
                }
            }
        }
        for encoding in ["br", "zstd"] {
            let result = try Fetcher().fetch(FetchRequest(url: server.url("/\(encoding)/feed.xml")))
            XCTAssertEqual(result.status, 200, encoding)
            XCTAssertEqual(result.body, try Fixtures.bytes("http/feed.xml"), encoding)
        }
        await server.stop()
    }

    /// A body labelled with an encoding that is none (`Content-Encoding: UTF-8`, a common slip in
    /// server configs): asked for again without compression and taken as sent, as browsers do; it
    /// had failed with "Unrecognized content encoding type" at every poll.
    func testBodyLabelledWithAnUnknownEncodingIsTakenAsSent() async throws {
        let accepted = Mutex<[String]>([])
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /feed.xml") { request in
                accepted.withLock { $0.append(request.headers[.init("Accept-Encoding")] ?? "none") }
                return response(200, body: "<rss version=\"2.0\"><channel><title>Plain</title></channel></rss>", headers: ["Content-Encoding": "UTF-8"])
            }
        }
        let result = try Fetcher().fetch(FetchRequest(url: server.url("/feed.xml")))
        XCTAssertEqual(String(decoding: result.body, as: UTF8.self), "<rss version=\"2.0\"><channel><title>Plain</title></channel></rss>")
        XCTAssertEqual(accepted.withLock { $0.count }, 2)
        XCTAssertEqual(accepted.withLock { $0.last }, "none", "the second request asks for no compression")
        await server.stop()
    }

    /// A small compressed body that inflates far past the cap (28 KB of gzip, 8 MiB of feed) is cut
    /// off at the cap, counted after decompression; under a larger cap the same body arrives whole.
    func testCompressedBodyIsCappedOnItsDecompressedSize() async throws {
        let bomb = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("http/bomb.xml.gz")))
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /bomb.xml") { _ in response(200, data: bomb, headers: ["Content-Encoding": "gzip"]) }
        }
        let capped = Fetcher(options: FetchOptions(maxBodyBytes: 1 << 20))
        XCTAssertThrowsError(try capped.fetch(FetchRequest(url: server.url("/bomb.xml")))) { error in
            XCTAssertEqual((error as? FetchError)?.kind, .bodyTooLarge)
        }
        XCTAssertEqual(try Fetcher().fetch(FetchRequest(url: server.url("/bomb.xml"))).body.count, 8 * 1024 * 1024 + 16)
        await server.stop()
    }

    func testServerThatNeverAnswersIsCutOffByTheTotalTimeout() async throws {
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /silent") { _ in
                try? await Task.sleep(for: .seconds(5))
                return response(200, body: "<rss/>")
            }
        }
        let started = Date()
        XCTAssertThrowsError(try Fetcher(options: FetchOptions(totalTimeout: 1)).fetch(FetchRequest(url: server.url("/silent")))) {
            error in
            XCTAssertEqual((error as? FetchError)?.kind, .timedOut)
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 4, "cut off at the timeout, not when the server answers")
        await server.stop()
    }

    func testHostThatNeverCompletesTheConnectionIsCutOffByTheConnectTimeout() throws {
        let silent = try FullListener()
        defer { silent.stop() }
        let started = Date()
        let options = FetchOptions(connectTimeout: 1, totalTimeout: 30)
        XCTAssertThrowsError(try Fetcher(options: options).fetch(FetchRequest(url: silent.url("/feed.xml")))) { error in
            let failure = error as? FetchError
            XCTAssertEqual(failure?.kind, .timedOut)
            XCTAssertTrue(failure?.message.contains("connect") == true, "says it could not connect: \(failure?.message ?? "")")
            XCTAssertTrue("\(error)".contains(silent.url("/feed.xml")), "names the URL: \(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 10, "cut off at the connect timeout, not the total one")
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

    func testTransfersShareOneLoopWithinTheGlobalAndPerHostLimits() async throws {
        let inFlight = Gauge()
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /slow/*") { _ in
                inFlight.enter()
                try await Task.sleep(for: .milliseconds(300))
                inFlight.leave()
                return response(200, body: "<rss/>")
            }
        }
        // One host: never more than two at once, yet more than one (they do overlap).
        let polite = Fetcher(options: FetchOptions(maxConcurrentTransfers: 32, maxTransfersPerHost: 2, hostSpacing: 0))
        var outcomes: [Int: Int] = [:]
        polite.fetchAll((0..<8).map { FetchRequest(url: server.url("/slow/\($0)")) }) { index, result in
            outcomes[index] = (try? result.get())?.status
        }
        XCTAssertEqual(outcomes.count, 8)
        XCTAssertTrue(outcomes.values.allSatisfy { $0 == 200 })
        XCTAssertEqual(inFlight.maximum, 2, "the per-host limit")

        // Two names for the server count as two hosts; the global limit caps them together.
        inFlight.reset()
        let capped = Fetcher(options: FetchOptions(maxConcurrentTransfers: 3, maxTransfersPerHost: 4, hostSpacing: 0))
        let urls = (0..<6).map { server.url("/slow/a\($0)") } + (0..<6).map { "http://localhost:\(server.port)/slow/b\($0)" }
        var done = 0
        capped.fetchAll(urls.map { FetchRequest(url: $0) }) { _, result in if (try? result.get())?.status == 200 { done += 1 } }
        XCTAssertEqual(done, 12)
        XCTAssertEqual(inFlight.maximum, 3, "the global limit")
        await server.stop()
    }

    func testBodiesHeldInMemoryStayWithinTheBudgetAndABodyOverItStillComes() async throws {
        let inFlight = Gauge()
        let body = String(repeating: "<item>x</item>", count: 100 * 1024 / 14)
        let big = String(repeating: "<item>y</item>", count: 600 * 1024 / 14)
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /feed/*") { _ in
                inFlight.enter()
                try await Task.sleep(for: .milliseconds(150))
                inFlight.leave()
                return response(200, body: body)
            }
            await server.appendRoute("GET /big") { _ in response(200, body: big) }
        }
        // 250 KB of bodies at most: two 100 KB feeds at once once their size is known, and at the
        // start (nothing seen yet, each guessed at 256 KB) one.
        let frugal = Fetcher(
            options: FetchOptions(maxConcurrentTransfers: 32, maxTransfersPerHost: 32, hostSpacing: 0, maxBufferedBytes: 250_000))
        var sizes: [Int: Int] = [:]
        frugal.fetchAll((0..<8).map { FetchRequest(url: server.url("/feed/\($0)")) } + [FetchRequest(url: server.url("/big"))]) {
            index, result in
            sizes[index] = (try? result.get())?.body.count
        }
        XCTAssertEqual(sizes.count, 9)
        XCTAssertTrue((0..<8).allSatisfy { sizes[$0] == body.utf8.count }, "\(sizes)")
        XCTAssertEqual(sizes[8], big.utf8.count, "a body larger than the whole budget still comes")
        XCTAssertEqual(inFlight.maximum, 2, "no more transfers than the budget holds")

        // The default budget (4 MiB) leaves such feeds all the concurrency they are given.
        inFlight.reset()
        let roomy = Fetcher(options: FetchOptions(maxConcurrentTransfers: 32, maxTransfersPerHost: 32, hostSpacing: 0))
        roomy.fetchAll((0..<8).map { FetchRequest(url: server.url("/feed/b\($0)")) }) { _, _ in }
        XCTAssertEqual(inFlight.maximum, 8)
        await server.stop()
    }

    func testStartsToOneHostAreSpacedApart() async throws {
        let starts = Gauge()
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /feed/*") { _ in
                starts.stamp()
                return response(200, body: "<rss/>")
            }
        }
        let fetcher = Fetcher(options: FetchOptions(maxTransfersPerHost: 4, hostSpacing: 0.25))
        fetcher.fetchAll((0..<4).map { FetchRequest(url: server.url("/feed/\($0)")) }) { _, _ in }
        let times = starts.stamps.sorted()
        XCTAssertEqual(times.count, 4)
        for (earlier, later) in zip(times, times.dropFirst()) {
            XCTAssertGreaterThanOrEqual(later - earlier, 0.2, "requests to one host are at least the spacing apart")
        }
        await server.stop()
    }

    func testUnstartedTransfersAreCancelledWhenAskedToStop() async throws {
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /feed/*") { _ in response(200, body: "<rss/>") }
        }
        let fetcher = Fetcher(options: FetchOptions(maxTransfersPerHost: 1, hostSpacing: 0))
        var started = 0
        var kinds: [FetchError.Kind] = []
        fetcher.fetchAll((0..<5).map { FetchRequest(url: server.url("/feed/\($0)")) }, shouldStart: {
            started += 1
            return started <= 1
        }) { _, result in
            if case .failure(let error) = result { kinds.append(error.kind) }
        }
        XCTAssertEqual(kinds.count, 4)
        XCTAssertTrue(kinds.allSatisfy { $0 == .cancelled })
        await server.stop()
    }

    func testRequestsJoiningARunningRoundGoAheadOfThoseWaitingAndAreNumberedAfterThem() async throws {
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /*") { _ in
                try await Task.sleep(for: .milliseconds(300))
                return response(200, body: "<rss/>")
            }
        }
        // One at a time: eight requests take about 2.4 s, and the round asks for more after a second.
        let fetcher = Fetcher(options: FetchOptions(maxTransfersPerHost: 1, hostSpacing: 0))
        var asked = 0
        var order: [Int] = []
        var urls: [Int: String] = [:]
        fetcher.fetchAll(
            (0..<8).map { FetchRequest(url: server.url("/feed/\($0)")) },
            joining: {
                asked += 1
                return asked == 1 ? [FetchRequest(url: server.url("/joined"))] : []
            }
        ) { index, result in
            order.append(index)
            urls[index] = (try? result.get())?.finalURL
        }
        XCTAssertEqual(order.count, 9, "the round waits for the joined request too")
        XCTAssertEqual(urls[8], server.url("/joined"), "numbered after the requests given")
        let joinedAt = try XCTUnwrap(order.firstIndex(of: 8))
        XCTAssertLessThan(joinedAt, 7, "ahead of the requests still waiting: \(order)")
        XCTAssertGreaterThan(asked, 1, "asked again while the round ran")
        await server.stop()
    }

    func testLastModifiedIsSentBackAndA304Follows() async throws {
        let stamp = "Tue, 07 Sep 2021 10:00:00 GMT"
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /feed.xml") { request in
                if request.headers[.init("If-Modified-Since")] == stamp { return response(304) }
                return response(200, body: "<rss/>", headers: ["Last-Modified": stamp])
            }
        }
        let first = try Fetcher().fetch(FetchRequest(url: server.url("/feed.xml")))
        XCTAssertEqual(first.lastModified, stamp)
        let second = try Fetcher().fetch(FetchRequest(url: server.url("/feed.xml"), lastModified: first.lastModified))
        XCTAssertEqual(second.status, 304)
        await server.stop()
    }

    func testAChainOfPermanentRedirectsEndsAtItsLastTarget() async throws {
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /a") { _ in response(301, headers: ["Location": "/b"]) }
            await server.appendRoute("GET /b") { _ in response(308, headers: ["Location": "/c"]) }
            await server.appendRoute("GET /c") { _ in response(301, headers: ["Location": "/feed"]) }
            await server.appendRoute("GET /feed") { _ in response(200, body: "<rss/>") }
        }
        let result = try Fetcher().fetch(FetchRequest(url: server.url("/a")))
        XCTAssertEqual(result.status, 200)
        XCTAssertEqual(result.redirects.map(\.status), [301, 308, 301])
        XCTAssertEqual(result.permanentRedirect, server.url("/feed"))
        await server.stop()
    }

    func testServerThatDripsIsCutOffByTheLowSpeedLimit() throws {
        let server = try RawTCPServer { socket in
            RawTCPServer.send(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 5000\r\n\r\n<rss>")
            // One byte a second, for at most 15 seconds.
            for _ in 0..<15 {
                Thread.sleep(forTimeInterval: 1)
                RawTCPServer.send(socket, " ")
            }
        }
        defer { server.stop() }
        let fetcher = Fetcher(options: FetchOptions(lowSpeedLimit: 100, lowSpeedTime: 2))
        let started = Date()
        XCTAssertThrowsError(try fetcher.fetch(FetchRequest(url: server.url("/drip")))) { error in
            XCTAssertEqual((error as? FetchError)?.kind, .timedOut, "\(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 10, "cut off long before the server is done")
    }

    func testResetConnectionIsAnErrorThatNamesTheURL() throws {
        let server = try RawTCPServer { socket in
            RawTCPServer.send(socket, "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n<rss>")
            RawTCPServer.reset(socket)
        }
        defer { server.stop() }
        XCTAssertThrowsError(try Fetcher().fetch(FetchRequest(url: server.url("/reset")))) { error in
            XCTAssertEqual((error as? FetchError)?.kind, .connectionFailed, "\(error)")
            XCTAssertTrue("\(error)".hasPrefix(server.url("/reset")), "\(error)")
        }
    }
}

/// Requests in flight at the test server, the most seen at once, and when each arrived.
final class Gauge: @unchecked Sendable {
    private let lock = NSLock()
    private var current = 0
    private var most = 0
    private var times: [TimeInterval] = []

    func enter() {
        lock.withLock {
            current += 1
            most = max(most, current)
        }
    }
    func leave() { lock.withLock { current -= 1 } }
    func stamp() { lock.withLock { times.append(ProcessInfo.processInfo.systemUptime) } }
    func reset() { lock.withLock { most = 0 } }
    var maximum: Int { lock.withLock { most } }
    var stamps: [TimeInterval] { lock.withLock { times } }
}
