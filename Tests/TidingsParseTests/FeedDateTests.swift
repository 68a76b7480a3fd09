import Foundation
import TidingsCore
import TidingsParse
import XCTest

/// Each form a feed writes dates in, read to the exact UTC instant.
final class FeedDateTests: XCTestCase {
    private func assertReads(_ cases: [String: String], file: StaticString = #filePath, line: UInt = #line) {
        for (text, iso) in cases.sorted(by: { $0.key < $1.key }) {
            XCTAssertEqual(FeedDate.parse(text), Timestamp.date(fromISO8601: iso), "'\(text)'", file: file, line: line)
        }
    }

    func testRFC822AndItsCommonVariantsReadToUTC() {
        assertReads([
            "Tue, 07 Sep 2021 10:00:00 GMT": "2021-09-07T10:00:00Z",
            "Tue, 7 Sep 2021 10:00:00 +0000": "2021-09-07T10:00:00Z",
            "Tue, 07 Sep 2021 12:00:00 +0200": "2021-09-07T10:00:00Z",
            "Tue, 07 Sep 2021 12:00:00 +02:00": "2021-09-07T10:00:00Z",
            "Tue, 07 Sep 2021 05:30:00 -0430": "2021-09-07T10:00:00Z",
            "07 Sep 2021 10:00 UT": "2021-09-07T10:00:00Z",
            "Tue, 07 Sep 21 10:00:00 Z": "2021-09-07T10:00:00Z",
            "Tue, 07 Sep 99 10:00:00 GMT": "1999-09-07T10:00:00Z",
            // A wrong weekday is ignored, as feedparser does.
            "Wed, 07 Sep 2021 10:00:00 GMT": "2021-09-07T10:00:00Z",
            "Tue,07 Sep 2021 10:00:00 GMT": "2021-09-07T10:00:00Z",
            "Tue, 07 Sep 2021 10:00:00": "2021-09-07T10:00:00Z",
            "Tue, 07 Sep 2021 10:00:00 +0000 (UTC)": "2021-09-07T10:00:00Z",
            "Tue, 07 Sep 2021 10:00:00 GMT+02:00": "2021-09-07T08:00:00Z",
            "Tuesday, 07-Sep-21 10:00:00 GMT": "2021-09-07T10:00:00Z",
            "Tue, 07 Sept 2021 10:00:00 GMT": "2021-09-07T10:00:00Z",
            "September 7, 2021 10:00 PM EST": "2021-09-08T03:00:00Z",
            "Sep 7, 2021 12:15 AM": "2021-09-07T00:15:00Z",
            "Tue, 07 Sep 2021": "2021-09-07T00:00:00Z",
        ])
    }

    func testNamedZonesAndMilitaryLetters() {
        assertReads([
            "Tue, 07 Sep 2021 06:00:00 EDT": "2021-09-07T10:00:00Z",
            "Tue, 07 Sep 2021 05:00:00 EST": "2021-09-07T10:00:00Z",
            "Tue, 07 Sep 2021 05:00:00 CDT": "2021-09-07T10:00:00Z",
            "Tue, 07 Sep 2021 03:00:00 PDT": "2021-09-07T10:00:00Z",
            "Tue, 07 Sep 2021 02:00:00 PST": "2021-09-07T10:00:00Z",
            "Tue, 07 Sep 2021 12:00:00 CEST": "2021-09-07T10:00:00Z",
            "Tue, 07 Sep 2021 11:00:00 CET": "2021-09-07T10:00:00Z",
            "Tue, 07 Sep 2021 11:00:00 BST": "2021-09-07T10:00:00Z",
            "Tue, 07 Sep 2021 19:00:00 JST": "2021-09-07T10:00:00Z",
            "Tue, 07 Sep 2021 20:00:00 AEST": "2021-09-07T10:00:00Z",
            // RFC 822's military letters, with its signs (A is UTC-1, N is UTC+1), as feedparser reads them.
            "Tue, 07 Sep 2021 09:00:00 A": "2021-09-07T10:00:00Z",
            "Tue, 07 Sep 2021 11:00:00 N": "2021-09-07T10:00:00Z",
            "Tue, 07 Sep 2021 22:00:00 Y": "2021-09-07T10:00:00Z",
            "Tue, 07 Sep 2021 10:00:00 Z": "2021-09-07T10:00:00Z",
        ])
    }

    func testMonthAndDayNamesInOtherLanguages() {
        assertReads([
            "Di, 07 Okt 2021 10:00:00 +0000": "2021-10-07T10:00:00Z",
            "Mo, 07 Mär 2022 10:00:00 +0100": "2022-03-07T09:00:00Z",
            "07. Dezember 2021 10:00": "2021-12-07T10:00:00Z",
            "mar., 07 déc. 2021 10:00:00 +0100": "2021-12-07T09:00:00Z",
            "7 février 2021": "2021-02-07T00:00:00Z",
            "jeu., 08 juil. 2021 10:00:00 GMT": "2021-07-08T10:00:00Z",
            "Mié, 07 Abr 2021 10:00:00 GMT": "2021-04-07T10:00:00Z",
            "7 agosto 2021": "2021-08-07T00:00:00Z",
            "mer, 07 gen 2021 10:00:00 +0000": "2021-01-07T10:00:00Z",
            "di 07 mei 2021 10:00:00 +0200": "2021-05-07T08:00:00Z",
            "7 out 2021": "2021-10-07T00:00:00Z",
        ])
    }

    func testISO8601RFC3339AndW3CDTF() {
        assertReads([
            "2021-09-07T10:00:00Z": "2021-09-07T10:00:00Z",
            "2021-09-07T12:00:00+02:00": "2021-09-07T10:00:00Z",
            "2021-09-07T12:00:00+0200": "2021-09-07T10:00:00Z",
            "2021-09-07T12:00:00+02": "2021-09-07T10:00:00Z",
            "2021-09-07T05:00:00-05:00": "2021-09-07T10:00:00Z",
            "2021-09-07T10:00:00.123456Z": "2021-09-07T10:00:00.123456Z",
            "2021-09-07T10:00:00": "2021-09-07T10:00:00Z",
            "2021-09-07T10:00Z": "2021-09-07T10:00:00Z",
            "2021-09-07 10:00:00": "2021-09-07T10:00:00Z",
            "2021-09-07 10:00:00 GMT": "2021-09-07T10:00:00Z",
            "2021-09-07 12:00:00 +0200": "2021-09-07T10:00:00Z",
            "2021-09-07": "2021-09-07T00:00:00Z",
            "2021-09": "2021-09-01T00:00:00Z",
            "2021": "2021-01-01T00:00:00Z",
            "20210907T100000Z": "2021-09-07T10:00:00Z",
            "20210907": "2021-09-07T00:00:00Z",
        ])
    }

    func testAsctimeAndUnixTimestamps() {
        assertReads([
            "Tue Sep  7 10:00:00 2021": "2021-09-07T10:00:00Z",
            "Tue Sep 07 10:00:00 2021": "2021-09-07T10:00:00Z",
            "1631008800": "2021-09-07T10:00:00Z",
            "1631008800000": "2021-09-07T10:00:00Z",
        ])
    }

    func testUnreadableDatesAreNilNeverNow() {
        for text in ["not a date", "", "sometime last week", "Tue, 32 Sep 2021 10:00:00 GMT", "2021-02-30", "2021-13-01",
            "Tue, 07 Sep 2021 25:00:00 GMT", "Tue, 07 Sep 2021 10:00:00 +9999", "12345"]
        {
            XCTAssertNil(FeedDate.parse(text), "'\(text)'")
        }
    }
}
