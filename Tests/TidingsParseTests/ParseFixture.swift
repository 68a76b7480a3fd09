import Foundation
import TidingsCore
import TidingsParse
import TidingsTestSupport
import XCTest

/// Parses a fixture under Tests/Fixtures/feeds.
func parseFixture(_ name: String, url: String? = nil, contentType: String? = nil, options: ParseOptions = ParseOptions()) throws -> ParsedFeed {
    try FeedParser(options: options).parse(try Fixtures.bytes("feeds/\(name)"), url: url, contentType: contentType)
}

/// The instant of an RFC 3339 string, for expected values.
func instant(_ text: String) -> Date? { Timestamp.date(fromISO8601: text) }
