import Foundation
import TidingsCore
import TidingsParse
import TidingsTestSupport
import XCTest

/// The namespaces real feeds lean on, each pinned to the values it yields.
final class NamespaceTests: XCTestCase {
    func testContentDublinCoreDCTermsAtomLinkSyndicationSlashAndFeedBurner() throws {
        let feed = try parseFixture("namespaces/rss-modules.xml")
        XCTAssertEqual(feed.metadata.selfLink, "https://feeds.modules.example/daily")
        XCTAssertEqual(feed.metadata.hubLink, "https://hub.modules.example/")
        XCTAssertEqual(feed.metadata.language, "en-au")
        XCTAssertEqual(feed.metadata.timeToLive, 3600)
        XCTAssertEqual(feed.metadata.updateInterval, 1800, "hourly, twice: every 30 minutes")
        let entry = try XCTUnwrap(feed.entries.first)
        XCTAssertEqual(entry.guid, "modules-77")
        XCTAssertEqual(entry.originalLink, "https://modules.example/2021/09/budget?utm_source=feedburner")
        XCTAssertEqual(entry.authors.map(\.name), ["Ada Lovelace", "Charles Babbage"])
        XCTAssertEqual(entry.published, instant("2021-09-07T00:00:00Z"))
        XCTAssertEqual(entry.updated, instant("2021-09-07T02:30:00Z"))
        XCTAssertEqual(entry.categories, ["Politics", "Economy"], "dc:subject and category, without repeats")
        XCTAssertEqual(entry.summaryHTML, "Short version.")
        XCTAssertEqual(entry.contentHTML, "<p>The long version, with <em>markup</em>.</p>")
        XCTAssertEqual(entry.commentsLink, "https://modules.example/2021/09/budget#comments")
        XCTAssertEqual(entry.commentCount, 42)
        XCTAssertTrue(feed.warnings.isEmpty, "\(feed.warnings)")
    }

    func testITunesAndMediaRSSEvenWithAnUndeclaredPrefix() throws {
        let feed = try parseFixture("namespaces/media-itunes.xml")
        XCTAssertEqual(feed.metadata.image, "https://pod.example/cover.jpg")
        XCTAssertEqual(feed.metadata.authors, [Person(name: "Pod People")])
        let episode = feed.entries[0]
        XCTAssertEqual(episode.author, "Host Name")
        XCTAssertEqual(episode.summaryHTML, "What episode 12 is about.")
        XCTAssertEqual(episode.duration, 3723)
        XCTAssertEqual(episode.episode, 12)
        XCTAssertEqual(episode.thumbnail, "https://pod.example/ep12.jpg")
        XCTAssertEqual(episode.enclosures, [Enclosure(url: "https://pod.example/ep12.mp3", type: "audio/mpeg", length: 34_216_300)])
        let video = feed.entries[1]
        XCTAssertEqual(
            video.enclosures,
            [
                Enclosure(url: "https://pod.example/video-hd.mp4", type: "video/mp4", length: 9_000_000),
                Enclosure(url: "https://pod.example/video-sd.mp4", type: "video/mp4", length: 3_000_000),
            ])
        XCTAssertEqual(video.thumbnail, "https://pod.example/video.jpg")
        XCTAssertEqual(video.summaryHTML, "A clip &lt;with&gt; brackets.", "media:description is plain text, escaped into HTML")
        XCTAssertEqual(video.duration, 95)
        XCTAssertTrue(feed.warnings.contains { $0.contains("Namespace prefix media") }, "the undeclared prefix is reported: \(feed.warnings)")
    }

    func testAnImageMediaContentIsAnEnclosureAndTheThumbnail() throws {
        let document = """
            <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Pics</title>
            <item><guid>p1</guid><media:content url="/lead.jpg" medium="image" width="1200"/></item></channel></rss>
            """
        let entry = try XCTUnwrap(try FeedParser().parse(Array(document.utf8), url: "https://pics.example/feed").entries.first)
        XCTAssertEqual(entry.enclosures, [Enclosure(url: "https://pics.example/lead.jpg")], "no made-up type")
        XCTAssertEqual(entry.thumbnail, "https://pics.example/lead.jpg")
    }

    func testNestedXMLBaseResolvesLinksEnclosuresAndURLsInsideContent() throws {
        let feed = try parseFixture("namespaces/xml-base.atom", url: "https://ignored.example/feed")
        XCTAssertEqual(feed.metadata.link, "https://base.example/blog/")
        XCTAssertEqual(feed.metadata.selfLink, "https://base.example/blog/atom.xml")
        XCTAssertEqual(feed.metadata.image, "https://base.example/blog/img/logo.png")
        XCTAssertEqual(feed.metadata.authors, [Person(name: "Bea Base", uri: "https://base.example/about/bea")])
        let entry = try XCTUnwrap(feed.entries.first)
        XCTAssertEqual(entry.title, "Relätive links", "xhtml title: markup dropped, the character reference decoded")
        XCTAssertEqual(entry.link, "https://base.example/blog/2021/09/post.html")
        XCTAssertEqual(entry.enclosures, [Enclosure(url: "https://base.example/blog/media/clip.mp4", type: "video/mp4", length: 1000)])
        XCTAssertEqual(entry.relatedLinks, ["https://elsewhere.example/"])
        XCTAssertEqual(entry.language, "de")
        XCTAssertEqual(entry.contributors, [Person(name: "Carl Contributor", email: "carl@base.example")])
        XCTAssertEqual(entry.author, "Bea Base")
        XCTAssertEqual(entry.source, EntrySource(title: "Origin Blog", link: "https://origin.example/", id: "tag:origin.example,2020:feed"))
        XCTAssertEqual(entry.summaryHTML, "<a href=\"https://base.example/blog/2021/09/summary.html\">more</a>")
        let content = try XCTUnwrap(entry.contentHTML)
        XCTAssertFalse(content.hasPrefix("<div"), "the xhtml wrapper div is not content")
        for expected in [
            "href=\"https://base.example/blog/2021/09/content/page.html\"", "href=\"https://base.example/root.html\"",
            "src=\"https://base.example/blog/2021/09/content/pic.jpg\"",
            "srcset=\"https://base.example/blog/2021/09/content/pic-1x.jpg 1x, https://cdn.example/pic-2x.jpg 2x\"",
            "poster=\"https://base.example/blog/2021/09/content/poster.jpg\"", "href=\"mailto:bea@base.example\"",
            "href=\"https://base.example/blog/2021/09/content/#top\"",
        ] {
            XCTAssertTrue(content.contains(expected), "missing \(expected) in \(content)")
        }
    }

    func testRelativeLinksResolveAgainstTheDocumentURLWithoutXMLBase() throws {
        let feed = try parseFixture("rss2.xml", url: "https://harbour.example/feeds/main.xml")
        XCTAssertEqual(feed.entries[1].link, "https://harbour.example/lighthouse-open")
    }
}
