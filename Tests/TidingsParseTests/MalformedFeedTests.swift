import Foundation
import TidingsCore
import TidingsParse
import TidingsTestSupport
import XCTest

/// Feeds that are not well-formed: every entry that can be read is kept, and what was wrong is said.
final class MalformedFeedTests: XCTestCase {
    func testHTMLEntitiesBareAmpersandsAndWindows1252References() throws {
        let feed = try parseFixture("malformed/html-entities.xml")
        XCTAssertEqual(feed.metadata.title, "Entities & Friends")
        XCTAssertEqual(feed.metadata.link, "https://ent.example/?a=1&b=2")
        XCTAssertEqual(feed.metadata.description, "Café — déjà vu… © 2021 &NotDefinedAnywhere; AT&T")
        XCTAssertEqual(feed.entries[0].title, "Smart quotes: “hello” – “world” ’s")
        XCTAssertEqual(feed.entries[0].link, "https://ent.example/story?id=1&utm_source=rss")
        XCTAssertEqual(feed.entries[0].summaryHTML, "<p>Fish &amp; chips</p>")
        XCTAssertEqual(feed.entries[1].title, "Double & escaped <b>", "double-escaped text shows as a browser shows it")
        XCTAssertEqual(feed.entries[1].summaryHTML, "Two-codepoint entity: \u{2242}\u{338} and fj")
        for expected in ["decoded 10 HTML entities", "escaped 4 bare '&'", "read 5 character references in the range 128–159"] {
            XCTAssertTrue(feed.warnings.contains { $0.contains(expected) }, "missing '\(expected)' in \(feed.warnings)")
        }
    }

    /// A `<` that opens no tag (before a space, a digit, `$`) is text in a title, as a browser shows
    /// it; it had cut the title at the next `>` or at its end.
    func testLessThanSignThatOpensNoTagStaysInTheTitle() throws {
        let titles = ["Is 5 &lt; 6? And 7 &gt; 3?", "Q3 revenue &lt; $1M &amp; growing", "Rust &lt;3 Swift", "&lt;b&gt;Bold&lt;/b&gt; move"]
        let items = titles.enumerated().map { "<item><guid>t\($0)</guid><title>\($1)</title></item>" }
        let feed = try FeedParser().parse(Array("<rss version=\"2.0\"><channel><title>T</title>\(items.joined())</channel></rss>".utf8))
        XCTAssertEqual(feed.entries.map(\.title), ["Is 5 < 6? And 7 > 3?", "Q3 revenue < $1M & growing", "Rust <3 Swift", "Bold move"])
    }

    func testUnclosedTagsKeepEveryEntryAndItsFields() throws {
        let feed = try parseFixture("malformed/unclosed-tags.xml")
        XCTAssertEqual(feed.entries.map(\.guid), ["s-1", "s-2", "s-3"])
        XCTAssertEqual(feed.entries.map(\.title), ["First title never closed", "Second bold never closed", "Third is fine"])
        XCTAssertEqual(feed.entries.map(\.link), ["https://sloppy.example/1", "https://sloppy.example/2", nil])
        XCTAssertTrue(feed.warnings.contains { $0.contains("not well-formed") }, "\(feed.warnings)")
        XCTAssertTrue(feed.warnings.contains { $0.contains("tag mismatch") && $0.hasPrefix("line ") }, "\(feed.warnings)")
    }

    func testStrayEndTagClosesNothing() throws {
        let feed = try parseFixture("malformed/stray-end-tags.xml")
        XCTAssertEqual(feed.entries.map(\.guid), ["st-1", "st-2"])
        XCTAssertEqual(feed.entries.map(\.title), ["One", "Two"])
    }

    func testJunkBeforeTheXMLDeclarationIsSkipped() throws {
        let feed = try parseFixture("malformed/junk-before-declaration.xml")
        XCTAssertEqual(feed.metadata.title, "After the junk")
        XCTAssertEqual(feed.entries.map(\.guid), ["j-1"])
        XCTAssertTrue(feed.warnings.contains { $0.contains("junk before the XML document") }, "\(feed.warnings)")
    }

    func testControlCharactersAreRemovedEvenInCDATA() throws {
        let feed = try parseFixture("malformed/control-characters.xml")
        XCTAssertEqual(feed.metadata.title, "Control chars", "a vertical tab becomes a space; other controls go")
        XCTAssertEqual(feed.entries.first?.title, "Form feed and bell")
        XCTAssertEqual(feed.entries.first?.summaryHTML, "cdata  escape")
        XCTAssertTrue(feed.warnings.contains { $0.contains("removed 5 control characters") }, "\(feed.warnings)")
    }

    func testTruncatedFeedKeepsTheEntriesReadAndSaysSo() throws {
        let feed = try parseFixture("malformed/truncated.xml")
        XCTAssertEqual(feed.metadata.title, "Cut Short")
        XCTAssertEqual(feed.entries.map(\.guid), ["cut-1", "cut-2", nil])
        XCTAssertEqual(feed.entries.last?.title, "Third item is cut off mid", "the cut-off entry keeps what it has")
        XCTAssertTrue(feed.warnings.contains { $0.contains("still open (truncated?)") }, "\(feed.warnings)")
    }

    func testRawHTMLInADescriptionIsKeptAsMarkup() throws {
        let feed = try parseFixture("malformed/raw-html-in-description.xml", url: "https://raw.example/feed")
        let entry = try XCTUnwrap(feed.entries.first)
        XCTAssertEqual(entry.title, "Markup inside a title")
        XCTAssertEqual(entry.summaryHTML, "<p>Raw <a href=\"https://raw.example/x\">markup</a> instead of escaped text.</p><br>")
    }

    func testInputWithNothingReadableIsAnErrorThatSaysWhy() {
        let cases: [(String, String)] = [
            ("malformed/whitespace-only.xml", "document is empty"),
            ("malformed/binary.xml", "not XML"),
            ("malformed/not-a-feed.html", "not a feed: the root element is <html>"),
        ]
        for (name, reason) in cases {
            XCTAssertThrowsError(try parseFixture(name), name) { error in
                XCTAssertTrue("\(error)".contains(reason), "\(name): \(error)")
            }
        }
        XCTAssertThrowsError(try FeedParser().parse(Array("{\"version\": 1,".utf8))) { error in
            XCTAssertTrue("\(error)".contains("malformed JSON"), "\(error)")
        }
        XCTAssertThrowsError(try FeedParser().parse(Array("<opml><body/></opml>".utf8))) { error in
            XCTAssertTrue("\(error)".contains("root element is <opml>"), "\(error)")
        }
    }
}
