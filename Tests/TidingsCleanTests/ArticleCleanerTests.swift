import TidingsClean
import TidingsCore
import TidingsTestSupport
import XCTest

final class ArticleCleanerTests: XCTestCase {
    let cleaner = ArticleCleaner()

    func testBlockAwareTextDecodedAndCollapsed() {
        let document = cleaner.clean(
            html: "<div><h2>Head  line</h2><p>One&nbsp;&amp; two\u{200B}.</p><ul><li>Alpha item</li><li>Beta item</li></ul>Tail<br>text</div>")
        XCTAssertEqual(document.text, "Head line\nOne & two.\nAlpha item\nBeta item\nTail\ntext")
    }

    /// HTML5's void elements, which libxml2's HTML 4 parser does not know: what follows them is
    /// kept after them (it had been nested inside, and lost with an `embed` or a `wbr`).
    func testWhatFollowsEmbedWbrAndSourceIsKept() {
        let embed = cleaner.clean(
            html: "<p>Watch the clip below.</p><embed src=\"https://x.example/c.swf\"><p>The mayor said the barrier failed.</p><p>Repairs start next week.</p>")
        XCTAssertEqual(embed.text, "Watch the clip below.\nThe mayor said the barrier failed.\nRepairs start next week.")
        XCTAssertEqual(embed.html, "<p>Watch the clip below.</p><p>The mayor said the barrier failed.</p><p>Repairs start next week.</p>")
        let wbr = cleaner.clean(html: "<p>Get it from https://d.example/releases/<wbr>v2.0/<wbr>tool.tar.gz today, then run it.</p>")
        XCTAssertEqual(wbr.text, "Get it from https://d.example/releases/v2.0/tool.tar.gz today, then run it.")
        XCTAssertEqual(wbr.html, "<p>Get it from https://d.example/releases/<wbr>v2.0/<wbr>tool.tar.gz today, then run it.</p>")
        let picture = cleaner.clean(
            html: "<p>The photo story.</p><picture><source srcset=\"https://x.example/a.webp\" type=\"image/webp\"><img src=\"https://x.example/a.jpg\" alt=\"Harbour\"></picture><p>The end of it.</p>")
        XCTAssertTrue(picture.html?.contains("<img src=\"https://x.example/a.jpg\" alt=\"Harbour\"></picture>") == true, picture.html ?? "")
        let video = cleaner.clean(
            html: "<video controls><source src=\"https://x.example/a.webm\"><source src=\"https://x.example/a.mp4\">No video.</video><p>After the video.</p>")
        XCTAssertTrue(video.html?.contains("a.webm\"><source src=\"https://x.example/a.mp4\">") == true, video.html ?? "")
        XCTAssertTrue(video.text.hasSuffix("After the video."), video.text)
    }

    /// A table row is one line with every cell: figures alone on a line had been dropped as stray
    /// tokens, and a "Share" header as a share button.
    func testTableRowsAreLinesWithEveryCell() {
        let document = cleaner.clean(
            html: """
                <p>The council voted on Tuesday to approve the new budget for the coming year.</p>
                <table><tr><th>Candidate</th><th>Votes</th><th>Share</th></tr><tr><td>Maria Lopez</td><td>12,345</td><td>52%</td></tr>
                <tr><td>John Smith</td><td>11,002</td><td>46%</td></tr>
                <tr><td><p>A layout cell holds a paragraph of its own here.</p></td><td><p>And so does its neighbour.</p></td></tr></table>
                """)
        XCTAssertEqual(
            document.text,
            """
            The council voted on Tuesday to approve the new budget for the coming year.
            Candidate; Votes; Share
            Maria Lopez; 12,345; 52%
            John Smith; 11,002; 46%
            A layout cell holds a paragraph of its own here.
            And so does its neighbour.
            """)
    }

    /// Code keeps its indentation and spacing, and its short lines ("}", "end") are not taken for
    /// stray tokens or repeats; it had come out flush left with its spaces collapsed.
    func testPreformattedTextKeepsItsIndentationAndShortLines() {
        let document = cleaner.clean(
            html: "<p>Here is how to add up a list, step by step.</p><pre><code>func total(_ xs: [Int]) -> Int {\n    guard !xs.isEmpty else {\n        return 0\n    }\n\n    return   xs.reduce(0, +)\n}\n}\n</code></pre><p>That is all.</p>")
        XCTAssertEqual(
            document.text,
            "Here is how to add up a list, step by step.\nfunc total(_ xs: [Int]) -> Int {\n    guard !xs.isEmpty else {\n        return 0\n    }\n    return   xs.reduce(0, +)\n}\n}\nThat is all.")
    }

