import Foundation
import GRDB
import TidingsCore
@testable import TidingsStore
import TidingsTestSupport
import XCTest

/// Writes the store cannot take as they come: no room (a full disk, or `max_database_bytes`), a
/// write SQLite refuses, an entry repeated in one document. A clear error, nothing half-written,
/// nothing of the other writes lost.
final class RefusedWriteTests: XCTestCase {
    var folder: TemporaryDirectory!
    var path: String { folder.file("t.sqlite") }

    override func setUpWithError() throws { folder = try TemporaryDirectory() }
    override func tearDown() { folder.remove() }

    /// Articles of about 20 KB each whose words do not repeat, so that neither the page nor the
    /// full-text index shrinks them much.
    private func articles(_ prefix: String, count: Int) -> [CleanArticle] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { number in
            let text = (0..<2_500).map { _ in String(generator.next() % 1_000_000_000, radix: 36) }.joined(separator: " ")
            return CleanArticle(
                entryKey: "\(prefix)-\(number)", guid: "\(prefix)-\(number)", url: nil, canonicalURL: nil,
                title: "\(prefix) \(number)", contentText: text, contentHash: ContentHash.hex(of: text))
        }
    }

    private func fetched(_ feedID: Int64, _ articles: [CleanArticle]) -> PollWrite {
        let now = Date()
        return .fetched(
            feedID: feedID, metadata: nil, articles: articles,
            fetch: FetchRecord(status: 200, etag: "\"e\"", lastModified: nil, bodyHash: "b", fetchedAt: now, nextPollAt: now + 1800))
    }

    private func storedKeys(_ store: FeedStore) throws -> [String] {
        var keys: [String] = []
        try store.forEachArticle(ArticleQuery()) { keys.append($0.article.entryKey) }
        return keys
    }

    func testWritePastTheSizeLimitFailsAsFullStoresNothingOfItAndLandsOnceThereIsRoom() throws {
        let limit = 1 << 20
        var store: FeedStore! = try FeedStore(path: path, maximumBytes: limit)
        let feed = try store.addFeed(url: "https://a.example/feed")
        XCTAssertEqual(try store.ingest(feedID: feed.id, metadata: nil, articles: articles("small", count: 1), fetch: FetchRecord(
            status: 200, etag: nil, lastModified: nil, bodyHash: "a", fetchedAt: Date(), nextPollAt: Date() + 60)).new, 1)

        let big = articles("big", count: 80)
        XCTAssertThrowsError(try store.record([fetched(feed.id, big)])) { error in
            let error = error as? StoreError
            XCTAssertEqual(error?.kind, .full)
            XCTAssertTrue(error?.message.contains(path) == true, "\(String(describing: error))")
            XCTAssertTrue(error?.message.contains("max_database_bytes = \(limit)") == true, "\(String(describing: error))")
            XCTAssertTrue(error?.message.contains("nothing of this write was stored") == true)
        }
        XCTAssertEqual(try storedKeys(store), ["small-0"], "the failed write left nothing behind")
        XCTAssertEqual(try store.feed(String(feed.id)).bodyHash, "a", "nor the validators of the poll it carried")
        store = nil
        let integrity = try DatabaseQueue(path: path).read { try String.fetchOne($0, sql: "PRAGMA integrity_check") }
        XCTAssertEqual(integrity, "ok")

        // Room again (a higher limit): the same poll, fetched again, lands whole.
        store = try FeedStore(path: path, maximumBytes: 64 << 20)
        XCTAssertEqual(try store.record([fetched(feed.id, big)]).first?.new, 80)
        XCTAssertEqual(try storedKeys(store).count, 81)
    }

    func testWriteRefusedInABatchDoesNotTakeTheOthersDown() throws {
        let store = try FeedStore(path: path)
        let refused = try store.addFeed(url: "https://refused.example/feed")
        let kept = try store.addFeed(url: "https://kept.example/feed")
        // Something in the store refuses one feed's articles (what a bug or a damaged index would).
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: """
                CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN NEW.feed_id = \(refused.id)
                BEGIN SELECT RAISE(ABORT, 'refused by the test'); END
                """)
        }
        let outcomes = store.recordEach([fetched(refused.id, articles("r", count: 1)), fetched(kept.id, articles("k", count: 2))])
        XCTAssertEqual(outcomes.count, 2)
        guard case .failure(let error) = outcomes[0] else { return XCTFail("the refused write fails") }
        XCTAssertTrue(error.message.contains("refused by the test"), error.message)
        guard case .success(let summary) = outcomes[1] else { return XCTFail("the other write lands: \(outcomes[1])") }
        XCTAssertEqual(summary.new, 2)
        XCTAssertEqual(try storedKeys(store), ["k-0", "k-1"])
    }

    /// A document that lists one guid twice (broken feeds do): the entry is stored once, as listed
    /// first, the full-text index stays whole, and the other polls of the batch are stored too. The
    /// second form had updated a row the full-text index did not hold yet, which FTS5 reports as a
    /// corrupt database: the whole batch failed, poll after poll.
    func testEntryListedTwiceInOneDocumentIsStoredOnceAndTheBatchWithIt() throws {
        let store = try FeedStore(path: path)
        let repeating = try store.addFeed(url: "https://repeats.example/feed")
        let other = try store.addFeed(url: "https://other.example/feed")
        func article(_ key: String, _ text: String) -> CleanArticle {
            CleanArticle(entryKey: key, title: text, contentText: text, contentHash: ContentHash.hex(of: text))
        }
        let outcomes = store.recordEach([
            fetched(repeating.id, [article("same", "The first text under a repeated guid."), article("same", "A second text under it.")]),
            fetched(other.id, [article("o-1", "Another feed's story.")]),
        ])
        let summaries = outcomes.compactMap { try? $0.get() }
        XCTAssertEqual(summaries.map(\.new), [1, 1], "\(outcomes)")
        XCTAssertEqual(summaries.first?.unchanged, 1, "the repeat")
        XCTAssertEqual(try store.search("first").map(\.article.entryKey), ["same"])
        XCTAssertEqual(try store.search("second"), [])
        let check = try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO articles_fts(articles_fts, rank) VALUES('integrity-check', 1)")
            return try String.fetchOne(db, sql: "PRAGMA integrity_check")
        }
        XCTAssertEqual(check, "ok")
    }

    /// Another process holding the write lock past the busy timeout (a long `sqlite3` session): the
    /// write fails as `busy`, saying so, and stores nothing; once the lock is released it goes through.
    func testWriteThatWaitsPastTheBusyTimeoutFailsAsBusyAndLandsOnceTheLockIsFree() throws {
        let store = try FeedStore(path: path, maximumBytes: nil, busyWait: 0.2)
        let feed = try store.addFeed(url: "https://a.example/feed")
        let holder = try DatabaseQueue(path: path)
        let write = fetched(feed.id, articles("held", count: 1))
        try holder.inDatabase { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            let outcomes = store.recordEach([write, write])
            for outcome in outcomes {
                guard case .failure(let error) = outcome else { return XCTFail("the lock is held: \(outcome)") }
                XCTAssertEqual(error.kind, .busy)
                XCTAssertTrue(error.message.contains("another process held the write lock"), error.message)
            }
            try db.execute(sql: "COMMIT")
        }
        XCTAssertEqual(try storedKeys(store), [])
        XCTAssertEqual(try store.record([write]).first?.new, 1)
    }

    func testEveryWriteOfABatchWithoutRoomReportsTheLackOfRoom() throws {
        let store = try FeedStore(path: path, maximumBytes: 1 << 20)
        let first = try store.addFeed(url: "https://a.example/feed")
        let second = try store.addFeed(url: "https://b.example/feed")
        let outcomes = store.recordEach([fetched(first.id, articles("a", count: 40)), fetched(second.id, articles("b", count: 40))])
        XCTAssertEqual(outcomes.count, 2)
        for outcome in outcomes {
            guard case .failure(let error) = outcome else { return XCTFail("no room: \(outcome)") }
            XCTAssertEqual(error.kind, .full)
        }
        XCTAssertEqual(try storedKeys(store), [])
    }
}
