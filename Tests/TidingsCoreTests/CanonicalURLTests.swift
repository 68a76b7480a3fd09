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
}
