import TidingsCore
import XCTest

final class EntryKeyTests: XCTestCase {
    func testGuidThenLinkThenStableHash() {
        XCTAssertEqual(ParsedEntry(guid: "g-1", link: "https://e.x/1").entryKey, "g-1")
        XCTAssertEqual(ParsedEntry(link: "https://e.x/1").entryKey, "https://e.x/1")
        let anonymous = ParsedEntry(title: "A title", contentHTML: "<p>Body</p>")
        XCTAssertTrue(anonymous.entryKey.hasPrefix("hash:"))
        XCTAssertEqual(anonymous.entryKey, ParsedEntry(title: "A title", contentHTML: "<p>Body</p>").entryKey)
        XCTAssertNotEqual(anonymous.entryKey, ParsedEntry(title: "Another", contentHTML: "<p>Body</p>").entryKey)
    }

    func testDurationTextReadsUnits() {
        XCTAssertEqual(DurationText.seconds(from: "90s"), 90)
        XCTAssertEqual(DurationText.seconds(from: "30m"), 1800)
        XCTAssertEqual(DurationText.seconds(from: "2h"), 7200)
        XCTAssertEqual(DurationText.seconds(from: "1d"), 86_400)
        XCTAssertEqual(DurationText.seconds(from: "45"), 45)
        XCTAssertNil(DurationText.seconds(from: "soon"))
        XCTAssertNil(DurationText.seconds(from: "5 parsecs"))
        // Too long to mean anything (and, in seconds, more than an Int holds: it had crashed).
        XCTAssertNil(DurationText.seconds(from: "999999999999999999d"))
        XCTAssertNil(DurationText.seconds(from: "101w" + String(repeating: "0", count: 3)))
        XCTAssertEqual(DurationText.seconds(from: "3650d"), 3650 * 86_400)
    }
}
