import TidingsCore
import TidingsParse
import XCTest

final class FeedDateTests: XCTestCase {
    func testRFC822Variants() {
        let expected = Timestamp.date(fromISO8601: "2021-09-07T10:00:00Z")
        for text in [
            "Tue, 07 Sep 2021 10:00:00 GMT", "Tue, 7 Sep 2021 10:00:00 +0000", "07 Sep 2021 10:00 UT",
            "Tue, 07 Sep 21 10:00:00 Z", "Tue, 07 Sep 2021 12:00:00 +02:00", "Tue, 07 Sep 2021 06:00:00 EDT",
            "Wed, 07 Sep 2021 10:00:00 GMT", "2021-09-07T10:00:00Z",
        ] {
            XCTAssertEqual(FeedDate.parse(text), expected, text)
        }
    }

    func testUnreadableIsNil() {
        XCTAssertNil(FeedDate.parse("not a date"))
        XCTAssertNil(FeedDate.parse(""))
    }
}
