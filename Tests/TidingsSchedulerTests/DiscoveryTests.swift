import Foundation
import TidingsConfig
import TidingsCore
import TidingsStore
import TidingsTestSupport
import XCTest

@testable import TidingsScheduler

/// A feed added at a web page's address: the page's feed links (autodiscovery) lead to the feed.
final class DiscoveryTests: XCTestCase {
    static func page(linkingTo hrefs: [String]) -> String {
        let links = hrefs.map { "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Posts\" href=\"\($0)\">" }
        return "<!doctype html><html><head><title>A site</title>\(links.joined())</head><body><p>Welcome.</p></body></html>"
    }

    func testSiteAddressAddedInsteadOfItsFeedIsMovedToTheFeedThePageLinksTo() async throws {
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /") { _ in
                response(200, body: DiscoveryTests.page(linkingTo: ["/feed.xml", "/comments/feed.xml"]), headers: ["Content-Type": "text/html"])
            }
            await server.appendRoute("GET /feed.xml") { _ in response(200, body: PollerTests.feedXML) }
        }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try FeedStore(path: folder.file("t.sqlite"))
        let site = try store.addFeed(url: server.url("/"))
        let poller = Poller(store: store, configuration: Configuration())

        let report = poller.poll(try store.feeds())[0]
        XCTAssertEqual(report.summaryLine, "\(server.url("/feed.xml")): new 2, updated 0, duplicates 0, errors 0", "polled at once")
        let moved = try store.feed(String(site.id))
        XCTAssertEqual(moved.url, server.url("/feed.xml"), "the first feed the page names: the posts, not the comments")
        XCTAssertEqual(moved.originalURL, server.url("/"), "still known by the address it was added with")
        XCTAssertEqual(moved.consecutiveErrors, 0)
        XCTAssertEqual(try store.feed(server.url("/")).id, site.id)
        await server.stop()
    }

    /// A feed that was read before and now serves a page (a site's error page, a redesign) keeps its
    /// URL: the error names the feed the page links to, and the user decides.
    func testFeedReadBeforeThatNowServesAPageIsNotMovedButTheErrorNamesThePagesFeed() async throws {
        let serving = Counter()
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /feed.xml") { _ in
                serving.increment() == 1
                    ? response(200, body: PollerTests.feedXML)
                    : response(200, body: DiscoveryTests.page(linkingTo: ["/new-feed.xml"]), headers: ["Content-Type": "text/html"])
            }
        }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try FeedStore(path: folder.file("t.sqlite"))
        let feed = try store.addFeed(url: server.url("/feed.xml"))
        let poller = Poller(store: store, configuration: Configuration())
        _ = poller.poll(try store.feeds())
        let report = poller.poll(try store.feeds())[0]
        XCTAssertTrue(report.isFailure)
        let after = try store.feed(String(feed.id))
        XCTAssertEqual(after.url, server.url("/feed.xml"))
        XCTAssertTrue(
            after.lastError?.contains("(a web page, not a feed); the page links to the feed \(server.url("/new-feed.xml"))") == true,
            after.lastError ?? "")
        await server.stop()
    }

    /// Two pages that name each other as their feed, and a page that names a dead feed: no move and
    /// no loop, an error that says why; a page whose feed is subscribed already leaves both feeds as
    /// they are.
    func testPagesLinkingToEachOtherOrToAFeedAlreadySubscribedMoveNothingTwice() async throws {
        let hits = Counter()
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /a.html") { _ in
                hits.increment()
                return response(200, body: DiscoveryTests.page(linkingTo: ["/b.html"]), headers: ["Content-Type": "text/html"])
            }
            await server.appendRoute("GET /b.html") { _ in
                hits.increment()
                return response(200, body: DiscoveryTests.page(linkingTo: ["/a.html"]), headers: ["Content-Type": "text/html"])
            }
            await server.appendRoute("GET /site.html") { _ in
                response(200, body: DiscoveryTests.page(linkingTo: ["/feed.xml"]), headers: ["Content-Type": "text/html"])
            }
            await server.appendRoute("GET /feed.xml") { _ in response(200, body: PollerTests.feedXML) }
            await server.appendRoute("GET /parked.html") { _ in
                response(200, body: DiscoveryTests.page(linkingTo: ["/gone.xml"]), headers: ["Content-Type": "text/html"])
            }
            await server.appendRoute("GET /gone.xml") { _ in response(404) }
        }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try FeedStore(path: folder.file("t.sqlite"))
        let parked = try store.addFeed(url: server.url("/parked.html"))
        let looping = try store.addFeed(url: server.url("/a.html"))
        let subscribed = try store.addFeed(url: server.url("/feed.xml"))
        let site = try store.addFeed(url: server.url("/site.html"))
        let poller = Poller(store: store, configuration: Configuration())
        let reports = poller.poll(try store.feeds())

        XCTAssertEqual(hits.count, 2, "a.html, then b.html once")
        XCTAssertTrue(reports[1].isFailure)
        let stayed = try store.feed(String(looping.id))
        XCTAssertEqual(stayed.url, server.url("/a.html"), "b.html is no feed either")
        XCTAssertTrue(stayed.lastError?.contains("the page links to the feed \(server.url("/b.html")), which does not read either: not a feed") == true, stayed.lastError ?? "")
        let parkedAfter = try store.feed(String(parked.id))
        XCTAssertEqual(parkedAfter.url, server.url("/parked.html"))
        XCTAssertTrue(parkedAfter.lastError?.hasSuffix("\(server.url("/gone.xml")), which does not read either: HTTP 404") == true, parkedAfter.lastError ?? "")
        XCTAssertEqual(try store.feed(String(subscribed.id)).url, server.url("/feed.xml"))
        let siteAfter = try store.feed(String(site.id))
        XCTAssertEqual(siteAfter.url, server.url("/site.html"))
        XCTAssertTrue(siteAfter.lastError?.hasSuffix("which is already feed \(subscribed.id)") == true, siteAfter.lastError ?? "")
        await server.stop()
    }
}
