import Foundation
import TidingsCore
import TidingsParse
import TidingsTestSupport
import XCTest

/// One fixture per syndication format, with the exact values a reader relies on.
final class FormatTests: XCTestCase {
    func testRSS090ItemsInTheNetscapeNamespace() throws {
        let feed = try parseFixture("formats/rss090.rdf")
        XCTAssertEqual(feed.metadata.format, .rss090)
        XCTAssertEqual(feed.metadata.title, "Mozilla Dot Org")
        XCTAssertEqual(feed.metadata.link, "http://www.mozilla.org")
        XCTAssertEqual(feed.metadata.image, "http://www.mozilla.org/images/moz.gif")
        XCTAssertEqual(feed.entries.map(\.title), ["New Status Updates", "Bugzilla Reorganized"])
        XCTAssertEqual(feed.entries.map(\.link), ["http://www.mozilla.org/status/", "http://www.mozilla.org/bugs/"])
    }

    func testRSS091NetscapeDecodesTheEntitiesItsDTDDeclares() throws {
        // The Netscape DTD (never loaded) declares the HTML Latin-1 entities; feeds use them.
        let feed = try parseFixture("formats/rss091-netscape.xml")
        XCTAssertEqual(feed.metadata.format, .rss091netscape)
        XCTAssertEqual(feed.metadata.title, "Café Notes")
        XCTAssertEqual(feed.metadata.language, "fr")
        XCTAssertEqual(feed.metadata.authors, [Person(name: "Renée Martin", email: "editor@cafe.example")])
        XCTAssertEqual(feed.metadata.image, "http://cafe.example/logo.gif")
        XCTAssertEqual(feed.entries.first?.title, "Crème brûlée — the recipe")
        XCTAssertEqual(feed.entries.first?.summaryHTML, "Sugar, cream… and patience.")
    }

    func testRSS091UserlandEscapedHTMLDescription() throws {
        let feed = try parseFixture("formats/rss091-userland.xml")
        XCTAssertEqual(feed.metadata.format, .rss091userland)
        XCTAssertEqual(feed.metadata.updated, instant("2002-09-30T11:00:00Z"))
        XCTAssertEqual(feed.entries.first?.summaryHTML, "<a href=\"http://outliners.example/\">Outliners</a> are back.")
    }

    func testRSS092EnclosureCategoryAndSourceWithoutTitle() throws {
        let feed = try parseFixture("formats/rss092.xml")
        XCTAssertEqual(feed.metadata.format, .rss092)
        let entry = try XCTUnwrap(feed.entries.first)
        XCTAssertNil(entry.title)
        XCTAssertEqual(entry.summaryHTML, "Episode one: the pilot.")
        XCTAssertEqual(entry.categories, ["Talk"])
        XCTAssertEqual(entry.enclosures, [Enclosure(url: "http://radio.example/ep1.mp3", type: "audio/mpeg", length: 12_216_320)])
        XCTAssertEqual(entry.source, EntrySource(title: "Origin Radio", link: "http://origin.example/rss.xml"))
        XCTAssertTrue(entry.entryKey.hasPrefix("hash:"), "no guid and no link: a stable derived key")
        XCTAssertEqual(entry.entryKey, try parseFixture("formats/rss092.xml").entries.first?.entryKey)
    }

    func testRSS093And094Versions() throws {
        let v093 = try parseFixture("formats/rss093.xml")
        XCTAssertEqual(v093.metadata.format, .rss093)
        XCTAssertEqual(v093.entries.first?.published, instant("2002-09-07T00:00:01Z"))
        let v094 = try parseFixture("formats/rss094.xml")
        XCTAssertEqual(v094.metadata.format, .rss094)
        let entry = try XCTUnwrap(v094.entries.first)
        XCTAssertEqual(entry.guid, "http://v094.example/b")
        XCTAssertEqual(entry.link, "http://v094.example/b", "a permalink guid stands in for the link")
        XCTAssertEqual(entry.authors, [Person(name: "Wren Writer", email: "writer@v094.example")])
        XCTAssertEqual(entry.author, "Wren Writer")
    }

    func testAtom03EscapedAndBase64ModesIssuedAndModified() throws {
        let feed = try parseFixture("formats/atom03.xml")
        XCTAssertEqual(feed.metadata.format, .atom03)
        XCTAssertEqual(feed.metadata.title, "Old & Gold", "escaped mode: the HTML is decoded once, as a browser shows it")
        XCTAssertEqual(feed.metadata.description, "Atom before the RFC")
        XCTAssertEqual(feed.metadata.updated, instant("2003-12-13T18:30:02Z"))
        let first = feed.entries[0]
        XCTAssertEqual(first.published, instant("2003-12-13T12:29:29Z"))
        XCTAssertEqual(first.updated, instant("2003-12-13T18:30:02Z"))
        XCTAssertEqual(first.contentHTML, "<p>Hello <b>world</b></p>")
        XCTAssertEqual(first.author, "Mark", "the feed-level author")
        XCTAssertEqual(feed.entries[1].contentHTML, "<p>Encoded &amp; safe</p>")
        XCTAssertEqual(feed.entries[1].published, instant("2003-12-14T08:00:00Z"))
    }

