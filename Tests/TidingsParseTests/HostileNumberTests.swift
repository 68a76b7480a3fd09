import Foundation
import TidingsCore
import TidingsParse
import XCTest

/// Numbers a feed gives (ttl, durations, counts, sizes, years) that no Int holds: read as absent, never
/// fatal. Each of these had crashed the process, and so the daemon, on one feed.
final class HostileNumberTests: XCTestCase {
    private static let namespaces = """
        xmlns:sy="http://purl.org/rss/1.0/modules/syndication/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" \
        xmlns:slash="http://purl.org/rss/1.0/modules/slash/" xmlns:dc="http://purl.org/dc/elements/1.1/"
        """

    private func parse(channel: String = "", item: String = "") throws -> ParsedFeed {
        let document = "<rss version=\"2.0\" \(Self.namespaces)><channel><title>t</title>\(channel)"
            + "<item><guid>a</guid><title>a</title>\(item)</item></channel></rss>"
        return try FeedParser().parse(Array(document.utf8), url: "https://hostile.example/feed")
    }

    func testTimeToLiveThatNoIntHoldsIsIgnored() throws {
        for ttl in ["nan", "inf", "-inf", "1e300", "200000000000000000", "99999999999999999999"] {
            XCTAssertNil(try parse(channel: "<ttl>\(ttl)</ttl>").metadata.timeToLive, ttl)
        }
        XCTAssertEqual(try parse(channel: "<ttl>90</ttl>").metadata.timeToLive, 5400, "a real ttl still counts")
    }

    func testDurationsCountsAndEpisodesThatNoIntHoldsAreIgnored() throws {
        for value in ["inf", "nan", "1e300", "99999999999999999999:00:00"] {
            let entry = try parse(
                item: "<itunes:duration>\(value)</itunes:duration><itunes:episode>\(value)</itunes:episode>"
                    + "<slash:comments>\(value)</slash:comments>"
            ).entries[0]
            XCTAssertNil(entry.duration, value)
            XCTAssertNil(entry.episode, value)
            XCTAssertNil(entry.commentCount, value)
        }
        XCTAssertEqual(try parse(item: "<itunes:duration>1:02:03</itunes:duration>").entries[0].duration, 3723)
    }

    func testYearsNoCalendarHoldsAreUnreadableDatesNotFatal() {
        for text in [
            "Tue, 7 Sep 9223372036854775807 10:00:00 GMT", "7 September 9223372036854775807", "999999999999-09-07T10:00:00Z",
            "Tue, 7 Sep 2021 99999999999999999999:00 GMT", "99999999999999999999", "0000-01-01T00:00:00Z",
        ] {
            XCTAssertNil(FeedDate.parse(text), text)
        }
        XCTAssertNotNil(FeedDate.parse("Tue, 07 Sep 2021 10:00:00 GMT"))
    }

    /// Dates made of every kind of token a date has, with numbers from 0 to far past Int's range:
    /// whatever comes back, nothing traps.
    func testDatesOfRandomTokensNeverTrap() {
        var generator = SystemRandomNumberGenerator()
        let numbers = ["0", "7", "13", "31", "60", "99", "2021", "10000", "9999999999", "99999999999999999999", "-5", "1e300"]
        let words = ["Tue,", "Sep", "September", "GMT", "+0200", "-99:99", "Z", "T", "am", "pm", "UTC+14", "EST", ":", "/"]
        for _ in 0..<20_000 {
            let count = Int.random(in: 1...7, using: &generator)
            let tokens = (0..<count).map { _ -> String in
                Bool.random(using: &generator) ? numbers.randomElement(using: &generator)! : words.randomElement(using: &generator)!
            }
            let separators = [" ", "-", ":", "T", "/"]
            _ = FeedDate.parse(tokens.joined(separator: separators.randomElement(using: &generator)!))
        }
    }
}
