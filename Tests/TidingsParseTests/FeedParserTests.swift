import Foundation
import TidingsCore
import TidingsParse
import TidingsTestSupport
import XCTest

final class FeedParserTests: XCTestCase {
    private func parse(_ name: String, url: String? = nil) throws -> ParsedFeed {
        try FeedParser().parse(try Fixtures.bytes("feeds/\(name)"), url: url)
    }

    func testRSS2ItemsAreNormalized() throws {
        let feed = try parse("rss2.xml", url: "https://harbour.example/feed.xml")
        XCTAssertEqual(feed.metadata.format, .rss2)
        XCTAssertEqual(feed.metadata.title, "Harbour Gazette")
        XCTAssertEqual(feed.metadata.description, "News from the harbour & the hills")
        XCTAssertEqual(feed.metadata.language, "en-gb")
        XCTAssertEqual(feed.metadata.updated, Timestamp.date(fromISO8601: "2021-09-07T10:00:00Z"))
        XCTAssertEqual(feed.entries.count, 3)
        let first = feed.entries[0]
        XCTAssertEqual(first.guid, "harbour-1001")
        XCTAssertEqual(first.link, "https://harbour.example/ferry-winter?utm_source=rss")
        XCTAssertEqual(first.author, "Mara Quinn")
        XCTAssertEqual(first.published, Timestamp.date(fromISO8601: "2021-09-07T10:00:00Z"))
        XCTAssertEqual(first.categories, ["Transport", "Local"])
        XCTAssertEqual(first.summaryHTML, "<p>Fewer sailings from November.</p>")
        XCTAssertEqual(
            first.contentHTML,
            "<p>The harbour authority announced <b>fewer sailings</b> from November.</p><p>Night crossings end on the first of the month.</p>")
        XCTAssertEqual(first.enclosures, [Enclosure(url: "https://harbour.example/media/timetable.pdf", type: "application/pdf", length: 48213)])
    }

    func testRSS2RelativeLinksTwoDigitYearsAndNamedZones() throws {
        let feed = try parse("rss2.xml", url: "https://harbour.example/feed.xml")
        let second = feed.entries[1]
        XCTAssertEqual(second.link, "https://harbour.example/lighthouse-open")
        // "Mon, 6 Sep 21 08:30 EST" is 13:30 UTC.
        XCTAssertEqual(second.published, Timestamp.date(fromISO8601: "2021-09-06T13:30:00Z"))
    }

    func testUnreadableDateIsNullWithAWarning() throws {
        let feed = try parse("rss2.xml")
        XCTAssertNil(feed.entries[2].published)
        XCTAssertTrue(feed.warnings.contains { $0.contains("sometime last week") }, "\(feed.warnings)")
        XCTAssertTrue(feed.entries[2].entryKey.hasPrefix("hash:"))
    }

