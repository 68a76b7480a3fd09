import Foundation
import TidingsCore
import XCTest

final class TimestampTests: XCTestCase {
    func testFormatsUTCSecondPrecision() {
        XCTAssertEqual(Timestamp.string(from: Date(timeIntervalSince1970: 1_631_008_800)), "2021-09-07T10:00:00Z")
        XCTAssertEqual(Timestamp.string(from: Date(timeIntervalSince1970: 0)), "1970-01-01T00:00:00Z")
        XCTAssertEqual(Timestamp.string(from: Date(timeIntervalSince1970: 951_782_400)), "2000-02-29T00:00:00Z")
    }

    func testReadsRFC3339WithOffsetsFractionsAndDateOnly() {
        let expected = Date(timeIntervalSince1970: 1_631_008_800)
        XCTAssertEqual(Timestamp.date(fromISO8601: "2021-09-07T10:00:00Z"), expected)
        XCTAssertEqual(Timestamp.date(fromISO8601: "2021-09-07T12:00:00+02:00"), expected)
        XCTAssertEqual(Timestamp.date(fromISO8601: "2021-09-07T05:00:00-0500"), expected)
        XCTAssertEqual(Timestamp.date(fromISO8601: "2021-09-07 10:00:00Z"), expected)
        XCTAssertEqual(Timestamp.date(fromISO8601: "2021-09-07T10:00Z"), expected)
        XCTAssertEqual(
            Timestamp.date(fromISO8601: "2021-09-07T10:00:00.250Z")?.timeIntervalSince1970, 1_631_008_800.25)
        XCTAssertEqual(Timestamp.date(fromISO8601: "2021-09-07"), Date(timeIntervalSince1970: 1_630_972_800))
    }

    func testRejectsWhatIsNotADate() {
        XCTAssertNil(Timestamp.date(fromISO8601: "yesterday"))
        XCTAssertNil(Timestamp.date(fromISO8601: "2021-13-07T10:00:00Z"))
        XCTAssertNil(Timestamp.date(fromISO8601: "2021-09-07T10:00:00Z trailing"))
    }
}
