import Foundation
import GRDB
import TidingsTestSupport
import XCTest

/// SIGKILL at random moments while `tidings poll` ingests thousands of articles, many times over:
/// after each kill the database is intact, whatever a poll reported stored is there, and a consumer
/// whose dumps completed never receives an article twice.
final class CrashSafetyTests: XCTestCase {
    /// A small fixed-seed generator: the kill moments are random but the same on every run.
    private struct SplitMix {
        var state: UInt64
        mutating func next(below bound: UInt64) -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return (z ^ (z >> 31)) % bound
        }
    }

    private func feed(round: Int, entries: Int) -> String {
        var xml = "<rss version=\"2.0\"><channel><title>Crash round \(round)</title>"
        for number in 0..<entries {
            let words = (0..<40).map { "w\((number * 7 + $0 * 13 + round * 101) % 997)" }.joined(separator: " ")
            xml += "<item><guid>r\(round)-\(number)</guid><title>Entry \(round) \(number)</title>"
            xml += "<description>&lt;p&gt;Round \(round) entry \(number): \(words)&lt;/p&gt;</description></item>"
        }
        return xml + "</channel></rss>"
    }

    func testSIGKILLDuringIngestionLosesNothingReportedAndNeverDeliversTwice() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let db = folder.file("crash.sqlite")
        let config = folder.file("crash.toml")
        try "[fetch]\nallowed_schemes = [\"file\"]\n".write(toFile: config, atomically: true, encoding: .utf8)
        let feedFile = folder.file("feed.xml")
        let entries = 800
        try feed(round: 0, entries: 1).write(toFile: feedFile, atomically: true, encoding: .utf8)
        XCTAssertEqual(try TidingsBinary.run(["--db", db, "add", feedFile]).status, 0)

        var random = SplitMix(state: 20_261_123)
        var delivered = Set<Int>()
        var killedMidway = 0
        // Round 1 runs to the end and times a whole poll; the later rounds are killed at a random
        // point between 5% and 120% of that time, so kills land in fetching, parsing, cleaning and
        // the write transaction whatever the speed of the machine.
        var fullPoll = 0.0
        for round in 1...10 {
            try feed(round: round, entries: entries).write(toFile: feedFile, atomically: true, encoding: .utf8)
            let output = Pipe()
            let poll = Process()
            poll.executableURL = URL(fileURLWithPath: TidingsBinary.path)
            poll.arguments = ["--config", config, "--db", db, "poll"]
            poll.standardOutput = output
            poll.standardError = FileHandle(forWritingAtPath: "/dev/null")
            let started = Date()
            try poll.run()
            if round == 1 {
                poll.waitUntilExit()
                fullPoll = Date().timeIntervalSince(started)
            } else {
                Thread.sleep(forTimeInterval: fullPoll * Double(5 + random.next(below: 116)) / 100)
            }
            if poll.isRunning {
                kill(poll.processIdentifier, SIGKILL)
                killedMidway += 1
            }
            poll.waitUntilExit()
            let report = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)

            let queue = try DatabaseQueue(path: db)
            let integrity = try queue.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") }
            let stored = try queue.read {
                try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM articles WHERE entry_key LIKE ?", arguments: ["r\(round)-%"]) ?? 0
            }
            try queue.close()
            XCTAssertEqual(integrity, "ok", "round \(round)")
            // A feed is ingested in one transaction: all of the round or none of it, and all once reported.
            XCTAssertTrue(stored == 0 || stored == entries, "round \(round): \(stored) of \(entries) stored")
            if report.contains("new ") { XCTAssertEqual(stored, entries, "round \(round) was reported stored: \(report)") }

            let dump = try TidingsBinary.run(["--db", db, "dump", "--new", "--consumer", "crash-test"])
            XCTAssertEqual(dump.status, 0)
            for line in dump.stdoutLines {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                let id = object["id"] as! Int
                XCTAssertTrue(delivered.insert(id).inserted, "article \(id) delivered twice")
            }
        }
        XCTAssertGreaterThan(killedMidway, 0, "rounds must be cut by the kill to test anything")
        XCTAssertGreaterThan(delivered.count, 0, "and some must finish, for the consumer to have something to read")
        print(String(format: "crash safety: 10 rounds of %d entries (a whole poll %.2f s), %d killed mid-poll, %d articles delivered once", entries, fullPoll, killedMidway, delivered.count))
    }
}
