import Foundation
import TidingsClean
import TidingsTestSupport
import XCTest

/// The five real articles in Tests/Fixtures/seeds: the cleaner keeps the article and drops the noise.
final class SeedArticleTests: XCTestCase {
    let cleaner = ArticleCleaner()

    private func clean(_ prefix: String) throws -> [String] {
        let name = try FileManager.default.contentsOfDirectory(atPath: Fixtures.path("seeds")).first { $0.hasPrefix(prefix) }!
        return cleaner.clean(text: try Fixtures.text("seeds/\(name)")).text.split(separator: "\n").map(String.init)
    }

    /// Each seed's whole clean text, as reviewed by hand (Tests/Fixtures/seeds-expected): the article,
    /// its headline and standfirst once, its captions once, nothing else.
    func testEverySeedCleansToItsReviewedText() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.path("seeds")).sorted()
        XCTAssertEqual(names.count, 5)
        for name in names {
            let expected = try Fixtures.text("seeds-expected/\(name)")
            XCTAssertEqual(cleaner.clean(text: try Fixtures.text("seeds/\(name)")).text + "\n", expected, name)
        }
    }

    func testSeedWithGluedSecondArticleKeepsOnlyTheFirst() throws {
        let lines = try clean("000")
        XCTAssertEqual(lines.first, "Thousands of Anti-Taliban Fighters Can Return 'Anytime', Says Massoud")
        XCTAssertEqual(lines.filter { $0.contains("Panjshir valley. (AFP)") }.count, 1)
        XCTAssertFalse(lines.contains("TT"))
        XCTAssertFalse(lines.contains("20"))
        XCTAssertEqual(lines.last, "But on Monday the group said in a tweet that its fighters were still present in “strategic positions” in the valley.")
        XCTAssertFalse(lines.joined().contains("Zelenskiy"))
    }

    func testSeedWithSponsorAlsoReadAndChannelPromo() throws {
        let lines = try clean("001")
        XCTAssertEqual(lines.first, "Defeated in Panjshir, Ahmad Massoud calls for national uprising in Afghanistan")
        XCTAssertFalse(lines.contains { $0.hasPrefix("Powered by") || $0.hasPrefix("Sponsored by") || $0.hasPrefix("ALSO READ") })
        XCTAssertFalse(lines.contains { $0.contains("Telegram") })
        XCTAssertTrue(lines.last!.hasPrefix("During the Taliban’s final onslaught"))
        XCTAssertEqual(lines.count, 13)
    }

    func testSeedWithTeaserTail() throws {
        let lines = try clean("002")
        XCTAssertEqual(lines.count, 9)
        XCTAssertFalse(lines.contains { $0.hasSuffix("…") })
        XCTAssertEqual(lines.last, "The Taliban further claimed that some leaders of Panjshir have been defeated and others have escaped the region.")
    }

    func testSeedWithCommentFormFooter() throws {
        let lines = try clean("003")
        XCTAssertEqual(lines.filter { $0 == "Ahmed Masoud in Panjshir" }.count, 1)
        XCTAssertFalse(lines.contains { $0.contains("Akismet") || $0 == "Leave a Comment" })
        XCTAssertTrue(lines.last!.hasPrefix("He added that his forces"))
    }

    func testSeedWithNewsletterBoxAndRelatedHeadlines() throws {
        let lines = try clean("004")
        XCTAssertFalse(lines.contains { $0.contains("Newsletter") || $0.contains("inbox") || $0.contains("free daily email") })
        XCTAssertFalse(lines.contains { $0.contains("echo chamber") }, "the sign-up box's tagline goes with it")
        XCTAssertFalse(lines.contains("-"))
        XCTAssertEqual(lines.last, "Although the Taliban has promised a more “inclusive” government that represents Afghanistan’s complex ethnic make-up, “few in Panjshir… seem to trust the group’s promises”, said the Daily Mail.")
        XCTAssertTrue(lines.contains { $0.hasPrefix("Writing in The Times, war correspondent Anthony Loyd") })
    }
}
