import Foundation
import TidingsCore
@testable import TidingsStore
import GRDB
import TidingsTestSupport
import XCTest

/// The labelled set for cross-feed dedupe: copies of the five seed stories as real feeds republish
/// them (all must be caught), and hard negatives that must stay apart. Every text goes through the
/// real store (a SQLite file), each from its own feed, and the clusters it forms are scored pairwise.
final class NearDuplicateTests: XCTestCase {
    private struct Sample {
        var name: String
        /// Samples with the same story are copies of one another; all others are distinct.
        var story: String
        var text: String
        var url: String
    }

    private static func paragraphs(_ text: String) -> [String] {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The body of a seed: its paragraphs of real sentences, in order, without the page's repeats.
    private static func body(ofSeed name: String) throws -> [String] {
        var seen = Set<String>()
        return paragraphs(try Fixtures.text("seeds/\(name)")).filter { $0.split(separator: " ").count >= 8 && seen.insert($0).inserted }
    }

    /// Light edits as copy desks make them: every 20th word changed, quotes re-punctuated, a
    /// non-breaking space here and there.
    private static func lightlyEdited(_ paragraphs: [String]) -> [String] {
        var count = 0
        return paragraphs.map { paragraph in
            paragraph.split(separator: " ").map { word -> String in
                count += 1
                if count % 20 == 0 { return "reportedly" }
                return String(word)
            }.joined(separator: count % 3 == 0 ? "\u{A0}" : " ")
            .replacingOccurrences(of: "“", with: "\"").replacingOccurrences(of: "”", with: "\"")
            .replacingOccurrences(of: "’", with: "'")
        }
    }

    private func samples() throws -> [Sample] {
        var samples: [Sample] = []
        let seeds = try FileManager.default.contentsOfDirectory(atPath: Fixtures.path("seeds")).sorted()
        for (index, seed) in seeds.enumerated() {
            let story = "seed\(index)"
            let body = try Self.body(ofSeed: seed)
            let url = "https://outlet\(index).example/news/\(index)"
            func add(_ name: String, _ paragraphs: [String], url: String? = nil) {
                samples.append(Sample(name: "\(story)-\(name)", story: story, text: paragraphs.joined(separator: "\n"), url: url ?? "https://copy.example/\(story)/\(name)"))
            }
            add("original", body, url: url)
            add("syndicated", ["Advertisement", "Share this article on Facebook"] + body + ["© 2021 Wire Service. All rights reserved."])
            add("light-edit", Self.lightlyEdited(body))
            add("new-headline", ["A different headline the copy desk wrote instead"] + body.dropFirst())
            // A teaser: the leading paragraphs, just enough to be judged (30 words).
            var teaser: [String] = []
            for paragraph in body where teaser.joined(separator: " ").split(separator: " ").count < 30 { teaser.append(paragraph) }
            add("summary-only", teaser)
            add("update-note", ["Updated at 14:05 GMT with comments from the local council."] + body + ["Correction: an earlier version of this story misspelled a name."])
            add("last-paragraphs-dropped", Array(body.prefix(max(2, body.count - 2))))
            // The same page through a tracking link and through Google's AMP cache: tier 2.
            add("tracking-link", ["Different text entirely: only the link says it is the same page, as feeds with teasers do."], url: url + "?utm_source=rss&utm_medium=feed&fbclid=abc")
            add("amp-cache", ["Another short teaser: the link goes through Google's AMP cache to the same page."],
                url: "https://outlet\(index)-example.cdn.ampproject.org/c/s/outlet\(index).example/news/\(index)")
        }
        for name in ["followup-aid-convoys", "followup-diplomacy", "footer-harbour", "footer-library", "live-markets", "live-storm"] {
            samples.append(Sample(name: name, story: name, text: try Fixtures.text("dedupe/\(name).txt"), url: "https://other.example/\(name)"))
        }
        return samples
    }

    func testLabelledSetPrecisionAndRecall() throws {
        try scoreLabelledSet(keysWorkedOutAhead: false)
    }

    /// The poller works out each article's near-duplicate keys on its workers; the store takes them
    /// as given (an empty list: too short to judge) and finds the same copies.
    func testKeysWorkedOutAheadOnAWorkerFindTheSameCopies() throws {
        try scoreLabelledSet(keysWorkedOutAhead: true)
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try FeedStore(path: folder.file("t.sqlite"))
        let story = try Fixtures.text("dedupe/followup-aid-convoys.txt")
        let feed = try store.addFeed(url: "https://a.example/rss")
        let now = Date()
        func ingest(_ key: String, keys: [Int64]?) throws -> IngestSummary {
            var article = CleanArticle(entryKey: key, contentText: story, contentHash: ContentHash.hex(of: story + key))
            article.nearDuplicateKeys = keys
            return try store.ingest(
                feedID: feed.id, metadata: nil, articles: [article],
                fetch: FetchRecord(status: 200, etag: nil, lastModified: nil, bodyHash: nil, fetchedAt: now, nextPollAt: now))
        }
        XCTAssertEqual(try ingest("first", keys: nil).new, 1)
        XCTAssertEqual(try ingest("told-too-short", keys: []).new, 1, "no keys: not judged by its text")
        XCTAssertEqual(try ingest("copy", keys: TextFingerprint(text: story)!.keys).duplicates, 1)
    }

    private func scoreLabelledSet(keysWorkedOutAhead: Bool) throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try FeedStore(path: folder.file("dedupe.sqlite"))
        let samples = try samples()
        var seqByName: [String: Int64] = [:]
        for (index, sample) in samples.enumerated() {
            let feed = try store.addFeed(url: "https://feed\(index).example/rss")
            var article = CleanArticle(
                entryKey: sample.name, guid: sample.name, url: sample.url, canonicalURL: CanonicalURL.canonicalize(sample.url),
                title: "Same title for every entry", contentText: sample.text,
                contentHash: ContentHash.hex(of: sample.text))
            if keysWorkedOutAhead { article.nearDuplicateKeys = TextFingerprint(text: sample.text)?.keys ?? [] }
            let now = Date()
            _ = try store.ingest(
                feedID: feed.id, metadata: nil, articles: [article],
                fetch: FetchRecord(status: 200, etag: nil, lastModified: nil, bodyHash: nil, fetchedAt: now, nextPollAt: now))
        }
        var root: [Int64: Int64] = [:]
        try store.forEachArticle(ArticleQuery(includeDuplicates: true)) { stored in
            seqByName[stored.article.entryKey] = stored.id
            root[stored.id] = stored.duplicateOf ?? stored.id
        }
        var truePositives = 0, falsePositives = 0, falseNegatives = 0
        var misses: [String] = []
        for first in 0..<samples.count {
            for second in (first + 1)..<samples.count {
                let a = samples[first], b = samples[second]
                let expected = a.story == b.story
                let predicted = root[seqByName[a.name]!] == root[seqByName[b.name]!]
                switch (expected, predicted) {
                case (true, true): truePositives += 1
                case (false, true):
                    falsePositives += 1
                    misses.append("false duplicate: \(a.name) ~ \(b.name)")
                case (true, false):
                    falseNegatives += 1
                    misses.append("missed: \(a.name) ~ \(b.name)")
                case (false, false): break
                }
            }
        }
        let precision = Double(truePositives) / Double(max(1, truePositives + falsePositives))
        let recall = Double(truePositives) / Double(max(1, truePositives + falseNegatives))
        print(String(format: "near-duplicate labelled set (keys worked out ahead: \(keysWorkedOutAhead)): %d samples, %d duplicate pairs, precision %.3f, recall %.3f", samples.count, truePositives + falseNegatives, precision, recall))
        for miss in misses { print(miss) }
        XCTAssertGreaterThanOrEqual(precision, 0.99, misses.joined(separator: "\n"))
        XCTAssertGreaterThanOrEqual(recall, 0.95, misses.joined(separator: "\n"))
    }

