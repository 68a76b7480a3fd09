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