    /// A micro-blog post whose title is its text: the text stays (it had been dropped as a repeat
    /// of the title, leaving nothing to search or to compare).
    func testPostThatIsItsTitleKeepsItsText() {
        let post = "Just shipped version 2.0 of the app, with dark mode and faster sync."
        let article = cleaner.clean(entry: ParsedEntry(guid: "m1", title: post, summaryHTML: post))
        XCTAssertEqual(article.contentText, post)
        XCTAssertEqual(article.title, post)
        let withBody = cleaner.clean(entry: ParsedEntry(guid: "m2", title: "Harbour plan", summaryHTML: "<p>Harbour plan</p><p>The council approved the harbour plan on Tuesday evening.</p>"))
        XCTAssertEqual(withBody.contentText, "The council approved the harbour plan on Tuesday evening.", "a headline repeated above a body still goes")
    }

    /// A teaser's link to the rest of itself, however punctuated or worded, and a blog platform's
    /// syndication footer go; a sentence that starts the same way stays.
    func testReadMoreLinksAndSyndicationFootersGoSentencesStay() {
        let article = [
            "The council voted on Tuesday to approve the new budget for the coming year, after a long debate.",
            "The mayor said the plan would cut waiting times at the harbour by half within two years.",
            "Read more about the hearing in our earlier report, which covered the first vote.",
        ]
        let tails = [
            "Read more...", "Read more…", "Read More ›", "Continue reading →", "Continue reading “Budget approved” →",
            "Weiterlesen…", "Lire la suite...", "Leer más »", "Read the rest of this entry »", "Read the full story",
            "The post Budget approved appeared first on City News.", "This entry was posted in News. Bookmark the permalink.",
        ]
        for tail in tails {
            XCTAssertEqual(cleaner.clean(text: (article + [tail]).joined(separator: "\n")).text, article.joined(separator: "\n"), tail)
        }
    }

    /// Images a lazy-loading script would fill in keep their real address (the blank placeholder
    /// had been all that was kept); a real `src` is never replaced.
    func testLazyLoadedImagesKeepTheirRealAddress() {
        let html = cleaner.clean(
            html: "<p>The photo story.</p><img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" data-src=\"/real.jpg\" alt=\"Harbour\"><img data-lazy-src=\"/b.jpg\" data-lazy-srcset=\"/b.jpg 1x, /b2.jpg 2x\"><img src=\"/own.jpg\" data-src=\"/other.jpg\">",
            baseURL: "https://x.example/a/").html
        XCTAssertEqual(
            html,
            "<p>The photo story.</p><img src=\"https://x.example/real.jpg\" alt=\"Harbour\"><img src=\"https://x.example/b.jpg\" srcset=\"https://x.example/b.jpg 1x, https://x.example/b2.jpg 2x\"><img src=\"https://x.example/own.jpg\">")
    }

    func testScriptsStylesAndHandlersNeverSurvive() {
        let vectors = [
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"JaVaScRiPt:alert(1)\">x</a>", "<a href=\"java\tscript:alert(1)\">x</a>",
            "<a href=\"&#106;avascript:alert(1)\">x</a>", "<a href=vbscript:msgbox(1)>x</a>",
            "<svg onload=alert(1)><script>alert(1)</script></svg>", "<iframe src=\"https://evil.example\"></iframe>",
            "<object data=\"x.swf\"></object>", "<embed src=\"x.swf\">", "<form action=\"https://evil.example\"><input></form>",
            "<style>body{background:url(javascript:alert(1))}</style>", "<p style=\"x:expression(alert(1))\">p</p>",
            "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
            "<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">", "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
            "<<script>alert(1)//<</script>", "<div onmouseover='alert(1)'>hover</div>", "<body onload=alert(1)>",
        ]
        for vector in vectors {
            let html = cleaner.clean(html: vector, baseURL: "https://site.example/a/").html ?? ""
            let lower = html.lowercased()
            for forbidden in ["<script", "javascript:", "vbscript:", "onerror", "onload", "onmouseover", "<iframe", "<object", "<embed", "<form", "<style", "style=", "data:text", "svg"] {
                XCTAssertFalse(lower.contains(forbidden), "\(forbidden) survived in \(html) from \(vector)")
            }
        }
    }