    func testFingerprintsLeaveShortTextsOut() {
        XCTAssertNil(TextFingerprint(text: "Live updates: markets open higher."))
        XCTAssertNotNil(TextFingerprint(text: (1...40).map { "word\($0)" }.joined(separator: " ")))
    }

    func testNewKeysGatherInTheRecentTableAndCopiesAreFoundBeforeAndAfterTheMerge() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try FeedStore(path: folder.file("t.sqlite"))
        let story = try Fixtures.text("dedupe/followup-aid-convoys.txt")
        func ingest(_ key: String, _ text: String) throws -> IngestSummary {
            let feed = try store.addFeed(url: "https://\(key).example/rss")
            let now = Date()
            return try store.ingest(
                feedID: feed.id, metadata: nil,
                articles: [CleanArticle(entryKey: key, contentText: text, contentHash: ContentHash.hex(of: text))],
                fetch: FetchRecord(status: 200, etag: nil, lastModified: nil, bodyHash: nil, fetchedAt: now, nextPollAt: now))
        }
        func keys(_ table: NearDuplicates.KeyTable) throws -> Int {
            try store.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM \(table.rawValue)") ?? 0 }
        }
        XCTAssertEqual(try ingest("first", story).new, 1)
        XCTAssertEqual(try keys(.archive), 0)
        XCTAssertGreaterThan(try keys(.recent), 0, "a new article's keys go to the recent table")
        let copy = story.replacingOccurrences(of: "Wednesday", with: "Thursday") + "\nThis story has been updated."
        XCTAssertEqual(try ingest("copy-1", copy).duplicates, 1, "found through the recent keys")

