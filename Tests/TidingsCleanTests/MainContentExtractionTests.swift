import TidingsClean
import TidingsTestSupport
import XCTest

/// Main-article extraction from whole pages (`--fulltext` feeds, `tidings clean --extract`).
final class MainContentExtractionTests: XCTestCase {
    let cleaner = ArticleCleaner()

    private func extract(_ name: String, url: String? = nil) throws -> CleanedDocument? {
        cleaner.clean(page: try Fixtures.text("pages/\(name).html"), url: url)
    }

    func testBlogPageKeepsTheArticleAndDropsCommentsSidebarAndChrome() throws {
        let document = try XCTUnwrap(try extract("blog-with-comments"))
        XCTAssertEqual(document.text + "\n", try Fixtures.text("pages/blog-with-comments.txt"))
        XCTAssertEqual(document.title, "Harbour ferry returns after winter refit")
    }

    func testDivLayoutWithBreaksAndAnInlineNewsletterBox() throws {
        let document = try XCTUnwrap(try extract("news-div-layout"))
        XCTAssertEqual(document.text + "\n", try Fixtures.text("pages/news-div-layout.txt"))
    }

    func testCaptionsStayInTheHTMLButNotInTheText() throws {
        let document = try XCTUnwrap(try extract("blog-with-comments", url: "https://northshore.example/2026/03/ferry/"))
        XCTAssertFalse(document.text.contains("Photo: Ines Calloway"))
        XCTAssertTrue(document.html?.contains("<figcaption>") ?? false)
        XCTAssertTrue(document.html?.contains("src=\"https://northshore.example/wp-content/uploads/2026/03/ferry.jpg\"") ?? false)
    }

    func testStatedBodyFromJSONLDWhenThePageHasNoArticleBlock() throws {
        let body = String(repeating: "The stated body of the story, as the publisher gives it in its metadata. ", count: 6)
        let page = """
            <html><head><title>Story</title><script type="application/ld+json">
            [{"@type":"NewsArticle","articleBody":"\(body)\\nA second paragraph, also from the metadata."}]
            </script></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
            <div id="app"></div></body></html>
            """
        let document = try XCTUnwrap(cleaner.clean(page: page))
        XCTAssertEqual(document.text.split(separator: "\n").count, 2)
        XCTAssertTrue(document.text.hasSuffix("A second paragraph, also from the metadata."))
    }

    func testPageWithoutArticleTextGivesNothing() {
        XCTAssertNil(cleaner.clean(page: "<html><body><nav><a href=/>Home</a></nav><footer>© 2026</footer></body></html>"))
        XCTAssertNil(cleaner.clean(page: ""))
    }

    func testArticleSplitIntoBlocksBetweenAdsIsKeptWhole() {
        let paragraph = "A paragraph of the article, with a comma or two, and enough words in it to count as body text."
        let block = { (n: Int) in "<div class=\"c-block\"><p>\(n). \(paragraph)</p><p>Then \(n): \(paragraph)</p></div>" }
        let page = "<html><body><div class=\"story\">" + block(1) + "<div class=\"ad-slot\">Advertisement</div>" + block(2)
            + "<div class=\"ad-slot\">Advertisement</div>" + block(3) + "</div><div class=\"sidebar\"><p>\(paragraph)</p></div></body></html>"
        let text = cleaner.clean(page: page)?.text ?? ""
        XCTAssertTrue(text.hasPrefix("1. "), text)
        XCTAssertTrue(text.contains("3. "), text)
        XCTAssertEqual(text.split(separator: "\n").count, 6, text)
    }
}
