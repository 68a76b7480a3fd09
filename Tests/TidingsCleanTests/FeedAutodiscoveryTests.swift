import TidingsClean
import XCTest

final class FeedAutodiscoveryTests: XCTestCase {
    private func links(_ html: String, contentType: String? = "text/html", url: String = "https://site.example/blog/") -> [String] {
        FeedAutodiscovery.feedLinks(inPage: Array(html.utf8), contentType: contentType, url: url)
    }

    func testFeedLinksAreReadInPageOrderMadeAbsoluteAndOnlyForFeedTypes() {
        let html = """
            <html><head>
            <link rel="stylesheet" type="text/css" href="/style.css">
            <link rel="alternate" hreflang="fr" type="text/html" href="/fr/">
            <link rel="alternate" type="application/rss+xml" title="Posts" href="feed/">
            <LINK REL="Alternate" TYPE="application/atom+xml; charset=utf-8" HREF=" /atom.xml ">
            <link rel="alternate" type="application/rss+xml" title="Comments" href="/comments/feed/">
            <link rel="alternate" type="application/feed+json" href="https://site.example/feed.json">
            <link rel="alternate" type="application/rss+xml" href="feed/">
            <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
            <link rel="alternate" type="application/rss+xml">
            </head><body><p>Hello</p></body></html>
            """
        XCTAssertEqual(
            links(html),
            [
                "https://site.example/blog/feed/", "https://site.example/atom.xml", "https://site.example/comments/feed/",
                "https://site.example/feed.json",
            ])
    }

    func testBaseElementAndTheFinalURLAreTheBase() {
        let html = "<html><head><base href=\"https://cdn.example/news/\"><link rel=\"alternate\" type=\"application/rss+xml\" href=\"rss\"></head></html>"
        XCTAssertEqual(links(html), ["https://cdn.example/news/rss"])
        XCTAssertEqual(links("<html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/rss#main\"></head></html>"), ["https://site.example/rss"])
        let noBase = "<html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"../rss\"></head></html>"
        XCTAssertEqual(links(noBase, url: "https://site.example/a/b/"), ["https://site.example/a/rss"])
    }

    func testPageInALegacyCharsetAndPagesWithoutFeedsOrNoHTMLAtAll() {
        let latin1: [UInt8] = Array("<html><head><title>Caf".utf8) + [0xE9] + Array("</title><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/r\"></head></html>".utf8)
        XCTAssertEqual(
            FeedAutodiscovery.feedLinks(inPage: latin1, contentType: "text/html; charset=ISO-8859-1", url: "http://s.example/"),
            ["http://s.example/r"])
        XCTAssertEqual(links("<html><head><title>No feed</title></head><body>x</body></html>"), [])
        XCTAssertEqual(links(""), [])
        XCTAssertEqual(links("{\"not\": \"html\"}", contentType: "application/json"), [])
    }
}
