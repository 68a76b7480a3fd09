import Foundation
import TidingsConfig
import TidingsScheduler
import TidingsStore
import TidingsTestSupport
import XCTest

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
}
