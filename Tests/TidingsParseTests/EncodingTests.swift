import Foundation
import TidingsCore
import TidingsParse
import TidingsTestSupport
import XCTest

/// RFC 7303's order (byte order mark, HTTP charset, XML declaration) and the lies real feeds tell.
final class EncodingTests: XCTestCase {
    /// The title every encodings fixture carries, in its own encoding.
    private let title = "Café “quoted” – naïve"

    func testByteOrderMarksAndWideEncodingsWithoutOne() throws {
        for name in ["utf8-bom.xml", "utf16le-bom.xml", "utf16be-nobom.xml", "utf32le-bom.xml"] {
            let feed = try parseFixture("encodings/\(name)")
            XCTAssertEqual(feed.metadata.title, title, name)
            XCTAssertEqual(feed.entries.first?.title, title, name)
            XCTAssertTrue(feed.warnings.isEmpty, "\(name): \(feed.warnings)")
        }
    }

    func testLatin1LabelMeansWindows1252() throws {
        // Curly quotes and the dash sit in 0x80–0x9F, which ISO-8859-1 leaves to control codes.
        let feed = try parseFixture("encodings/windows1252-as-latin1.xml")
        XCTAssertEqual(feed.entries.first?.title, title)
    }

    func testUTF8LabelledLatin1IsReadAsUTF8WithAWarning() throws {
        let feed = try parseFixture("encodings/utf8-as-latin1.xml")
        XCTAssertEqual(feed.entries.first?.title, title)
        XCTAssertTrue(feed.warnings.contains { $0.contains("labelled as Latin-1") && $0.contains("UTF-8") }, "\(feed.warnings)")
    }

    func testInvalidBytesInUTF8AreReadAsWindows1252AndReported() throws {
        let feed = try parseFixture("encodings/utf8-invalid-bytes.xml")
        XCTAssertEqual(feed.entries.first?.title, "It’s café", "0x92 is a right quote in windows-1252; the valid é stays")
        XCTAssertTrue(feed.warnings.contains { $0.contains("1 bytes were not valid UTF-8") }, "\(feed.warnings)")
    }

    func testDeclaredLegacyEncodingsGoThroughIconv() throws {
        XCTAssertEqual(try parseFixture("encodings/koi8r.xml").entries.first?.title, "Привет, мир")
        XCTAssertEqual(try parseFixture("encodings/shift-jis.xml").entries.first?.title, "こんにちは")
    }

    func testHTTPCharsetWinsOverTheDeclaration() throws {
        let feed = try parseFixture("encodings/http-charset-wins.xml", contentType: "application/rss+xml; charset=windows-1251")
        XCTAssertEqual(feed.metadata.title, "Новости")
        XCTAssertEqual(feed.entries.first?.title, "Привет")
        XCTAssertTrue(feed.warnings.isEmpty, "\(feed.warnings)")
    }

    func testByteOrderMarkWinsOverTheHTTPCharset() throws {
        let feed = try parseFixture("encodings/utf16le-bom.xml", contentType: "text/xml; charset=iso-8859-1")
        XCTAssertEqual(feed.metadata.title, title)
    }

    func testUnknownCharsetFallsBackToUTF8WithAWarning() throws {
        let bytes = Array("<?xml version=\"1.0\" encoding=\"x-no-such-charset\"?><rss><channel><title>Plain</title></channel></rss>".utf8)
        let feed = try FeedParser().parse(bytes)
        XCTAssertEqual(feed.metadata.title, "Plain")
        XCTAssertTrue(feed.warnings.contains { $0.contains("unknown character encoding") }, "\(feed.warnings)")
    }
}
