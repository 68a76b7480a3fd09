import Foundation
import Synchronization
import TidingsConfig
import TidingsCore
import TidingsStore
import TidingsTestSupport
import XCTest

@testable import TidingsScheduler

final class PollerTests: XCTestCase {
    static let feedXML = """
        <?xml version="1.0"?><rss version="2.0"><channel><title>Served</title>
        <item><title>One</title><guid>s-1</guid><description>&lt;p&gt;First served story.&lt;/p&gt;</description></item>
        <item><title>Two</title><guid>s-2</guid><description>Second served story.</description></item>
        </channel></rss>
        """

    func testPollRoundStoresThenUses304AndIsolatesAFailingFeed() async throws {
        let hits = Counter()
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /feed.xml") { request in
                hits.increment()
                if request.headers[.init("If-None-Match")] == "\"v1\"" { return response(304) }
                return response(200, body: PollerTests.feedXML, headers: ["ETag": "\"v1\""])
            }
            await server.appendRoute("GET /broken") { _ in response(500) }
        }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try FeedStore(path: folder.file("t.sqlite"))
        let good = try store.addFeed(url: server.url("/feed.xml"))
        let bad = try store.addFeed(url: server.url("/broken"))
        let poller = Poller(store: store, configuration: Configuration())

        let first = poller.poll(try store.feeds())
        XCTAssertEqual(first.count, 2)
        XCTAssertEqual(first[0].summaryLine, "\(good.url): new 2, updated 0, duplicates 0, errors 0")
        XCTAssertEqual(first[1].summaryLine, "\(bad.url): new 0, updated 0, duplicates 0, errors 1: HTTP 500")
        var stored: [String] = []
        try store.forEachArticle(ArticleQuery()) { stored.append($0.article.contentText) }
        XCTAssertEqual(stored, ["First served story.", "Second served story."])

        let second = poller.poll([try store.feed(String(good.id))])
        XCTAssertTrue(second[0].summaryLine.contains("not modified (304)"), second[0].summaryLine)
        XCTAssertEqual(hits.count, 2)
        let failing = try store.feed(String(bad.id))
        XCTAssertEqual(failing.consecutiveErrors, 1)
        XCTAssertEqual(failing.lastStatus, 500)
        XCTAssertGreaterThan(failing.nextPollAt!, Date())
        await server.stop()
    }

    /// A round's writes are gathered into a few transactions (304s without a worker): every feed
    /// still gets its report and its new state, whatever batch it landed in.
    func testEveryFeedOfARoundIsReportedAndKeepsItsNewStateWhenWritesAreBatched() async throws {
        let round = Counter()
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /feed/*") { request in
                let number = Int(request.path.split(separator: "/").last ?? "") ?? 0
                let changed = round.count > 0 && number % 3 == 0
                let tag = "\"v\(changed ? 2 : 1)\""
                if request.headers[.init("If-None-Match")] == tag { return response(304) }
                let extra = changed ? "<item><guid>\(number)-new</guid><title>New</title><description>Story \(number) of the second round.</description></item>" : ""
                return response(
                    200,
                    body: "<rss version=\"2.0\"><channel><title>F\(number)</title>\(extra)<item><guid>\(number)-a</guid><title>A</title><description>Story \(number), first told.</description></item></channel></rss>",
                    headers: ["ETag": tag])
            }
        }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try FeedStore(path: folder.file("t.sqlite"))
        for number in 0..<60 { _ = try store.addFeed(url: server.url("/feed/\(number)")) }
        let poller = makePoller(store)
        let first = poller.poll(try store.feeds())
        XCTAssertEqual(first.filter { $0.summaryLine.hasSuffix("new 1, updated 0, duplicates 0, errors 0") }.count, 60)

        round.increment()
        let second = poller.poll(try store.feeds())
        XCTAssertEqual(second.count, 60)
        for (number, report) in second.enumerated() {
            let expected = number % 3 == 0 ? "new 1, updated 0, duplicates 0, errors 0" : "not modified (304)"
            XCTAssertTrue(report.summaryLine.contains(expected), "feed \(number): \(report.summaryLine)")
        }
        for feed in try store.feeds() {
            let number = Int(feed.url.split(separator: "/").last ?? "") ?? -1
            XCTAssertEqual(feed.lastStatus, number % 3 == 0 ? 200 : 304, feed.url)
            XCTAssertEqual(feed.etag, number % 3 == 0 ? "\"v2\"" : "\"v1\"", feed.url)
        }
        var count = 0
        try store.forEachArticle(ArticleQuery()) { _ in count += 1 }
        XCTAssertEqual(count, 80)
        await server.stop()
    }

    func testUnreadableBodyIsAFeedErrorNotACrash() async throws {
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /html") { _ in response(200, body: "<html><body>nope</body></html>", headers: ["Content-Type": "text/html"]) }
        }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try FeedStore(path: folder.file("t.sqlite"))
        try store.addFeed(url: server.url("/html"))
        let reports = Poller(store: store, configuration: Configuration()).poll(try store.feeds())
        XCTAssertTrue(reports[0].isFailure)
        XCTAssertTrue(reports[0].summaryLine.contains("not a readable feed"), reports[0].summaryLine)
        await server.stop()
    }

    // MARK: status codes, redirects and the schedule, on an injected clock

    static let clock = Date(timeIntervalSince1970: 1_800_000_000)

    func makePoller(_ store: FeedStore) -> Poller {
        var configuration = Configuration()
        configuration.fetch.hostSpacing = 0  // every test feed is on 127.0.0.1; spacing has its own test
        return Poller(store: store, configuration: configuration, now: { PollerTests.clock })
    }

    func testPermanentRedirectMovesTheFeedOnlyAfterThreeConsecutivePolls() async throws {
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /old") { _ in response(301, headers: ["Location": "/new"]) }
            await server.appendRoute("GET /temporary") { _ in response(302, headers: ["Location": "/new"]) }
            await server.appendRoute("GET /mixed") { _ in response(307, headers: ["Location": "/old"]) }
            await server.appendRoute("GET /new") { _ in response(200, body: PollerTests.feedXML) }
        }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try FeedStore(path: folder.file("t.sqlite"))
        let moved = try store.addFeed(url: server.url("/old"))
        let temporary = try store.addFeed(url: server.url("/temporary"))
        let mixed = try store.addFeed(url: server.url("/mixed"))
        let poller = makePoller(store)
        for round in 1...3 {
            let feeds = try [moved, temporary, mixed].map { try store.feed(String($0.id)) }
            let reports = poller.poll(feeds)
            XCTAssertFalse(reports.contains(where: \.isFailure), "\(reports.map(\.summaryLine))")
            let current = try store.feed(String(moved.id))
            if round < 3 {
                XCTAssertEqual(current.url, server.url("/old"), "round \(round): not moved yet")
                XCTAssertEqual(current.redirectPolls, round)
            } else {
                XCTAssertEqual(current.url, server.url("/new"), "moved on the third poll in a row")
                XCTAssertEqual(current.originalURL, server.url("/old"), "the original URL stays recorded")
            }
        }
        XCTAssertEqual(try store.feed(String(temporary.id)).url, server.url("/temporary"), "302 never moves a feed")
        XCTAssertEqual(try store.feed(String(mixed.id)).url, server.url("/mixed"), "a temporary hop first: not for good")
        await server.stop()
    }

    /// Polls through a permanent redirect count only when the new address answers with the feed: a
    /// 301 to a parked domain's page (or a 404) three times had moved the subscription there for
    /// good, and the feed, back at its address on the fourth poll, was never asked for again.
    func testPermanentRedirectToAnAddressThatServesNoFeedDoesNotMoveTheFeed() async throws {
        let parking = Mutex(true)
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /flaky") { _ in
                parking.withLock { $0 } ? response(301, headers: ["Location": "/parked"]) : response(200, body: PollerTests.feedXML)
            }
            await server.appendRoute("GET /parked") { _ in
                response(200, body: "<html><body>This domain is for sale.</body></html>", headers: ["Content-Type": "text/html"])
            }
        }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try FeedStore(path: folder.file("t.sqlite"))
        let feed = try store.addFeed(url: server.url("/flaky"))
        let poller = makePoller(store)
        for _ in 1...4 {
            XCTAssertTrue(poller.poll([try store.feed(String(feed.id))])[0].isFailure)
            let current = try store.feed(String(feed.id))
            XCTAssertEqual(current.url, server.url("/flaky"))
            XCTAssertEqual(current.redirectPolls, 0)
        }
        parking.withLock { $0 = false }
        XCTAssertEqual(poller.poll([try store.feed(String(feed.id))])[0].summaryLine, "\(server.url("/flaky")): new 2, updated 0, duplicates 0, errors 0")
        await server.stop()
    }

    /// A permanent redirect never moves a feed from https down to http, and a target's fragment is
    /// not kept.
    func testPermanentRedirectNeverMovesAFeedFromHTTPSToHTTPAndDropsTheFragment() {
        XCTAssertNil(Poller.movableTarget("http://a.example/feed", from: "https://a.example/feed"))
        XCTAssertEqual(Poller.movableTarget("https://a.example/feed#x", from: "http://a.example/feed"), "https://a.example/feed")
        XCTAssertEqual(Poller.movableTarget("http://b.example/feed", from: "http://a.example/feed"), "http://b.example/feed")
        XCTAssertNil(Poller.movableTarget(nil, from: "http://a.example/feed"))
    }

    /// "In a row": a poll that meets no redirect (the publisher took it back) starts the count over.
    func testPermanentRedirectCountStartsOverWhenAPollMeetsNone() async throws {
        let redirecting = Mutex(true)
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /old") { _ in
                redirecting.withLock { $0 } ? response(301, headers: ["Location": "/new"]) : response(200, body: PollerTests.feedXML)
            }
            await server.appendRoute("GET /new") { _ in response(200, body: PollerTests.feedXML) }
        }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try FeedStore(path: folder.file("t.sqlite"))
        let feed = try store.addFeed(url: server.url("/old"))
        let poller = makePoller(store)
        for redirects in [true, true, false, true, true] {
            redirecting.withLock { $0 = redirects }
            XCTAssertFalse(poller.poll(try store.feed(String(feed.id))).isFailure)
        }
        let current = try store.feed(String(feed.id))
        XCTAssertEqual(current.url, server.url("/old"), "two, none, two: never three in a row")
        XCTAssertEqual(current.redirectPolls, 2)
        XCTAssertFalse(poller.poll(current).isFailure)
        XCTAssertEqual(try store.feed(String(feed.id)).url, server.url("/new"), "the third in a row moves it")
        await server.stop()
    }

    /// A 200 whose body is byte for byte the last one (a server without validators) is not parsed
    /// again: the poll says so, and nothing is stored or counted.
    func testByteIdenticalBodyIsNotParsedAgain() async throws {
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /plain.xml") { _ in response(200, body: PollerTests.feedXML) }
        }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try FeedStore(path: folder.file("t.sqlite"))
        let feed = try store.addFeed(url: server.url("/plain.xml"))
        let poller = makePoller(store)
        XCTAssertEqual(poller.poll(feed).summaryLine, "\(feed.url): new 2, updated 0, duplicates 0, errors 0")
        let again = poller.poll(try store.feed(String(feed.id)))
        guard case .unchanged(let status) = again.outcome else { return XCTFail(again.summaryLine) }
        XCTAssertEqual(status, 200)
        XCTAssertEqual(try store.feed(String(feed.id)).lastStatus, 200)
        await server.stop()
    }

    /// A 304 to a request without validators: an error that says so, not "not modified" for ever
    /// on a feed never read.
    func testNotModifiedToARequestWithoutValidatorsIsAnError() async throws {
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /always304") { _ in response(304) }
        }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try FeedStore(path: folder.file("t.sqlite"))
        let feed = try store.addFeed(url: server.url("/always304"))
        let report = makePoller(store).poll(feed)
        XCTAssertTrue(report.isFailure)
        let after = try store.feed(String(feed.id))
        XCTAssertEqual(after.consecutiveErrors, 1)
        XCTAssertEqual(after.lastError, "HTTP 304 (not modified) to a request that sent no validators (If-None-Match, If-Modified-Since)")
        await server.stop()
    }

    /// A server that answers 412 to any conditional request: the poll asks again without
    /// validators and reads the feed; it had failed at every poll for ever.
    func testPreconditionFailedToAConditionalRequestIsAskedAgainWithoutValidators() async throws {
        let conditional = Counter()
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /strict") { request in
                if request.headers[.init("If-None-Match")] != nil {
                    conditional.increment()
                    return response(412)
                }
                return response(200, body: PollerTests.feedXML, headers: ["ETag": "\"z\""])
            }
        }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try FeedStore(path: folder.file("t.sqlite"))
        let feed = try store.addFeed(url: server.url("/strict"))
        let poller = makePoller(store)
        XCTAssertFalse(poller.poll(feed).isFailure)
        for _ in 0..<2 {
            let report = poller.poll(try store.feed(String(feed.id)))
            XCTAssertFalse(report.isFailure, report.summaryLine)
        }
        XCTAssertEqual(conditional.count, 2)
        XCTAssertEqual(try store.feed(String(feed.id)).consecutiveErrors, 0)
        await server.stop()
    }

    /// Errors say what the answer was and, after a redirect, where it came from; a 206 (a part of
    /// the feed where the whole was asked for) is not read; a Retry-After too long for an Int is a
    /// long wait, not an error; a gzip body without its Content-Encoding is named so, not as a root
    /// element of binary noise.
    func testHTTPErrorsSayWhatAndWhereAndPartialContentIsNotRead() async throws {
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /moved") { _ in response(302, headers: ["Location": "/missing"]) }
            await server.appendRoute("GET /missing") { _ in response(404) }
            await server.appendRoute("GET /nowhere") { _ in response(302) }
            await server.appendRoute("GET /part") { _ in
                response(206, body: String(PollerTests.feedXML.prefix(200)), headers: ["Content-Range": "bytes 0-199/400"])
            }
            await server.appendRoute("GET /later") { _ in response(503, headers: ["Retry-After": "99999999999999999999"]) }
            let gzipped = try! Data(contentsOf: URL(fileURLWithPath: Fixtures.path("http/feed.xml.gz")))
            await server.appendRoute("GET /unlabelled.gz") { _ in response(200, data: gzipped) }
        }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try FeedStore(path: folder.file("t.sqlite"))
        for path in ["/moved", "/nowhere", "/part", "/later"] { try store.addFeed(url: server.url(path)) }
        try store.addFeed(url: server.url("/unlabelled.gz"))
        let reports = makePoller(store).poll(try store.feeds())
        XCTAssertEqual(reports[0].summaryLine, "\(server.url("/moved")): new 0, updated 0, duplicates 0, errors 1: HTTP 404 at \(server.url("/missing"))")
        XCTAssertTrue(reports[4].summaryLine.hasSuffix("errors 1: not a readable feed: the body is gzip-compressed but was sent without `Content-Encoding: gzip`"), reports[4].summaryLine)
        XCTAssertTrue(reports[1].summaryLine.hasSuffix("errors 1: HTTP 302 without a Location"), reports[1].summaryLine)
        XCTAssertTrue(reports[2].summaryLine.hasSuffix("errors 1: HTTP 206 (partial content) to a request for the whole feed"), reports[2].summaryLine)
        XCTAssertFalse(reports[3].isFailure, reports[3].summaryLine)
        XCTAssertEqual(try store.feeds()[3].nextPollAt, PollerTests.clock + 86400, "the longest wait: max_backoff")
        var stored = 0
        try store.forEachArticle(ArticleQuery(includeDuplicates: true)) { _ in stored += 1 }
        XCTAssertEqual(stored, 0)
        await server.stop()
    }

    func testGoneFeedIsNoLongerPolledUntilRevived() async throws {
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /gone") { _ in response(410) }
        }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try FeedStore(path: folder.file("t.sqlite"))
        let feed = try store.addFeed(url: server.url("/gone"))
        let report = makePoller(store).poll(feed)
        XCTAssertTrue(report.summaryLine.contains("gone"), report.summaryLine)
        let gone = try store.feed(String(feed.id))
        XCTAssertTrue(gone.isGone)
        XCTAssertEqual(gone.lastStatus, 410)
        XCTAssertTrue(try store.dueFeeds(at: PollerTests.clock + 365 * 86400).isEmpty, "never due again on its own")
        // Re-adding brings it back.
        try store.addFeed(url: server.url("/gone"))
        XCTAssertFalse(try store.feed(String(feed.id)).isGone)
        XCTAssertEqual(try store.dueFeeds(at: Date()).map(\.id), [feed.id])
        await server.stop()
    }

    func testTooManyRequestsWithRetryAfterDefersAndIsNotAnError() async throws {
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /busy") { _ in response(429, headers: ["Retry-After": "900"]) }
            await server.appendRoute("GET /maintenance") { _ in
                response(503, headers: ["Retry-After": "Fri, 15 Jan 2027 08:30:00 GMT"])
            }
            await server.appendRoute("GET /down") { _ in response(503) }
        }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try FeedStore(path: folder.file("t.sqlite"))
        let busy = try store.addFeed(url: server.url("/busy"))
        let maintenance = try store.addFeed(url: server.url("/maintenance"))
        let down = try store.addFeed(url: server.url("/down"))
        let reports = makePoller(store).poll(try store.feeds())
        XCTAssertFalse(reports[0].isFailure)
        XCTAssertFalse(reports[1].isFailure)
        XCTAssertTrue(reports[2].isFailure, "503 without Retry-After is an error")

        let deferred = try store.feed(String(busy.id))
        XCTAssertEqual(deferred.consecutiveErrors, 0)
        XCTAssertEqual(deferred.lastStatus, 429)
        XCTAssertEqual(deferred.nextPollAt, PollerTests.clock + 900)
        XCTAssertEqual(
            try store.feed(String(maintenance.id)).nextPollAt, PollerTests.clock + 1800,
            "Retry-After as an HTTP date, half an hour after the clock")
        let failing = try store.feed(String(down.id))
        XCTAssertEqual(failing.consecutiveErrors, 1)
        XCTAssertLessThanOrEqual(failing.nextPollAt!, PollerTests.clock + 1800, "first backoff: up to one interval")
        XCTAssertGreaterThanOrEqual(failing.nextPollAt!, PollerTests.clock + 60)

        // Asked to wait again right after a wait: no sooner than its interval (30 min ± 10%).
        XCTAssertFalse(makePoller(store).poll(deferred).isFailure)
        let again = try XCTUnwrap(try store.feed(String(busy.id)).nextPollAt).timeIntervalSince(PollerTests.clock)
        XCTAssertTrue((1620...1980).contains(again), "\(again) s")
        await server.stop()
    }

    /// A server that answers every poll with 503 and `Retry-After: 0`: the first wait is the minimum
    /// retry, the ones after it the feed's interval; it had been asked once a minute for ever.
    func testRetryAfterZeroAgainAndAgainIsNotPolledMoreOftenThanTheInterval() async throws {
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /busy") { _ in response(503, headers: ["Retry-After": "0"]) }
        }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try FeedStore(path: folder.file("t.sqlite"))
        let feed = try store.addFeed(url: server.url("/busy"))
        let poller = makePoller(store)
        var waits: [TimeInterval] = []
        for _ in 0..<4 {
            XCTAssertFalse(poller.poll(try store.feed(String(feed.id))).isFailure)
            waits.append(try XCTUnwrap(try store.feed(String(feed.id)).nextPollAt).timeIntervalSince(PollerTests.clock))
        }
        XCTAssertEqual(waits[0], 60)
        XCTAssertTrue(waits.dropFirst().allSatisfy { (1620...1980).contains($0) }, "\(waits)")
        await server.stop()
    }

    func testIntervalFollowsThePostingRateAndCarriesOverA304() async throws {
        let hourly = (0..<6).map { hour in
            "<item><guid>h-\(hour)</guid><title>Hour \(hour)</title><pubDate>Tue, 07 Sep 2021 \(String(format: "%02d", 10 + hour)):00:00 GMT</pubDate><description>Story of hour \(hour).</description></item>"
        }.joined()
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /hourly") { request in
                if request.headers[.init("If-None-Match")] == "\"h\"" { return response(304) }
                return response(200, body: "<rss version=\"2.0\"><channel><title>H</title>\(hourly)</channel></rss>", headers: ["ETag": "\"h\""])
            }
        }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try FeedStore(path: folder.file("t.sqlite"))
        let feed = try store.addFeed(url: server.url("/hourly"))
        let poller = makePoller(store)
        _ = poller.poll(feed)
        let polled = try store.feed(String(feed.id))
        XCTAssertEqual(polled.scheduledInterval, 3600)
        XCTAssertTrue((3240...3960).contains(polled.nextPollAt!.timeIntervalSince(PollerTests.clock)))
        let report = poller.poll(polled)
        XCTAssertTrue(report.summaryLine.contains("not modified"), report.summaryLine)
        XCTAssertTrue((3240...3960).contains(try store.feed(String(feed.id)).nextPollAt!.timeIntervalSince(PollerTests.clock)))
        await server.stop()
    }

    /// What the publisher asks reaches the schedule: an RSS ttl of 3 hours, or a Cache-Control
    /// max-age of 2 hours, holds a feed that posts hourly to that interval.
    func testPublisherHintsHoldTheScheduleAtTheirInterval() async throws {
        let hourly = (0..<6).map { hour in
            "<item><guid>h-\(hour)</guid><title>Hour \(hour)</title><pubDate>Tue, 07 Sep 2021 \(String(format: "%02d", 10 + hour)):00:00 GMT</pubDate><description>Story of hour \(hour).</description></item>"
        }.joined()
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /ttl") { _ in
                response(200, body: "<rss version=\"2.0\"><channel><title>T</title><ttl>180</ttl>\(hourly)</channel></rss>")
            }
            await server.appendRoute("GET /max-age") { _ in
                response(200, body: "<rss version=\"2.0\"><channel><title>M</title>\(hourly)</channel></rss>", headers: ["Cache-Control": "max-age=7200"])
            }
        }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try FeedStore(path: folder.file("t.sqlite"))
        let ttl = try store.addFeed(url: server.url("/ttl"))
        let maxAge = try store.addFeed(url: server.url("/max-age"))
        _ = makePoller(store).poll([ttl, maxAge])
        XCTAssertEqual(try store.feed(String(ttl.id)).scheduledInterval, 3 * 3600)
        XCTAssertEqual(try store.feed(String(maxAge.id)).scheduledInterval, 2 * 3600)
        await server.stop()
    }

    func testPostingRateCountsTheEntriesSkippedAsListedBefore() async throws {
        let hours = Counter()
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /hourly") { _ in
                // Each poll lists one more hourly entry; the ones before stay byte for byte.
                let items = (0..<(6 + hours.count)).reversed().map { hour in
                    "<item><guid>h-\(hour)</guid><title>Hour \(hour)</title><pubDate>Tue, 07 Sep 2021 \(String(format: "%02d", hour)):00:00 GMT</pubDate><description>Story of hour \(hour).</description></item>"
                }
                return response(200, body: "<rss version=\"2.0\"><channel><title>H</title>\(items.joined())</channel></rss>")
            }
        }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try FeedStore(path: folder.file("t.sqlite"))
        let feed = try store.addFeed(url: server.url("/hourly"))
        let poller = makePoller(store)
        _ = poller.poll(feed)
        XCTAssertEqual(try store.feed(String(feed.id)).scheduledInterval, 3600)
        for polls in 2...3 {
            hours.increment()
            let report = poller.poll(try store.feed(String(feed.id)))
            guard case .stored(let summary) = report.outcome else { return XCTFail(report.summaryLine) }
            XCTAssertEqual(summary.new, 1, "poll \(polls)")
            XCTAssertEqual(summary.unchanged, 5 + polls - 1, "poll \(polls): the entries listed before were skipped")
            XCTAssertEqual(
                try store.feed(String(feed.id)).scheduledInterval, 3600,
                "poll \(polls): the skipped entries' dates still count (one date alone gives no rate)")
            XCTAssertEqual(try store.listedEntries(feedID: feed.id).compactMap(\.date).count, 6 + polls - 1)
        }
        await server.stop()
    }

    func testStopCutsOffATransferThatHangsAndRecordsNoError() async throws {
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /hang") { _ in
                try await Task.sleep(for: .seconds(20))
                return response(200, body: PollerTests.feedXML)
            }
        }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try FeedStore(path: folder.file("t.sqlite"))
        let feed = try store.addFeed(url: server.url("/hang"))
        let poller = Poller(store: store, configuration: Configuration())
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { poller.requestStop(grace: 0.5) }
        let started = Date()
        let report = poller.poll(feed)
        XCTAssertLessThan(Date().timeIntervalSince(started), 10, "cut off, not waited out")
        XCTAssertTrue(report.summaryLine.contains("interrupted"), report.summaryLine)
        XCTAssertEqual(try store.feed(String(feed.id)).consecutiveErrors, 0)
        await server.stop()
    }

    func testAFeedServedUnderAWrongContentTypeIsStillRead() async throws {
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /as-html") { _ in response(200, body: PollerTests.feedXML, headers: ["Content-Type": "text/html"]) }
            await server.appendRoute("GET /as-binary") { _ in
                response(200, body: PollerTests.feedXML, headers: ["Content-Type": "application/octet-stream"])
            }
        }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try FeedStore(path: folder.file("t.sqlite"))
        try store.addFeed(url: server.url("/as-html"))
        try store.addFeed(url: server.url("/as-binary"))
        let reports = makePoller(store).poll(try store.feeds())
        XCTAssertEqual(reports.map(\.summaryLine), [
            "\(server.url("/as-html")): new 2, updated 0, duplicates 0, errors 0",
            "\(server.url("/as-binary")): new 2, updated 0, duplicates 0, errors 0",
        ])
        await server.stop()
    }

    /// Tier 2 through a proxy: a FeedBurner feed links each story through feedproxy and names the
    /// publisher's address in feedburner:origLink; the story from the publisher's own feed (another
    /// text, too short for the text tiers) is the same article.
    func testStoryThroughFeedBurnerAndFromThePublisherIsOneArticleAtThePublishersAddress() async throws {
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /feedburner.xml") { _ in
                response(200, body: """
                    <rss version="2.0" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"><channel><title>Proxied</title>
                    <item><guid isPermaLink="false">fb-1</guid><title>Budget passed</title>
                    <link>http://feedproxy.google.com/~r/site/~3/AbCdEf/</link>
                    <feedburner:origLink>https://site.example/2021/budget?utm_source=feedburner&amp;utm_medium=feed</feedburner:origLink>
                    <description>The budget passed late on Tuesday.</description></item></channel></rss>
                    """)
            }
            await server.appendRoute("GET /direct.xml") { _ in
                response(200, body: """
                    <rss version="2.0"><channel><title>Direct</title>
                    <item><guid>https://site.example/2021/budget</guid><title>Budget passed</title>
                    <link>https://site.example/2021/budget</link>
                    <description>Lawmakers passed the budget.</description></item></channel></rss>
                    """)
            }
        }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try FeedStore(path: folder.file("t.sqlite"))
        try store.addFeed(url: server.url("/feedburner.xml"))
        try store.addFeed(url: server.url("/direct.xml"))
        // Whichever is stored first is the article, the other its duplicate.
        let summaries = makePoller(store).poll(try store.feeds()).compactMap { report -> IngestSummary? in
            if case .stored(let summary) = report.outcome { return summary }
            return nil
        }
        XCTAssertEqual(summaries.map(\.new).reduce(0, +), 1)
        XCTAssertEqual(summaries.map(\.duplicates).reduce(0, +), 1)
        var stored: [StoredArticle] = []
        try store.forEachArticle(ArticleQuery(includeDuplicates: true)) { stored.append($0) }
        XCTAssertEqual(stored.map(\.article.url), ["https://site.example/2021/budget", "https://site.example/2021/budget"],
            "the publisher's address, not the proxy's, without the tracking parameters")
        await server.stop()
    }

    /// A feed of more than a megabyte (a long podcast feed, a full-content feed): every entry stored.
    /// Every such feed had failed with "no root element in the first 1048576 bytes".
    /// Episodes that give neither guid nor link, nor a title of their own: the enclosure tells them
    /// apart. Each is stored once, and once only when the feed lists them again.
    func testPodcastEpisodesWithoutGuidLinkOrOwnTitleAreEachStoredOnce() async throws {
        let round = Counter()
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /podcast.xml") { _ in
                let episodes = (1...(round.increment() == 1 ? 4 : 5)).map { number in
                    let title = number > 2 ? "<title>Episode</title>" : ""
                    return "<item>\(title)<enclosure url=\"https://cdn.example/ep\(number).mp3\" type=\"audio/mpeg\" length=\"\(number)00\"/></item>"
                }
                return response(200, body: "<rss version=\"2.0\"><channel><title>Pod</title>\(episodes.joined())</channel></rss>")
            }
        }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try FeedStore(path: folder.file("t.sqlite"))
        _ = try store.addFeed(url: server.url("/podcast.xml"))
        let poller = Poller(store: store, configuration: Configuration())
        XCTAssertEqual(poller.poll(try store.feeds())[0].summaryLine.components(separatedBy: ": ").last, "new 4, updated 0, duplicates 0, errors 0")
        XCTAssertEqual(poller.poll(try store.feeds())[0].summaryLine.components(separatedBy: ": ").last, "new 1, updated 0, duplicates 0, errors 0")
        var enclosures: [String] = []
        try store.forEachArticle(ArticleQuery(includeDuplicates: true)) { enclosures += $0.article.enclosures.map(\.url) }
        XCTAssertEqual(enclosures, (1...5).map { "https://cdn.example/ep\($0).mp3" })
        await server.stop()
    }

    func testFeedOverAMegabyteIsStoredWhole() async throws {
        let items = (1...300).map { number in
            let words = (1...600).map { "w\(number)x\($0)" }.joined(separator: " ")
            return "<item><guid>big-\(number)</guid><title>Entry \(number)</title><description>\(words)</description></item>"
        }
        let body = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Big</title>\(items.joined())</channel></rss>"
        XCTAssertGreaterThan(body.utf8.count, 1 << 20)
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /big.xml") { _ in response(200, body: body) }
        }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try FeedStore(path: folder.file("t.sqlite"))
        let feed = try store.addFeed(url: server.url("/big.xml"))
        XCTAssertEqual(makePoller(store).poll(feed).summaryLine, "\(feed.url): new 300, updated 0, duplicates 0, errors 0")
        await server.stop()
    }

    func testEntriesListedAgainUnchangedAreSkippedAndEditsStillLand() async throws {
        let version = Counter()
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /feed.xml") { _ in
                let second = version.count > 0
                let items = [
                    "<item><guid>a</guid><title>A</title><description>Alpha story, as first told.</description></item>",
                    "<item><guid>b</guid><title>B</title><description>\(second ? "Beta story, corrected." : "Beta story.")</description></item>",
                    second ? "<item><guid>c</guid><title>C</title><description>Gamma story.</description></item>" : "",
                ]
                return response(200, body: "<rss version=\"2.0\"><channel><title>T</title>\(items.joined())</channel></rss>")
            }
        }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try FeedStore(path: folder.file("t.sqlite"))
        let feed = try store.addFeed(url: server.url("/feed.xml"))
        let poller = makePoller(store)
        _ = poller.poll(feed)
        version.increment()
        let report = poller.poll(try store.feed(String(feed.id)))
        guard case .stored(let summary) = report.outcome else { return XCTFail(report.summaryLine) }
        XCTAssertEqual(summary.new, 1)
        XCTAssertEqual(summary.updated, 1)
        XCTAssertEqual(summary.unchanged, 1, "A was listed again as it was")
        XCTAssertEqual(try store.listedEntries(feedID: feed.id).count, 3, "the second document's three entries, for the third poll")
        XCTAssertEqual(try store.unchangedEntryKeys(feedID: feed.id, [("a", "nope")]), [], "a different source is not skipped")
        var texts: [String] = []
        try store.forEachArticle(ArticleQuery()) { texts.append($0.article.contentText) }
        XCTAssertEqual(texts, ["Alpha story, as first told.", "Beta story, corrected.", "Gamma story."])
        await server.stop()
    }
}


/// Feeds added with `--fulltext`: the article comes from the page each entry links to.
final class FullTextPollerTests: XCTestCase {
    static func feed(_ base: String, items: [Int]) -> String {
        let entries = items.map { n in
            "<item><title>Story \(n)</title><guid>t-\(n)</guid><link>\(base)/story-\(n)</link><description>Teaser \(n) only.</description></item>"
        }
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Teasers</title>" + entries.joined() + "</channel></rss>"
    }

    func testFullTextFeedStoresTheLinkedArticleAndKeepsTheTeaserWhenThePageFails() async throws {
        let pageHits = Counter()
        let items = Mutex([1, 2, 3])
        let page = try Fixtures.text("pages/blog-with-comments.html")
        let other = try Fixtures.text("pages/news-div-layout.html")
        // The same article in windows-1252, declared only in the Content-Type.
        let latin = "<html><body><article><p>" + String(repeating: "Caf\u{E9} cr\u{E8}me, na\u{EF}ve fa\u{E7}ade, and a long sentence about it. ", count: 8) + "</p></article></body></html>"
        let base = Mutex("")
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /teasers.xml") { _ in
                response(200, body: FullTextPollerTests.feed(base.withLock { $0 }, items: items.withLock { $0 }))
            }
            await server.appendRoute("GET /story-1") { _ in
                pageHits.increment()
                return response(200, body: page, headers: ["Content-Type": "text/html; charset=utf-8"])
            }
            await server.appendRoute("GET /story-2") { _ in response(404) }
            await server.appendRoute("GET /story-3") { _ in
                response(200, data: latin.data(using: .windowsCP1252)!, headers: ["Content-Type": "text/html; charset=windows-1252"])
            }
            await server.appendRoute("GET /story-4") { _ in response(200, body: other, headers: ["Content-Type": "text/html"]) }
        }
        base.withLock { $0 = String(server.url("/").dropLast()) }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try FeedStore(path: folder.file("t.sqlite"))
        try store.addFeed(url: server.url("/teasers.xml"), fullText: true)
        var configuration = Configuration()
        configuration.fetch.hostSpacing = 0
        let poller = Poller(store: store, configuration: configuration)

        XCTAssertEqual(poller.poll(try store.feeds())[0].summaryLine.contains("new 3"), true)
        var articles: [String: CleanArticle] = [:]
        try store.forEachArticle(ArticleQuery()) { articles[$0.article.entryKey] = $0.article }
        let full = try XCTUnwrap(articles["t-1"])
        XCTAssertEqual(full.contentText + "\n", try Fixtures.text("pages/blog-with-comments.txt"))
        XCTAssertEqual(full.summary, "Teaser 1 only.")
        XCTAssertTrue(full.contentHTML?.contains("src=\"\(server.url("/wp-content/uploads/2026/03/ferry.jpg"))\"") ?? false)
        XCTAssertEqual(articles["t-2"]?.contentText, "Teaser 2 only.", "a failed page keeps the teaser")
        XCTAssertTrue(articles["t-3"]?.contentText.hasPrefix("Café crème, naïve façade") ?? false, articles["t-3"]?.contentText ?? "")

        // A later poll fetches only the pages of entries it has not seen.
        items.withLock { $0 = [4, 1, 2, 3] }
        let second = poller.poll(try store.feeds())[0].summaryLine
        XCTAssertTrue(second.contains("new 1, updated 0, duplicates 0"), second)
        XCTAssertEqual(pageHits.count, 1)
        await server.stop()
    }

    func testPagesThatFailForAPassingReasonOrOverTheCapComeOnLaterPolls() async throws {
        let hits = (five: Counter(), six: Counter())
        let page = try Fixtures.text("pages/blog-with-comments.html")
        let other = try Fixtures.text("pages/news-div-layout.html")
        let base = Mutex("")
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /teasers.xml") { _ in
                response(200, body: FullTextPollerTests.feed(base.withLock { $0 }, items: [5, 6]))
            }
            // Unavailable once, then there.
            await server.appendRoute("GET /story-5") { _ in
                hits.five.increment() == 1 ? response(503) : response(200, body: page, headers: ["Content-Type": "text/html"])
            }
            await server.appendRoute("GET /story-6") { _ in
                hits.six.increment()
                return response(200, body: other, headers: ["Content-Type": "text/html"])
            }
        }
        base.withLock { $0 = String(server.url("/").dropLast()) }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try FeedStore(path: folder.file("t.sqlite"))
        let feed = try store.addFeed(url: server.url("/teasers.xml"), fullText: true)
        var configuration = Configuration()
        configuration.fetch.hostSpacing = 0
        configuration.fullTextPagesPerPoll = 1
        let poller = Poller(store: store, configuration: configuration)
        func texts() throws -> [String: String] {
            var texts: [String: String] = [:]
            try store.forEachArticle(ArticleQuery()) { texts[$0.article.entryKey] = $0.article.contentText }
            return texts
        }

        // One page a poll: story 5 answers 503, story 6 waits for its turn. Both keep the teaser.
        _ = poller.poll(try store.feeds())
        XCTAssertEqual(try texts(), ["t-5": "Teaser 5 only.", "t-6": "Teaser 6 only."])
        XCTAssertEqual([hits.five.count, hits.six.count], [1, 0])
        // Story 5 is tried again and comes; story 6 still waits.
        _ = poller.poll(try store.feeds())
        XCTAssertEqual(try texts()["t-5"].map { $0 + "\n" }, try Fixtures.text("pages/blog-with-comments.txt"))
        XCTAssertEqual([hits.five.count, hits.six.count], [2, 0])
        _ = poller.poll(try store.feeds())
        XCTAssertEqual(try texts()["t-6"].map { $0 + "\n" }, try Fixtures.text("pages/news-div-layout.txt"))
        // Every page is in: nothing is fetched again.
        _ = poller.poll(try store.feeds())
        XCTAssertEqual([hits.five.count, hits.six.count], [2, 1])

        // A day after an entry was first stored, its page is no longer waited for.
        let later = LinkedPages(later: ["t-5", "never-stored"])
        XCTAssertEqual(try poller.entriesToRetry(later, feedID: feed.id, at: Date()), ["t-5", "never-stored"])
        XCTAssertEqual(try poller.entriesToRetry(later, feedID: feed.id, at: Date() + 25 * 3600), ["never-stored"])
        await server.stop()
    }

    func testAPlainFeedNeverFetchesLinkedPages() async throws {
        let pageHits = Counter()
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /teasers.xml") { _ in response(200, body: FullTextPollerTests.feed("http://127.0.0.1:9", items: [1])) }
            await server.appendRoute("GET /story-1") { _ in
                pageHits.increment()
                return response(200, body: "<p>page</p>")
            }
        }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try FeedStore(path: folder.file("t.sqlite"))
        try store.addFeed(url: server.url("/teasers.xml"))
        _ = Poller(store: store, configuration: Configuration()).poll(try store.feeds())
        XCTAssertEqual(pageHits.count, 0)
        await server.stop()
    }
}