        // Once the recent table holds the threshold's worth of keys, the next article merges them.
        try store.write { try $0.execute(sql: "UPDATE counters SET value = ? WHERE name = 'recent_fingerprints'", arguments: [NearDuplicates.mergeThreshold - 1]) }
        XCTAssertEqual(try ingest("other", try Fixtures.text("dedupe/footer-library.txt")).new, 1)
        XCTAssertEqual(try keys(.recent), 0)
        XCTAssertGreaterThan(try keys(.archive), 0, "merged into the archive's table")
        XCTAssertEqual(try store.read { try Int.fetchOne($0, sql: "SELECT value FROM counters WHERE name = 'recent_fingerprints'") }, 0)
        XCTAssertEqual(try ingest("copy-2", copy + "\nCorrection: an earlier version misstated the date.").duplicates, 1, "found through the archive's keys")
    }
}

/// Each migration, from the version before it with data in it.
final class MigrationTests: XCTestCase {
    func testAV1DatabaseWithArticlesGetsItsNearDuplicateIndexFilled() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("v1.sqlite")
        let story = try Fixtures.text("dedupe/followup-aid-convoys.txt")
        let queue = try DatabaseQueue(path: path)
        try Schema.migrate(queue, upTo: 1)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO feeds (url, original_url, added_at) VALUES ('https://old.example/rss', 'https://old.example/rss', 0)")
            try db.execute(
                sql: """
                    INSERT INTO articles (feed_id, entry_key, content_text, content_hash, fetched)
                    VALUES (1, 'old-1', ?, 'h1', 0)
                    """, arguments: [story])
        }
        try queue.close()

        let store = try FeedStore(path: path)
        let feed = try store.addFeed(url: "https://new.example/rss")
        let edited = story.replacingOccurrences(of: "Wednesday", with: "Thursday") + "\nThis story has been updated."
        let now = Date()
        let summary = try store.ingest(
            feedID: feed.id, metadata: nil,
            articles: [CleanArticle(entryKey: "new-1", contentText: edited, contentHash: ContentHash.hex(of: edited))],
            fetch: FetchRecord(status: 200, etag: nil, lastModified: nil, bodyHash: nil, fetchedAt: now, nextPollAt: now))
        XCTAssertEqual(summary.duplicates, 1, "the copy is found through the index the migration filled")
    }

    private func makeDatabase(at path: String, version: Int, articleText: String) throws {
        let queue = try DatabaseQueue(path: path)
        try Schema.migrate(queue, upTo: version)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO feeds (url, original_url, added_at) VALUES ('https://old.example/rss', 'https://old.example/rss', 0)")
            try db.execute(
                sql: "INSERT INTO articles (feed_id, entry_key, title, content_text, content_hash, fetched) VALUES (1, 'old-1', 'Old', ?, 'h1', 0)",
                arguments: [articleText])
        }
        try queue.close()
    }

    func testAV2DatabaseGetsFullTextSearchOverTheArticlesItHolds() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("v2.sqlite")
        try makeDatabase(at: path, version: 2, articleText: "Aid convoys reached the northern villages")
        let store = try FeedStore(path: path)
        XCTAssertEqual(try store.search("convoy").map(\.article.entryKey), ["old-1"])
        let version = try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "PRAGMA user_version") }
        XCTAssertEqual(version, Schema.latestVersion)
    }

    func testAV3DatabaseKeepsItsIndexesAndItsConsumersCursorsThroughV4ToV6() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("v3.sqlite")
        let story = try Fixtures.text("dedupe/followup-aid-convoys.txt")
        // Made at version 1 and migrated to 3: the fingerprint and full-text rows then exist as
        // version 3 left them.
        try makeDatabase(at: path, version: 1, articleText: story)
        let queue = try DatabaseQueue(path: path)
        try Schema.migrate(queue, upTo: 3)
        try queue.close()
        try DatabaseQueue(path: path).write { db in
            // A consumer that received the one article, in the sequence numbers of version 3.
            try db.execute(sql: "INSERT INTO consumers (name, cursor, updated_at) VALUES ('bot', 1, 0)")
        }

        let store = try FeedStore(path: path)
        let feed = try store.addFeed(url: "https://new.example/rss")
        let now = Date()
        let fetch = FetchRecord(status: 200, etag: nil, lastModified: nil, bodyHash: nil, fetchedAt: now, nextPollAt: now)
        let copy = story + "\nCorrection: an earlier version misspelled a name."
        let fresh = "Harbour pilots voted on Tuesday to extend the winter schedule by three weeks, " + String(repeating: "citing ice reports from the outer islands and a shortage of relief crews this season ", count: 3)
        let summary = try store.ingest(
            feedID: feed.id, metadata: nil,
            articles: [
                CleanArticle(entryKey: "copy", contentText: copy, contentHash: ContentHash.hex(of: copy)),
                CleanArticle(entryKey: "fresh", title: "Pilots", contentText: fresh, contentHash: ContentHash.hex(of: fresh)),
            ],
            fetch: fetch)
        XCTAssertEqual(summary.duplicates, 1, "the kept article is found through the keys v5 carried over and v9 rebuilt")
        XCTAssertEqual(try store.search("pilots").map(\.article.entryKey), ["fresh"], "v4: new rows still reach the full-text index")
        XCTAssertEqual(try store.search("convoys").count, 1, "rows indexed before v4 stay searchable")

        // v6: the old cursor still means "received the first article".
        var delivered: [String] = []
        try store.forEachArticle(ArticleQuery(afterChange: try store.cursor(for: "bot"))) { delivered.append($0.article.entryKey) }
        XCTAssertEqual(delivered, ["fresh"])
    }

    /// Migration 7 (feed lifecycle, daemon state) from a v6 database with a feed and an article in it:
    /// the feed is polled as before (not gone, no redirect counted, no worked-out interval), the new
    /// state can be written, and `status` has a place to read from.
    func testAV6DatabaseKeepsItsFeedInTheScheduleAndTakesGoneFeedsAndDaemonState() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("v6.sqlite")
        try makeDatabase(at: path, version: 6, articleText: "Aid convoys reached the northern villages")
        try DatabaseQueue(path: path).write { try $0.execute(sql: "UPDATE feeds SET next_poll_at = 100") }
        let store = try FeedStore(path: path)
        let feed = try store.feed("1")
        XCTAssertFalse(feed.isGone)
        XCTAssertEqual(feed.redirectPolls, 0)
        XCTAssertNil(feed.scheduledInterval)
        XCTAssertEqual(try store.dueFeeds(at: Date(timeIntervalSince1970: 200)).map(\.id), [1], "still in the schedule")
        try store.recordGone(feedID: 1, status: 410, at: Date(timeIntervalSince1970: 300))
        XCTAssertTrue(try store.feed("1").isGone)
        XCTAssertNil(try store.daemonState(), "no daemon has run on it yet")
        try store.recordDaemonState(DaemonState(pid: 1, startedAt: Date(), heartbeatAt: Date()))
        XCTAssertEqual(try store.daemonState()?.pid, 1)
    }

    /// Migration 8 (source hash) from a v7 database: its articles have none, so an entry listed
    /// again is cleaned once more (never wrongly skipped) and then carries one.
    func testAV7DatabaseCleansItsEntriesOnceMoreAndThenSkipsThemWhenListedAgain() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("v7.sqlite")
        try makeDatabase(at: path, version: 7, articleText: "Aid convoys reached the northern villages")
        let store = try FeedStore(path: path)
        XCTAssertEqual(try store.unchangedEntryKeys(feedID: 1, [("old-1", "s1")]), [], "no source hash: not skipped")
        let article = CleanArticle(
            entryKey: "old-1", title: "Old", contentText: "Aid convoys reached the northern villages", contentHash: "h1",
            sourceHash: "s1")
        let now = Date()
        _ = try store.ingest(
            feedID: 1, metadata: nil, articles: [article],
            fetch: FetchRecord(status: 200, etag: nil, lastModified: nil, bodyHash: nil, fetchedAt: now, nextPollAt: now))
        XCTAssertEqual(try store.unchangedEntryKeys(feedID: 1, [("old-1", "s1")]), ["old-1"])
        var stored = 0
        try store.forEachArticle(ArticleQuery()) { _ in stored += 1 }
        XCTAssertEqual(stored, 1, "the same article, not a second one")
    }

    func testAV9DatabaseKeepsItsFeedsAsTeaserFreeAndTakesFullTextFeeds() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("v9.sqlite")
        try makeDatabase(at: path, version: 9, articleText: "Aid convoys reached the northern villages")
        let store = try FeedStore(path: path)
        XCTAssertEqual(try store.feeds().map(\.fullText), [false])
        let teasers = try store.addFeed(url: "https://teasers.example/rss", fullText: true)
        XCTAssertTrue(teasers.fullText)
        XCTAssertEqual(try store.feeds().map(\.fullText), [false, true])
    }

    func testAV10DatabaseAnswersEntriesListedAgainFromAnIndexWithoutReadingRows() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("v10.sqlite")
        try makeDatabase(at: path, version: 10, articleText: "Aid convoys reached the northern villages")
        try DatabaseQueue(path: path).write { try $0.execute(sql: "UPDATE articles SET source_hash = 's1'") }
        let store = try FeedStore(path: path)
        XCTAssertEqual(try store.unchangedEntryKeys(feedID: 1, [("old-1", "s1"), ("new-1", "s2")]), ["old-1"])
        XCTAssertEqual(try store.unchangedEntryKeys(feedID: 1, [("old-1", "edited")]), [])
        // The comparison is answered by the index alone: no article row (and its text) is read.
        let plan = try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(
                db,
                sql: """
                    EXPLAIN QUERY PLAN WITH listed(entry_key, source_hash) AS (VALUES ('old-1', 's1'))
                    SELECT a.entry_key FROM listed l JOIN articles a
                        ON a.feed_id = 1 AND a.entry_key = l.entry_key AND a.source_hash = l.source_hash
                    """
            ).map { $0["detail"] as String }.joined(separator: "\n")
        }
        XCTAssertTrue(plan.contains("COVERING INDEX articles_listed"), plan)
    }

    func testAV11DatabaseKeepsItsNearDuplicateKeysAndGathersNewOnesApart() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("v11.sqlite")
        let story = try Fixtures.text("dedupe/followup-aid-convoys.txt")
        try makeDatabase(at: path, version: 11, articleText: story)
        try DatabaseQueue(path: path).write { db in
            try NearDuplicates.index(seq: 1, keys: TextFingerprint(text: story)!.keys, in: db, into: .archive)
        }
        let store = try FeedStore(path: path)
        let feed = try store.addFeed(url: "https://new.example/rss")
        let copy = story.replacingOccurrences(of: "Wednesday", with: "Thursday")
        let now = Date()
        let summary = try store.ingest(
            feedID: feed.id, metadata: nil,
            articles: [CleanArticle(entryKey: "new-1", contentText: copy, contentHash: ContentHash.hex(of: copy))],
            fetch: FetchRecord(status: 200, etag: nil, lastModified: nil, bodyHash: nil, fetchedAt: now, nextPollAt: now))
        XCTAssertEqual(summary.duplicates, 1, "the keys stored before the migration still find copies")
        XCTAssertEqual(try store.read { try Int.fetchOne($0, sql: "SELECT value FROM counters WHERE name = 'recent_fingerprints'") }, 0)
    }

    func testAV12DatabaseCountsTheArticlesKeptSinceADateWithoutScanningTheArchive() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("v12.sqlite")
        try makeDatabase(at: path, version: 12, articleText: "Aid convoys reached the northern villages")
        let store = try FeedStore(path: path)
        let feed = try store.addFeed(url: "https://new.example/rss")
        let now = Date()
        _ = try store.ingest(
            feedID: feed.id, metadata: nil,
            articles: [CleanArticle(entryKey: "new-1", contentText: "Ferries ran again", contentHash: ContentHash.hex(of: "Ferries ran again"))],
            fetch: FetchRecord(status: 200, etag: nil, lastModified: nil, bodyHash: nil, fetchedAt: now, nextPollAt: now))
        XCTAssertEqual(try store.overview(at: now, articlesSince: now.addingTimeInterval(-60)).articlesStoredSince, 1)
        XCTAssertEqual(try store.overview(at: now, articlesSince: Date(timeIntervalSince1970: 0)).articlesStoredSince, 2)
        let plan = try store.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM articles WHERE fetched >= 0 AND duplicate_of IS NULL")
                .map { $0["detail"] as String }.joined(separator: "; ")
        }
        XCTAssertTrue(plan.contains("articles_fetched"), "status reads the index, not every article: \(plan)")
    }

    func testAV13DatabaseKeepsEachFeedsListedEntriesUntilAPollForgetsThem() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("v13.sqlite")
        try makeDatabase(at: path, version: 13, articleText: "Aid convoys reached the northern villages")
        let store = try FeedStore(path: path)
        XCTAssertEqual(try store.listedEntries(feedID: 1), [], "a feed polled before the migration lists nothing")
        let now = Date(timeIntervalSince1970: 1_800_000_000.25)
        let listed = [
            ListedEntry(markupHash: 0xfeed_beef_0000_0001, date: now), ListedEntry(markupHash: .max, date: nil),
            ListedEntry(markupHash: 0, date: Date(timeIntervalSince1970: -86_400)),
        ]
        func fetch(_ listed: [ListedEntry]?) -> FetchRecord {
            FetchRecord(status: 200, etag: nil, lastModified: nil, bodyHash: nil, fetchedAt: now, nextPollAt: now, listedEntries: listed)
        }
        _ = try store.ingest(feedID: 1, metadata: nil, articles: [], fetch: fetch(listed))
        XCTAssertEqual(try store.listedEntries(feedID: 1), listed)
        try store.recordUnchanged(feedID: 1, status: 304, at: now, nextPollAt: now)
        try store.recordFailure(feedID: 1, status: 500, message: "HTTP 500", at: now, nextPollAt: now)
        XCTAssertEqual(try store.listedEntries(feedID: 1), listed, "a 304 or a failure keeps the last document's list")
        _ = try store.ingest(feedID: 1, metadata: nil, articles: [], fetch: fetch(nil))
        XCTAssertEqual(try store.listedEntries(feedID: 1), [], "a poll that stores none forgets them")
    }

    func testADatabaseFromANewerTidingsIsRefusedWithTheVersions() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("future.sqlite")
        try DatabaseQueue(path: path).write { try $0.execute(sql: "PRAGMA user_version = 99") }
        XCTAssertThrowsError(try FeedStore(path: path)) { error in
            XCTAssertTrue("\(error)".contains("newer Tidings (schema version 99"), "\(error)")
        }
    }

    func testADatabaseMigratedByGRDBsOwnTableIsAdopted() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("grdb.sqlite")
        try makeDatabase(at: path, version: 1, articleText: "Aid convoys reached the northern villages")
        // What the first Tidings left: version 1 recorded by GRDB's migrator, user_version 0.
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "PRAGMA user_version = 0")
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v1')")
        }
        let store = try FeedStore(path: path)
        XCTAssertEqual(try store.search("villages").count, 1, "v2 and v3 ran on top of the adopted v1")
        let tables = try DatabaseQueue(path: path).read { try $0.tableExists("grdb_migrations") }
        XCTAssertFalse(tables)
    }
}
