import Foundation
import TidingsCore
import TidingsParse
import XCTest

/// The parser skips entries the caller has seen byte for byte (by their markup hash), and a hash
/// changes whenever what the entry would be read into could change.
final class MarkupHashTests: XCTestCase {
    private func rss(_ items: [String], channel: String = "") -> [UInt8] {
        Array("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel \(channel)><title>T</title>\n\(items.joined(separator: "\n  "))\n</channel></rss>".utf8)
    }

    private let alpha = "<item><guid>a</guid><title>Alpha</title><link>/alpha</link><description>&lt;p&gt;Alpha story.&lt;/p&gt;</description></item>"
    private let beta = "<item><guid>b</guid><title>Beta</title><description>Beta story.</description><category>x</category></item>"

    func testEntriesListedAgainByteForByteAreSkippedAndTheOthersRead() throws {
        let parser = FeedParser()
        let first = try parser.parse(rss([alpha, beta]), url: "https://news.example/feed")
        XCTAssertEqual(first.entries.map(\.guid), ["a", "b"])
        XCTAssertEqual(first.markupHashes.count, 2)
        XCTAssertEqual(Set(first.markupHashes).count, 2)
        XCTAssertEqual(first.skippedMarkupHashes, [])

        let gamma = "<item><guid>c</guid><title>Gamma</title><description>Gamma story.</description></item>"
        let editedBeta = beta.replacingOccurrences(of: "Beta story.", with: "Beta story, corrected.")
        // A new entry first, alpha again (other white space between the items), beta edited.
        let second = try parser.parse(
            rss([gamma, "  " + alpha + "\n\n", editedBeta]), url: "https://news.example/feed", skipping: Set(first.markupHashes))
        XCTAssertEqual(second.entries.map(\.guid), ["c", "b"], "alpha is skipped, the edit is read")
        XCTAssertEqual(second.entries.last?.summaryHTML, "Beta story, corrected.")
        XCTAssertEqual(second.markupHashes.count, 2, "one hash per entry read")
        XCTAssertEqual(second.skippedMarkupHashes, [first.markupHashes[0]])
        XCTAssertEqual(second.metadata.title, "T")
    }

    func testTheHashChangesWithWhatTheEntryInheritsFromOutsideIt() throws {
        let parser = FeedParser()
        func hash(_ document: [UInt8], url: String = "https://news.example/feed") throws -> UInt64 {
            try XCTUnwrap(parser.parse(document, url: url).markupHashes.first)
        }
        let plain = try hash(rss([alpha]))
        XCTAssertEqual(plain, try hash(rss([alpha])), "the same document hashes the same")
        // Relative links resolve against the document's URL and xml:base, the language is inherited.
        XCTAssertNotEqual(plain, try hash(rss([alpha]), url: "https://moved.example/feed"))
        XCTAssertNotEqual(plain, try hash(rss([alpha], channel: "xml:base=\"https://cdn.example/\"")))
        XCTAssertNotEqual(plain, try hash(rss([alpha], channel: "xml:lang=\"fr\"")))
        // Any change inside the entry: text, an attribute, the nesting.
        XCTAssertNotEqual(plain, try hash(rss([alpha.replacingOccurrences(of: "Alpha story", with: "Alpha story ")])))
        XCTAssertNotEqual(plain, try hash(rss([alpha.replacingOccurrences(of: "<guid>", with: "<guid isPermaLink=\"false\">")])))
        XCTAssertNotEqual(
            try hash(rss(["<item><title>A</title><description>B</description></item>"])),
            try hash(rss(["<item><title>A<description>B</description></title></item>"])))
        XCTAssertNotEqual(
            try hash(rss(["<item><title>AB</title></item>"])), try hash(rss(["<item><title>A</title><title>B</title></item>"])))

        // An Atom entry without an author of its own takes the feed's.
        func atom(author: String) -> [UInt8] {
            Array("""
                <feed xmlns="http://www.w3.org/2005/Atom"><title>F</title><author><name>\(author)</name></author>
                <entry><id>e1</id><title>E</title><updated>2024-05-01T10:00:00Z</updated></entry></feed>
                """.utf8)
        }
        let byJo = try parser.parse(atom(author: "Jo"), url: "https://a.example/atom")
        XCTAssertEqual(byJo.entries.first?.author, "Jo")
        XCTAssertNotEqual(byJo.markupHashes, try parser.parse(atom(author: "Sam"), url: "https://a.example/atom").markupHashes)
        XCTAssertEqual(
            try parser.parse(atom(author: "Sam"), url: "https://a.example/atom", skipping: Set(byJo.markupHashes)).entries.first?.author,
            "Sam", "a skipped entry would have kept Jo")
    }

    func testAJSONFeedHasNoMarkupHashesAndSkipsNothing() throws {
        let json = Array(#"{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","content_text":"One"}]}"#.utf8)
        let parsed = try FeedParser().parse(json, skipping: [0, 1])
        XCTAssertEqual(parsed.entries.count, 1)
        XCTAssertEqual(parsed.markupHashes, [])
    }
}