    func testLinksResolvedTrackingStrippedPixelsRemoved() {
        let html = cleaner.clean(
            html: "<p><a href=\"/story?id=3&utm_source=rss&fbclid=x\">read</a><img src=\"img/a.png\" alt=\"A\"><img src=\"https://pixel.wp.com/g.gif\"><img src=\"/t.gif\" width=\"1\" height=\"1\"></p>",
            baseURL: "https://site.example/news/").html ?? ""
        XCTAssertTrue(html.contains("href=\"https://site.example/story?id=3\""), html)
        XCTAssertTrue(html.contains("src=\"https://site.example/news/img/a.png\""), html)
        XCTAssertFalse(html.contains("pixel.wp.com"), html)
        XCTAssertFalse(html.contains("t.gif"), html)
    }

    func testRepeatedHeadlineAndCaptionKeepTheFirst() {
        let text = "A caption under the photo. (AFP)\nA caption under the photo. (AFP)\nTT\n20\nThe body starts here and goes on for a while."
        XCTAssertEqual(
            cleaner.clean(text: text).text, "A caption under the photo. (AFP)\nThe body starts here and goes on for a while.")
    }

    func testLinesThatOnlyRepeatTheTitleAreDropped() {
        XCTAssertEqual(cleaner.clean(text: "Big News Today\nThe story itself.", title: "Big news today").text, "The story itself.")
    }

    func testBoilerplateClassesAreRemoved() {
        let body = "The council voted on Tuesday to keep the library open through the winter months."
        let noise = [
            "Sponsored by", "Advertisement", "Also read: Council budget explained", "READ MORE: Library history",
            "Subscribe to our newsletter for daily updates", "Get the best stories delivered straight to your inbox.",
            "Join our WhatsApp channel for breaking news", "Our paper is now on Telegram. Click here to join.",
            "Share this article", "Leave a Reply", "This site uses Akismet to reduce spam.",
            "We use cookies to improve your experience.", "© 2021 Example Media. All rights reserved.",
            "Photo: Jane Doe/Example Agency",
        ]
        let cleaned = cleaner.clean(text: ([body] + noise + [body.replacingOccurrences(of: "Tuesday", with: "Wednesday")]).joined(separator: "\n")).text
        XCTAssertEqual(cleaned.split(separator: "\n").count, 2, cleaned)
    }

    func testSentencesThatMentionBoilerplateWordsAreKept() {
        let text = "The minister said the newsletter, which was sent to 4,000 subscribers last spring, contained errors that the department has since corrected in a public statement."
        XCTAssertEqual(cleaner.clean(text: text).text, text)
    }

    func testASignUpBoxsNameAndTaglineGoWithIt() {
        let body1 = "The harbour board met on Thursday evening and agreed, after a long debate, to rebuild the north quay before the winter storms."
        let body2 = "Work starts in October and should take about nine weeks, the board said, with the ferry moving to the south quay meanwhile."
        let text = [body1, "Coastal Weekly", "Everything that happened on the shore, in five minutes.", "Sign up for our free newsletter", body2]
        XCTAssertEqual(cleaner.clean(text: text.joined(separator: "\n")).text, body1 + "\n" + body2)
        // A short line after a paragraph that is not followed by a sign-up stays: it may be a heading.
        let heading = [body1, "What happens next", body2].joined(separator: "\n")
        XCTAssertEqual(cleaner.clean(text: heading).text, heading)
    }

    func testTeaserTailIsCut() {
        let body = "The final paragraph of the real story ends here with a full stop."
        let text = [body, "Another headline about something else…", "A third teaser that was cut off…", "More teasers…"].joined(separator: "\n")
        XCTAssertEqual(cleaner.clean(text: text).text, body)
    }

    func testCleanEntryBuildsTheStoredArticle() {
        let entry = ParsedEntry(
            guid: "g1", link: "https://Site.example/a/?utm_source=x#c", title: " Title ",
            contentHTML: "<p>First paragraph of the article.</p><p>Second paragraph.</p>")
        let article = cleaner.clean(entry: entry)
        XCTAssertEqual(article.entryKey, "g1")
        XCTAssertEqual(article.title, "Title")
        XCTAssertEqual(article.url, "https://Site.example/a/#c")
        XCTAssertEqual(article.canonicalURL, "https://site.example/a")
        XCTAssertEqual(article.contentText, "First paragraph of the article.\nSecond paragraph.")
        XCTAssertEqual(article.summary, "First paragraph of the article.")
        XCTAssertEqual(article.contentHash, cleaner.clean(entry: ParsedEntry(guid: "other", contentHTML: "<div>First paragraph of the article!<br>Second   paragraph</div>")).contentHash)
    }

