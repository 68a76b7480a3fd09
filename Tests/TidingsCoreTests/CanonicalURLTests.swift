import TidingsCore
import XCTest

final class CanonicalURLTests: XCTestCase {
    func testCopiesOfOneURLCompareEqual() {
        let forms = [
            "https://News.Example.com/2021/09/story/",
            "https://news.example.com:443/2021/09/story?utm_source=rss&utm_medium=feed",
            "HTTPS://news.example.com/2021/09/story#comments",
            "https://news.example.com/2021/09/story?fbclid=abc123&gclid=x",
        ]
        let canonical = Set(forms.compactMap(CanonicalURL.canonicalize))
        XCTAssertEqual(canonical, ["https://news.example.com/2021/09/story"])
    }

    func testAMPCacheAndViewerURLsUnwrapToThePublisher() {
        let canonical = CanonicalURL.canonicalize("https://www.example.com/news/story")
        for amp in [
            "https://www-example-com.cdn.ampproject.org/c/s/www.example.com/news/story",
            "https://www-example-com.cdn.ampproject.org/v/s/www.example.com/news/story?utm_source=amp",
            "https://www.google.com/amp/s/www.example.com/news/story/",
        ] {
            XCTAssertEqual(CanonicalURL.canonicalize(amp), canonical, amp)
        }
        XCTAssertEqual(
            CanonicalURL.unwrappingAMPCache("https://example-com.cdn.ampproject.org/c/example.com/a"), "http://example.com/a")
        XCTAssertEqual(CanonicalURL.unwrappingAMPCache("https://www.google.com/search?q=amp"), "https://www.google.com/search?q=amp")
    }

    func testKeepsParametersThatNameThePage() {
        XCTAssertEqual(
            CanonicalURL.canonicalize("http://example.com/article?id=42&utm_campaign=x"),
            "http://example.com/article?id=42")
    }

    func testRejectsNonHTTPURLs() {
        XCTAssertNil(CanonicalURL.canonicalize("mailto:someone@example.com"))
        XCTAssertNil(CanonicalURL.canonicalize("not a url"))
    }

    func testRemovingTrackingLeavesTheRestAlone() {
        XCTAssertEqual(
            CanonicalURL.removingTracking(from: "https://example.com/a/?x=1&utm_source=feed#top"),
            "https://example.com/a/?x=1#top")
        XCTAssertEqual(CanonicalURL.removingTracking(from: "https://example.com/a"), "https://example.com/a")
    }

    func testRemovingTrackingKeepsTheOtherParametersByteForByte() {
        XCTAssertEqual(
            CanonicalURL.removingTracking(from: "https://example.com/s?q=a%2Fb+c&UTM_Medium=rss&x=%C3%A9&&gclid=1"),
            "https://example.com/s?q=a%2Fb+c&x=%C3%A9&")
        XCTAssertEqual(CanonicalURL.removingTracking(from: "https://example.com/s?utm%5Fsource=x&id=2"), "https://example.com/s?id=2")
        // A "?" in the fragment is no query.
        XCTAssertEqual(
            CanonicalURL.removingTracking(from: "https://example.com/a#x?utm_source=y"), "https://example.com/a#x?utm_source=y")
        XCTAssertEqual(CanonicalURL.removingTracking(from: "https://example.com/a?fbclid=z"), "https://example.com/a")
    }

    /// A password in a feed's address is not written to logs or terminals.
    func testDisplayURLHidesThePasswordOnly() {
        XCTAssertEqual(DisplayURL.string("https://reader:hunter2@feeds.example/a?x=1"), "https://reader:***@feeds.example/a?x=1")
        XCTAssertEqual(DisplayURL.string("https://reader@feeds.example/a"), "https://reader@feeds.example/a")
        XCTAssertEqual(DisplayURL.string("https://feeds.example/a@b:c"), "https://feeds.example/a@b:c", "an @ in the path is no user")
        XCTAssertEqual(DisplayURL.string("https://u:p:q@h.example:8443/"), "https://u:***@h.example:8443/")
        XCTAssertEqual(DisplayURL.string("not a url"), "not a url")
    }
}