    /// An item with only `date_modified` is dated by it, as an Atom entry with only `updated` is.
    func testJSONFeedItemWithOnlyAModificationDateIsDatedByIt() throws {
        let json = #"{"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [{"id": "1", "content_text": "Body.", "date_modified": "2024-03-01T10:00:00Z"}]}"#
        let entry = try XCTUnwrap(FeedParser().parse(Array(json.utf8)).entries.first)
        XCTAssertEqual(entry.published, Date(timeIntervalSince1970: 1_709_287_200))
        XCTAssertEqual(entry.updated, entry.published)
    }

    func testJSONFeed10NumericIDPlainTextAndAttachments() throws {
        let feed = try parseFixture("formats/jsonfeed10.json")
        XCTAssertEqual(feed.metadata.format, .jsonFeed10)
        XCTAssertEqual(feed.metadata.selfLink, "https://one.example/feed.json")
        XCTAssertEqual(feed.metadata.authors, [Person(name: "Brent", uri: "https://one.example/brent")])
        let entry = try XCTUnwrap(feed.entries.first)
        XCTAssertEqual(entry.guid, "2347259")
        XCTAssertEqual(entry.title, "First &amp; finest", "JSON Feed titles are plain text: nothing is decoded")
        XCTAssertEqual(entry.contentHTML, "<p>Line one.</p><p>Line two &amp; more.</p>")
        XCTAssertEqual(entry.published, instant("2020-08-07T16:44:36Z"))
        XCTAssertEqual(entry.categories, ["json", "feeds"])
        XCTAssertEqual(entry.enclosures, [Enclosure(url: "https://one.example/a.m4a", type: "audio/x-m4a", length: 89_970_236)])
        XCTAssertEqual(entry.duration, 6629)
        XCTAssertEqual(entry.author, "Brent", "the feed's author (1.0) speaks for the item")
    }

    func testJSONFeed11AuthorsLanguageAndRelativeURLs() throws {
        let feed = try parseFixture("formats/jsonfeed11.json")
        XCTAssertEqual(feed.metadata.format, .jsonFeed11)
        XCTAssertEqual(feed.metadata.language, "en-GB")
        XCTAssertEqual(feed.metadata.image, "https://eleven.example/icon.png")
        XCTAssertEqual(feed.metadata.authors.map(\.name), ["Manton", "Brent"])
        let first = feed.entries[0]
        XCTAssertEqual(first.link, "https://eleven.example/posts/1")
        XCTAssertEqual(first.externalLink, "https://elsewhere.example/story")
        XCTAssertNil(first.originalLink, "a page elsewhere is not the entry's own address")
        XCTAssertEqual(first.contentHTML, "<p>See <a href=\"https://eleven.example/about\">about</a> <img src=\"https://eleven.example/img/a.png\"></p>")
        XCTAssertEqual(first.thumbnail, "https://eleven.example/img/cover.jpg")
        XCTAssertEqual(first.updated, instant("2020-08-08T09:00:00Z"))
        XCTAssertEqual(first.authors, [Person(name: "Guest", uri: "https://guest.example/")])
        XCTAssertEqual(first.language, "fr")
        let second = feed.entries[1]
        XCTAssertNil(second.published)
        XCTAssertTrue(feed.warnings.contains { $0.contains("sometime") }, "\(feed.warnings)")
        XCTAssertEqual(second.language, "en-GB")
    }

    func testFormatComesFromTheContentNotTheURLOrContentType() throws {
        let atom = try FeedParser().parse(
            try Fixtures.bytes("feeds/atom.xml"), url: "https://x.example/feed.rss", contentType: "application/rss+xml")
        XCTAssertEqual(atom.metadata.format, .atom1)
        let json = try FeedParser().parse(try Fixtures.bytes("feeds/formats/jsonfeed11.json"), url: "https://x.example/atom.xml")
        XCTAssertEqual(json.metadata.format, .jsonFeed11)
    }

    func testAtomCDATAContentAndEscapedContentReadAlike() throws {
        let document = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>C</title>
            <entry><id>c1</id><content type="html"><![CDATA[<p>Fish & <b>chips</b></p>]]></content></entry>
            <entry><id>c2</id><content type="html">&lt;p&gt;Fish &amp;amp; &lt;b&gt;chips&lt;/b&gt;&lt;/p&gt;</content></entry>
            </feed>
            """
        let feed = try FeedParser().parse(Array(document.utf8))
        XCTAssertEqual(feed.entries.map(\.contentHTML), ["<p>Fish & <b>chips</b></p>", "<p>Fish &amp; <b>chips</b></p>"])
    }

    func testAtomWithoutItsNamespaceIsStillRead() throws {
        let bytes = Array("<feed><title>No namespace</title><entry><id>e1</id><title>Entry</title></entry></feed>".utf8)
        let feed = try FeedParser().parse(bytes)
        XCTAssertEqual(feed.metadata.format, .atom1)
        XCTAssertEqual(feed.entries.map(\.guid), ["e1"])
        XCTAssertTrue(feed.warnings.contains { $0.contains("without the Atom namespace") })
    }
}