    // The lines below are written for these tests, in other words than any fixture's.
    let paragraph = "The harbour board met on Thursday evening and agreed, after a long debate, to rebuild the north quay before the winter storms arrive."
    let another = "Work starts in October and should take about nine weeks, the board said, with the ferry moving to the south quay in the meantime."

    func testBylinesDatesAndReadingTimesGoInAnyLanguage() {
        let noise = [
            "By Mara Quinlan", "Von Henrike Albers", "Por Lucía Ferrándiz, enviada especial",
            "Updated: 14:05, Monday, 3 June 2024", "Publicado el 4 de junio de 2024 a las 10:12", "3 hours ago",
            "06.06.2024, 08:15 Uhr", "6 min read", "Temps de lecture : 2 min", "Listen to this story", "Lesedauer: 4 Min.",
        ]
        let kept = [
            "By Thursday the council had voted twice.", "On 3 June 2024 the council voted to close the pool after a six-hour meeting.",
            "By Mara Quinlan’s count, nine boats sank.",
        ]
        let text = ([paragraph] + noise + kept + [another]).joined(separator: "\n")
        XCTAssertEqual(cleaner.clean(text: text).text, ([paragraph] + kept + [another]).joined(separator: "\n"))
    }

    func testNavigationTrailsLabelledListsAndFormsGo() {
        let lines = [
            "Home › Sport › Cycling", paragraph, another, "Most popular", "Pier reopens after storm repairs",
            "Three things to know about the new bus timetable", "Your email address", "Sign up",
            "Accept all", "Manage preferences", "Topics", "Harbour", "Ferries", "Local council",
        ]
        XCTAssertEqual(cleaner.clean(text: lines.joined(separator: "\n")).text, paragraph + "\n" + another)
        // A related line that carries its link is not a list's label: the subheading after it stays.
        let inline = [paragraph, "Read more: Quay plans", "What happens next", another].joined(separator: "\n")
        XCTAssertEqual(cleaner.clean(text: inline).text, [paragraph, "What happens next", another].joined(separator: "\n"))
    }

    func testTheRestAfterNextStoryIsAnotherArticle() {
        let lines = [paragraph, another, "Next story", "Bridge closes for repairs", "The town bridge closes on Monday for four weeks of repairs, the county said in a statement on Friday."]
        XCTAssertEqual(cleaner.clean(text: lines.joined(separator: "\n")).text, paragraph + "\n" + another)
    }

    func testLabelsAboveTheFirstParagraphGoButTheHeadlineStays() {
        let headline = "Harbour board votes to rebuild the north quay"
        let lines = ["NEWS", "Business | Ports", headline, "Ellen Marsh-Okafor", "The Harbour Times", paragraph, another]
        XCTAssertEqual(cleaner.clean(text: lines.joined(separator: "\n")).text, [headline, paragraph, another].joined(separator: "\n"))
        // A short headline in sentence case has a lowercase word: it stays.
        let short = ["Local", "Quay rebuilt", "The board's decision, explained in full", paragraph]
        XCTAssertEqual(cleaner.clean(text: short.joined(separator: "\n")).text, short.dropFirst().joined(separator: "\n"))
        // Below the first paragraph, a short line is a subheading.
        let body = [headline, paragraph, "What Happens Next", another]
        XCTAssertEqual(cleaner.clean(text: body.joined(separator: "\n")).text, body.joined(separator: "\n"))
        // Text without spaces between words has no such labels to find.
        let japanese = ["地域ニュース", "市立図書館が夜間開館へ", "市は十八日、中央図書館など三館で四月から平日の開館時間を午後十一時まで延長すると発表した。"]
        XCTAssertEqual(cleaner.clean(text: japanese.joined(separator: "\n")).text, japanese.joined(separator: "\n"))
    }