    /// Atom `type="text"` content with blank lines is paragraphs, as JSON Feed's `content_text` is;
    /// it had become one paragraph.
    func testAtomTextContentKeepsItsParagraphs() throws {
        let atom = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:t</id>
            <entry><id>urn:t1</id><title>Paragraphs</title><content type="text">First paragraph &amp; more.

            Second paragraph,
            with a line break.</content></entry></feed>
            """
        let entry = try XCTUnwrap(FeedParser().parse(Array(atom.utf8)).entries.first)
        XCTAssertEqual(entry.contentHTML, "<p>First paragraph &amp; more.</p><p>Second paragraph,<br>with a line break.</p>")
    }

    func testAtomTextConstructsXMLBaseAndAuthors() throws {
        let feed = try parse("atom.xml", url: "https://hills.example/blog/atom.xml")
        XCTAssertEqual(feed.metadata.format, .atom1)
        XCTAssertEqual(feed.metadata.title, "Hill Notes")
        XCTAssertEqual(feed.metadata.description, "Walking and weather")
        XCTAssertEqual(feed.metadata.link, "https://hills.example/blog/")
        XCTAssertEqual(feed.metadata.language, "de")
        let first = feed.entries[0]
        XCTAssertEqual(first.title, "Fog & frost on the ridge")
        XCTAssertEqual(first.link, "https://hills.example/blog/posts/fog-and-frost")
        XCTAssertEqual(first.guid, "tag:hills.example,2021:fog")
        XCTAssertEqual(first.published, Timestamp.date(fromISO8601: "2021-09-06T05:15:00Z"))
        XCTAssertEqual(first.updated, Timestamp.date(fromISO8601: "2021-09-06T07:00:00Z"))
        XCTAssertEqual(first.author, "Ilse Berg", "the feed-level author speaks for entries without one")
        XCTAssertEqual(first.categories, ["weather"])
        XCTAssertEqual(first.enclosures, [Enclosure(url: "https://cdn.hills.example/fog.mp3", type: "audio/mpeg", length: 1234)])
        XCTAssertTrue(first.contentHTML?.contains("<strong") == true, first.contentHTML ?? "nil")
        XCTAssertTrue(first.contentHTML?.contains("Frost by noon.") == true)
        XCTAssertEqual(first.summaryHTML, "Early fog, then frost.")
        let second = feed.entries[1]
        XCTAssertEqual(second.link, "https://elsewhere.example/mirror/copy", "a nested xml:base wins")
        XCTAssertEqual(second.title, "Plain text title with <angle> brackets")
        XCTAssertEqual(second.author, "Guest Author")
        XCTAssertEqual(second.contentHTML, "Text content &amp; no markup.")
        XCTAssertEqual(second.published, Timestamp.date(fromISO8601: "2021-09-05T18:00:00Z"))
    }

    func testRSS1ItemsBesideTheChannel() throws {
        let feed = try parse("rss1.rdf")
        XCTAssertEqual(feed.metadata.format, .rss1)
        XCTAssertEqual(feed.metadata.title, "River Bulletin")
        XCTAssertEqual(feed.metadata.language, "fr")
        XCTAssertEqual(feed.entries.count, 2)
        XCTAssertEqual(feed.entries[0].guid, "https://river.example/levels/0907")
        XCTAssertEqual(feed.entries[0].author, "Lock keeper")
        XCTAssertEqual(feed.entries[0].categories, ["Levels"])
        XCTAssertEqual(feed.entries[0].published, Timestamp.date(fromISO8601: "2021-09-07T04:30:00Z"))
        XCTAssertEqual(feed.entries[1].title, "Levels steady")
    }

    func testOPMLOutlinesAtAnyDepthResolveRelativeURLs() throws {
        let opml = """
            <opml version="2.0"><body><outline text="Folder">
              <outline text="One" xmlUrl="one.xml"/>
              <outline text="Two" title="Second" xmlUrl="https://two.example/feed"/>
            </outline><outline text="no feed here"/></body></opml>
            """
        let outlines = try OPMLReader.outlines(in: Array(opml.utf8), url: "file:///srv/feeds/list.opml")
        XCTAssertEqual(outlines.map(\.feedURL), ["file:///srv/feeds/one.xml", "https://two.example/feed"])
        XCTAssertEqual(outlines.map(\.title), ["One", "Second"])
    }

    func testOPMLOutlinesCarryTidingsSettingsByNamespace() throws {
        // Any prefix bound to Tidings' namespace; an attribute of the same name in no namespace, or a
        // bad interval, is not a setting.
        let opml = """
            <opml version="2.0" xmlns:t="\(OPMLOutline.tidingsNamespace)"><body>
              <outline text="A" xmlUrl="https://a.example/feed" t:fullText="true" t:interval="1800"/>
              <outline text="B" xmlUrl="https://b.example/feed" fullText="true" t:interval="soon"/>
            </body></opml>
            """
        let outlines = try OPMLReader.outlines(in: Array(opml.utf8))
        XCTAssertEqual(outlines.map(\.fullText), [true, false])
        XCTAssertEqual(outlines.map(\.intervalSeconds), [1800, nil])
    }
}
