import Foundation
import TidingsTestSupport
import XCTest

@testable import TidingsClean

/// The trigger tables only spare lines the regular expressions: they never change a verdict.
final class BoilerplateMatcherTests: XCTestCase {
    /// The verdict without the tables: the first class whose expression matches a line within its
    /// word limit.
    private func reference(_ line: String) -> String? {
        let words = BoilerplateFilter.wordCount(line)
        let range = NSRange(location: 0, length: line.utf16.count)
        return BoilerplatePattern.all.first { $0.maxWords >= words && $0.regex.firstMatch(in: line, range: range) != nil }?
            .kind
    }

    private func lines() throws -> [String] {
        let seeds = try FileManager.default.contentsOfDirectory(atPath: Fixtures.path("seeds")).sorted()
        var lines = try seeds.flatMap { try Fixtures.text("seeds/\($0)").split(separator: "\n").map(String.init) }
        let pages = try FileManager.default.contentsOfDirectory(atPath: Fixtures.path("pages")).filter { $0.hasSuffix(".txt") }
        lines += try pages.flatMap { try Fixtures.text("pages/\($0)").split(separator: "\n").map(String.init) }
        // Furniture of every class, in other words than the seeds', in other cases and places.
        lines += [
            "Sponsored by", "PRESENTED BY Acme", "Advertisement", "ads", "Story continues below advertisement",
            "Also read: the budget explained", "READ MORE » Library history", "You might also like", "Most popular",
            "Subscribe to our newsletter for daily updates", "Enter your email to get our alerts",
            "Get the best stories delivered straight to your inbox.", "Our weekly briefing", "Newsletter",
            "Join our WhatsApp channel for breaking news", "Follow us on Instagram", "The Herald is now on Telegram",
            "Click here to download the app", "Download our free app", "Share this article", "Tweet | Email | Print",
            "x", "Leave a Reply", "12 comments", "Comments (4)", "Join the conversation", "Comments are closed",
            "This site uses Akismet to reduce spam.", "Your email address will not be published.",
            "We use cookies to improve your experience.", "Accept all cookies", "© 2021 Example Media",
            "(c) Example Media", "Copyright Example Media", "Example Media. All rights reserved.",
            "Photo: Jane Doe/Example Agency", "Images by Jane Doe", "File photo: the quay", "Credit: Jane Doe",
            "Pictured: the quay", "The council read more than forty letters before it voted.",
            "His comments came late.", "An email was sent to every household on the street on Friday.",
            "Advertising revenue fell by a third, the company said.", "Photographers gathered at the gate.",
            "xylophones", "", "“Sponsored by” is not a sentence", "12 comments were received",
            // More languages and wordings of the same classes.
            "Mest læste", "Čtěte také: Most přes řeku", "Cite?te ?i: Drumul", "Lue myös", "Nästa artikel", "Annons",
            "The story continues after this advert", "Sdílet na Facebooku", "Partager par e-mail", "Diskuse (4)",
            "Your comment", "Comments are reviewed before they appear.", "Denne hjemmeside bruger cookies til statistik.",
            "Accepter alle", "Nach oben", "Lukuaika: 4 min", "Lyt til artiklen", "Bli prenumerant",
            "Sledujte nás na Google Zprávách", "Words by Ana Lind, features writer", "Alle rettigheder forbeholdes.",
            "The cookies were baked at midnight, she said.", "Post office hours change on Monday.",
            "Kapcsolódó cikkek", "Baca juga: Jembatan dibuka", "Hirdetés", "Comparteix", "Nombre *", "Hozzászólások (5)",
            "Vi bruker informasjonskapsler for å gi deg en bedre opplevelse.", "Godta alle", "Accept additional cookies",
            "Folgen Sie dem Boten jetzt auch auf WhatsApp", "Penulis: Dewi Anggraini | Editor: Bambang Sutejo",
            "Health correspondent, The Echo", "Olvasási idő: 3 perc", "Sei già abbonato? Accedi",
            "By seven it has gone out to just over 12,000 people in a free email newsletter he calls The Glass.",
            "Sign me up", "Je m'inscris", "Vous aimerez aussi", "Kommentar verfassen", "Accetta e continua", "Drucken",
            "Prefer to listen? Hit play", "Sie sind bereits Abonnent? Hier anmelden", "The forum met on Tuesday to discuss the plan.",
        ]
        return lines.map(TextNormalizer.normalize)
    }

    func testTheTriggerTablesNeverChangeAVerdict() throws {
        let lines = try lines()
        XCTAssertGreaterThan(lines.count, 200)
        var furniture = 0
        for line in lines {
            let expected = reference(line)
            if expected != nil { furniture += 1 }
            XCTAssertEqual(
                BoilerplateMatcher.shared.kind(of: line, words: BoilerplateFilter.wordCount(line)), expected, line)
        }
        XCTAssertGreaterThan(furniture, 40, "the lines hold furniture of every class")
    }

    func testEveryClassMatchesOnlyLinesHoldingOneOfItsTriggers() {
        for pattern in BoilerplatePattern.all {
            XCTAssertFalse(pattern.triggers.isEmpty, pattern.kind)
            // The matcher lowercases ASCII letters only; a trigger with a capital outside ASCII ("À")
            // stands beside its lowercase form.
            for trigger in pattern.triggers {
                XCTAssertFalse(trigger.contains { (0x41...0x5A).contains($0) }, "\(pattern.kind): \(String(decoding: trigger, as: UTF8.self)) is not lowercase")
            }
        }
    }
}