    func testLabelsBehindIconsAndInMoreLanguagesGo() {
        let furniture = [
            "▷ Listen · 3:42", "💬 Comments (23)", "🕒 24.06.2025 at 17:55", "Opdateret 13. april 2025 kl. 08.30",
            "Aktualizováno 15. 3. 2025 14:51", "Atualizado há 5 horas", "Timp de citire: 3 minute", "Distribuie pe WhatsApp",
            "Læs også: Færgen får nye motorer", "Napisz komentarz", "Acest site folosește cookie-uri. Continuarea navigării implică acceptarea lor.",
        ]
        XCTAssertEqual(cleaner.clean(text: ([paragraph] + furniture + [another]).joined(separator: "\n")).text, paragraph + "\n" + another)
    }

    func testTheArticlesLastLinesBeforeARepeatedAdLabelAndASignUpStay() {
        // The label shown again and again is a repeat, but it still sets the article's last short
        // lines apart from the sign-up box below it.
        let last = ["The council said it would keep a box for written questions at the hall.", "The footbridge opens in October."]
        let lines = [paragraph, "ADVERTISEMENT", another] + last + ["ADVERTISEMENT", "Subscribe to our daily newsletter"]
        XCTAssertEqual(cleaner.clean(text: lines.joined(separator: "\n")).text, ([paragraph, another] + last).joined(separator: "\n"))
    }

    func testAShortHeadlineAboveItsStandfirstStays() {
        let lines = ["Kiwi Crossing", "Signs go up on a back road after three birds were killed on it in a single month", paragraph]
        XCTAssertEqual(cleaner.clean(text: lines.joined(separator: "\n")).text, lines.joined(separator: "\n"))
    }

    func testAPressReleaseEndsWhereItsNotesForJournalistsBegin() {
        for end in ["Notes to editors", "###", "Media contact:", "Pressekontakt", "Contact presse"] {
            let lines = [paragraph, another, end, "The study was published in a journal.", "Jo Bloggs, press office, 01632 960000"]
            XCTAssertEqual(cleaner.clean(text: lines.joined(separator: "\n")).text, paragraph + "\n" + another, end)
        }
        // In the body, the words are the story's: a sentence about a media contact stays.
        let sentence = "The council said its media contact would answer questions about the closure on Monday morning."
        XCTAssertEqual(cleaner.clean(text: paragraph + "\n" + sentence).text, paragraph + "\n" + sentence)
    }

    func testAQuoteClosedTheGermanWayIsAFinishedSentenceNotAHeadline() {
        // A caption shown twice after a paragraph that ends in „…“ is a repeat, not a second article.
        let body = [
            "Die Fähre nach Gull Island fährt seit Montag wieder, nach einer Überholung, die drei Wochen länger gedauert hat als geplant.",
            "Die Ingenieure haben beide Motoren ersetzt und eine neue Rampe eingebaut, die Rollstuhlfahrern das Einsteigen ohne fremde Hilfe erlaubt, sagte das Amt.",
            "„Wir haben die alte Fähre so lange am Laufen gehalten, wie es irgendwie ging, aber die beiden Motoren hatten ihre Ruhe wirklich verdient“, sagte er. „Jetzt geht es weiter.“",
        ]
        let caption = "Die Fähre am Anleger von Gull Island. Foto: Hafenamt"
        let rest = [
            "Die erste Überfahrt startet nun um 6.40 Uhr, zwanzig Minuten früher als im vergangenen Jahr, damit Pendler den Zug erreichen.",
            "Die Überholung kostete nach Angaben des Hafenamts 410.000 Euro, von denen der Landkreis zwei Drittel übernahm, teilte das Amt am Dienstag mit.",
            "Die Fahrkarten kosten weiterhin 2,50 Euro für Erwachsene und sind für Kinder unter zwölf Jahren auch in diesem Sommer kostenlos, hieß es weiter.",
        ]
        let text = (body + [caption, caption] + rest).joined(separator: "\n")
        XCTAssertEqual(cleaner.clean(text: text).text, (body + [caption] + rest).joined(separator: "\n"))
    }

    func testLabelsSetOffByDashesAndAListRightBeforeASubheading() {
        let lines = [
            paragraph, "— Anzeige —", "Most viewed in Sport", "Pier reopens after storm repairs", "2",
            "Three things to know about the new timetable", "What happens next", another,
        ]
        XCTAssertEqual(
            cleaner.clean(text: lines.joined(separator: "\n")).text,
            [paragraph, "What happens next", another].joined(separator: "\n"))
    }
}
