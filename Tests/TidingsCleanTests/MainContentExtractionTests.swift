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

    private func paragraphs(_ topic: String, count: Int) -> String {
        (1...count).map { "<p>\($0). A sentence about \(topic), with a comma, and words enough to be the body of a story.</p>" }
            .joined()
    }

    func testTheStoryTitledAsThePageAmongStoriesAppendedByInfiniteScroll() throws {
        let page = """
            <html><head><title>Quay rebuilt before winter | The Harbour Times</title></head><body><main>
            <article class="story"><h1>Quay rebuilt before winter</h1>\(paragraphs("the quay", count: 4))</article>
            <div class="next">Next story</div>
            <article class="story"><h1>Lighthouse keeper retires</h1>\(paragraphs("the lighthouse", count: 9))</article>
            </main></body></html>
            """
        let text = try XCTUnwrap(cleaner.clean(page: page)).text
        XCTAssertTrue(text.contains("about the quay"), text)
        XCTAssertFalse(text.contains("lighthouse"), text)
    }

    func testProseInsideTheMarkedBodyStaysWhateverItsBlockIsCalled() throws {
        let page = """
            <html><body><article><h1>Footbridge closed</h1><div itemprop="articleBody">
            <div class="subscriber-preview">\(paragraphs("the bridge", count: 1))</div>
            <div class="subscriber-only">\(paragraphs("the repairs", count: 5))</div>
            <div class="related-links"><a href="/a">Another story about a bridge somewhere else</a></div>
            </div></article><aside class="sidebar">\(paragraphs("the weather", count: 2))</aside></body></html>
            """
        let lines = try XCTUnwrap(cleaner.clean(page: page)).text.split(separator: "\n")
        XCTAssertEqual(lines.count, 6, lines.joined(separator: "\n"))
        XCTAssertFalse(lines.contains { $0.contains("weather") || $0.contains("Another story") })
    }

    func testAPageWrappedInOneFormIsReadButASignUpFormIsNot() throws {
        let signUp = "<form action=\"/subscribe\"><p>Get the morning briefing, with the news of the day, the weather, and the traffic, in your inbox.</p><input type=\"email\"></form>"
        let page = """
            <html><body><form id="aspnetForm" method="post"><div class="page"><nav><a href="/">Home</a></nav>
            <div class="content">\(paragraphs("the campfire ban", count: 6))\(signUp)</div></div></form></body></html>
            """
        let text = try XCTUnwrap(cleaner.clean(page: page)).text
        XCTAssertTrue(text.contains("about the campfire ban"), text)
        XCTAssertFalse(text.contains("morning briefing"), text)
    }

    func testCardsOfALatestStoriesListAreNotTheArticleWhateverTheirClasses() throws {
        // The cards carry "post" and "post-body" classes; the story's own blocks carry none.
        let card = { (n: Int) in
            """
            <article class="card post type-post"><h3><a href="/s/\(n)">Other story \(n) of the week</a></h3>
            <div class="post-body"><p>\(n). The first lines of another story, with a comma, long enough to be a paragraph of text.</p></div></article>
            """
        }
        let page = """
            <html><body><div class="builder-section"><div class="text-block">\(paragraphs("the mural", count: 2))</div></div>
            <div class="builder-section"><div class="text-block">\(paragraphs("the painters", count: 2))</div></div>
            <div class="builder-column"><h3>Latest stories</h3>\((1...3).map(card).joined())</div></body></html>
            """
        let text = try XCTUnwrap(cleaner.clean(page: page)).text
        XCTAssertTrue(text.contains("about the mural") && text.contains("about the painters"), text)
        XCTAssertFalse(text.contains("another story"), text)
    }

    func testABlockHoldingMostOfThePagesProseIsTheArticleWhateverItIsCalled() throws {
        // A theme that calls the story's column "col-aside" and its body "promo", and the real
        // sidebar "content" with "article-body" teasers.
        let teaser = { (n: Int) in
            "<div class=\"article\"><div class=\"article-title\"><a href=\"/n/\(n)\">Teaser headline \(n)</a></div><div class=\"article-body\"><p>\(n). The opening of another story, with a comma, long enough to count as text.</p></div></div>"
        }
        let page = """
            <html><body><div class="cols"><div class="col-aside"><h2>Schools move to a four-day week</h2>
            <div class="c-promo__body">\(paragraphs("the school week", count: 8))</div></div>
            <div id="content" class="content-list"><h3>More news</h3>\((1...4).map(teaser).joined())</div></div></body></html>
            """
        let text = try XCTUnwrap(cleaner.clean(page: page)).text
        XCTAssertTrue(text.contains("1. A sentence about the school week") && text.contains("8. A sentence"), text)
        XCTAssertFalse(text.contains("another story"), text)
    }

    func testTheBlockUnderThePagesHeadlineIsTheArticleEvenBesideALongerOne() throws {
        // Two blocks with the same markup: the story, and a longer police log beside it.
        let page = """
            <html><head><title>Man fined for feeding deer on Route 9 | The Courier</title></head><body><div class="col">
            <div class="panel-story"><div class="story-headline">Man fined for feeding deer on Route 9</div>
            <div class="story-text">\(paragraphs("the fine", count: 4))</div></div>
            <div class="panel-story"><div class="story-headline">Police log</div>
            <div class="story-text">\(paragraphs("a stolen bicycle", count: 7))</div></div></div></body></html>
            """
        let text = try XCTUnwrap(cleaner.clean(page: page)).text
        XCTAssertTrue(text.contains("about the fine"), text)
        XCTAssertFalse(text.contains("bicycle"), text)
    }

    func testClassesThatSayWhatAnElementHasDoNotNameIt() throws {
        // "has-footer" on the article is not a footer.
        let page = """
            <html><body><main><article class="page-root has-footer">\(paragraphs("the allotments", count: 5))</article>
            </main><footer>© 2024</footer></body></html>
            """
        let text = try XCTUnwrap(cleaner.clean(page: page)).text
        XCTAssertEqual(text.split(separator: "\n").count, 5, text)
    }

    func testTheOneMainLandmarkIsTheArticleWhenTheBestBlockIsASmallPartOfIt() throws {
        // A note box scores best (long paragraphs, many commas), but the article runs through
        // <main>'s own paragraphs and sections; "banner" in main's class does not make it furniture.
        let note = "<p>A long note, with a comma, another, and another, about how lateness is counted, which stop, which minute, which bus, and why it matters.</p>"
        let page = """
            <html><body><nav><a href="/">Home</a></nav><main class="content page-banner-block">\(paragraphs("the bus", count: 1))
            <section><h2>The data</h2>\(paragraphs("the feed", count: 1))<div class="callout"><div>\(note)\(note)</div></div></section>
            <section><h2>When is it late?</h2>\(paragraphs("the evening", count: 1))</section>
            <section><h2>What to change</h2>\(paragraphs("the timetable", count: 1))</section></main></body></html>
            """
        let text = try XCTUnwrap(cleaner.clean(page: page)).text
        for topic in ["the bus", "the feed", "the evening", "the timetable"] { XCTAssertTrue(text.contains("about \(topic)"), text) }
    }

    func testTheBodyElementsClassesAreNotTheArticlesMark() throws {
        // "article-body" in <body>'s class is a font setting: the comments in <main> stay out.
        let section = { (topic: String) in "<section><h2>Part</h2>\(self.paragraphs(topic, count: 2))</section>" }
        let page = """
            <html><body class="sans-serif-article-body"><main><article>\(section("the shards"))\(section("the cache"))\(section("the timings"))</article>
            <section id="comments"><div class="comment">\(paragraphs("a reader's view", count: 2))</div></section></main></body></html>
            """
        let text = try XCTUnwrap(cleaner.clean(page: page)).text
        XCTAssertTrue(text.contains("about the shards") && text.contains("about the timings"), text)
        XCTAssertFalse(text.contains("reader's view"), text)
    }

    func testProseThatAPaywallHidesFromScreenReadersIsStillTheArticle() throws {
        let page = """
            <html><body><article><h1>School to close</h1>\(paragraphs("the vote", count: 2))
            <div class="article-rest blurred" aria-hidden="true">\(paragraphs("the parents", count: 3))</div>
            <div class="icon" aria-hidden="true">★</div></article></body></html>
            """
        let text = try XCTUnwrap(cleaner.clean(page: page)).text
        XCTAssertTrue(text.contains("about the vote") && text.contains("about the parents"), text)
        XCTAssertFalse(text.contains("★"), text)
    }

    func testFootnoteMarkersAndTheFootnoteListAreNotTheArticle() throws {
        let page = """
            <html><body><article><div class="post-content">\(paragraphs("the tide gauge", count: 4))
            <p>The plate was found in 1881.<sup role="doc-noteref"><a href="#fn:1" class="footnote">1</a></sup> It is still there.</p>
            <div class="footnotes" role="doc-endnotes"><ol><li id="fn:1"><p>The harbour commissioners' report of that year, page twelve, which also lists the keeper's wages.</p></li></ol></div>
            </div></article></body></html>
            """
        let text = try XCTUnwrap(cleaner.clean(page: page)).text
        XCTAssertTrue(text.contains("The plate was found in 1881. It is still there."), text)
        XCTAssertFalse(text.contains("commissioners"), text)
    }

    func testAFactBoxBesideTheStoryIsNotItsText() throws {
        let page = """
            <html><body><article><div class="story-body">\(paragraphs("the match", count: 5))
            <div class="match-facts card"><div>Line-ups: Drašković, Vuković, Šimunić, Kolar and the rest of the side that started</div>
            <div>Attendance 1,450, referee Ivo Perić, yellow cards for Kolar and Rukavina in the second half</div></div>
            </div></article></body></html>
            """
        let text = try XCTUnwrap(cleaner.clean(page: page)).text
        XCTAssertTrue(text.contains("about the match"), text)
        XCTAssertFalse(text.contains("Attendance"), text)
    }
}
