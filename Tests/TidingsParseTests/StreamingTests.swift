import Foundation
import TidingsCore
import TidingsParse
import TidingsTestSupport
import XCTest

/// The parser reads documents in pieces: wherever a piece ends (inside a UTF-16 character, an
/// entity, a CDATA end, the prolog), the result is the same as from the whole document.
final class StreamingTests: XCTestCase {
    private func parseInPieces(_ bytes: [UInt8], size: Int, contentType: String? = nil) throws -> ParsedFeed {
        var entries: [ParsedEntry] = []
        let stream = FeedStreamParser(url: "https://stream.example/feed", contentType: contentType, skipping: []) { entries.append($0) }
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + size)
            try bytes[offset..<end].withUnsafeBytes { try stream.write($0) }
            offset = end
        }
        var feed = try stream.finish()
        feed.entries = entries
        XCTAssertEqual(stream.entryCount, entries.count)
        return feed
    }

    func testAnyPieceSizeGivesTheSameFeed() throws {
        let fixtures = [
            "rss2.xml", "atom.xml", "namespaces/xml-base.atom", "malformed/html-entities.xml", "malformed/junk-before-declaration.xml",
            "encodings/utf16le-bom.xml", "encodings/shift-jis.xml", "encodings/windows1252-as-latin1.xml", "encodings/utf8-invalid-bytes.xml",
            "malformed/control-characters.xml", "hostile/declared-entities.xml", "formats/jsonfeed11.json",
        ]
        for name in fixtures {
            let bytes = try Fixtures.bytes("feeds/\(name)")
            let whole = try FeedParser().parse(bytes, url: "https://stream.example/feed")
            for size in [1, 2, 3, 7, 64, 4096] {
                let pieces = try parseInPieces(bytes, size: size)
                XCTAssertEqual(pieces.entries, whole.entries, "\(name) in pieces of \(size)")
                XCTAssertEqual(pieces.metadata, whole.metadata, "\(name) in pieces of \(size)")
                XCTAssertEqual(pieces.markupHashes, whole.markupHashes, "\(name) in pieces of \(size)")
                XCTAssertEqual(pieces.warnings.filter { !$0.hasPrefix("line ") }, whole.warnings.filter { !$0.hasPrefix("line ") }, "\(name) in pieces of \(size)")
            }
        }
    }

    /// A document of more than a megabyte handed over whole (as a poll hands over a body) reads as it
    /// does in pieces; the limit is on where the root element starts. (Every feed over 1 MiB had been
    /// refused with "no root element in the first 1048576 bytes", whatever its root's place.)
    func testADocumentOverAMegabyteReadsWholeOrInPiecesAndOnlyALateRootIsRefused() throws {
        var document = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Big</title>"
        for number in 1...12_000 {
            document += "<item><guid>e-\(number)</guid><title>Episode \(number)</title><description>Notes of episode \(number).</description></item>"
        }
        document += "</channel></rss>"
        let bytes = Array(document.utf8)
        XCTAssertGreaterThan(bytes.count, 1 << 20)
        XCTAssertEqual(try FeedParser().parse(bytes, url: "https://big.example/feed").entries.count, 12_000)
        XCTAssertEqual(try parseInPieces(bytes, size: 65_536).entries.count, 12_000)

        // A root element that starts after a megabyte of comments is still refused, whole or in pieces.
        let late = Array(("<?xml version=\"1.0\"?><!--" + String(repeating: "x", count: 1 << 20) + "--><rss version=\"2.0\"/>").utf8)
        for parse in [{ try FeedParser().parse(late) }, { try self.parseInPieces(late, size: 65_536) }] {
            XCTAssertThrowsError(try parse()) { error in
                XCTAssertTrue("\(error)".contains("no root element in the first 1048576 bytes"), "\(error)")
            }
        }
    }

    /// More than the 10 MB that libxml2 lets wait unparsed (without XML_PARSE_HUGE), on one line and
    /// handed over whole: read to the end, with no warning. It had halted with "Huge input lookup".
    func testADocumentOverTenMegabytesHandedOverWholeReadsWithoutAWarning() throws {
        let text = String(repeating: "Words of a long entry. ", count: 260)
        var document = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Huge</title>"
        for number in 1...2_000 { document += "<item><guid>h-\(number)</guid><description>\(text)</description></item>" }
        document += "</channel></rss>"
        let bytes = Array(document.utf8)
        XCTAssertGreaterThan(bytes.count, 10_000_000)
        let feed = try FeedParser().parse(bytes, url: "https://huge.example/feed")
        XCTAssertEqual(feed.entries.count, 2_000)
        XCTAssertEqual(feed.warnings, [])
    }

    func testEntriesArriveBeforeTheDocumentEnds() throws {
        var document = "<rss version=\"2.0\"><channel><title>Long</title>"
        for number in 1...200 { document += "<item><guid>item-\(number)</guid><title>Entry number \(number)</title></item>" }
        document += "</channel></rss>"
        let bytes = Array(document.utf8)
        var seen = 0
        let stream = FeedStreamParser { _ in seen += 1 }
        let half = bytes.count / 2
        try bytes[..<half].withUnsafeBytes { try stream.write($0) }
        XCTAssertGreaterThan(seen, 50, "the first entries are handed over while the rest is still coming")
        XCTAssertLessThan(seen, 200)
        try bytes[half...].withUnsafeBytes { try stream.write($0) }
        _ = try stream.finish()
        XCTAssertEqual(seen, 200)
    }
}
