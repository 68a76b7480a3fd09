import Foundation
import TidingsCore
import TidingsStore
import TidingsTestSupport
import XCTest

final class FeedStoreTests: XCTestCase {
    var folder: TemporaryDirectory!
    var store: FeedStore!

    override func setUpWithError() throws {
        folder = try TemporaryDirectory()
        store = try FeedStore(path: folder.file("state/tidings.sqlite"))
    }

    override func tearDown() { folder.remove() }

    private func article(_ key: String, url: String? = nil, text: String) -> CleanArticle {
        CleanArticle(
            entryKey: key, guid: key, url: url, canonicalURL: url.flatMap(CanonicalURL.canonicalize), title: "T \(key)",
            contentText: text, contentHash: ContentHash.hex(of: text))
    }

    private func record(_ at: Date = Date()) -> FetchRecord {
        FetchRecord(status: 200, etag: "\"e1\"", lastModified: nil, bodyHash: "h", fetchedAt: at, nextPollAt: at + 1800)
    }

    private func all(_ query: ArticleQuery = ArticleQuery()) throws -> [StoredArticle] {
        var result: [StoredArticle] = []
        try store.forEachArticle(query) { result.append($0) }
        return result
    }

    private let longText = (1...40).map { "word\($0)" }.joined(separator: " ")

    func testAddedFeedsPersistInTheFileAndDuplicatesAreRefused() throws {
        let feed = try store.addFeed(url: "https://a.example/feed", title: "A", intervalSeconds: 600)
        XCTAssertThrowsError(try store.addFeed(url: "https://a.example/feed")) { error in
            XCTAssertEqual((error as? StoreError)?.kind, .feedExists)
        }
        let reopened = try FeedStore(path: folder.file("state/tidings.sqlite"))
        let feeds = try reopened.feeds()
        XCTAssertEqual(feeds.map(\.url), ["https://a.example/feed"])
        XCTAssertEqual(feeds.first?.intervalSeconds, 600)
        XCTAssertEqual(try reopened.feed(String(feed.id)).url, "https://a.example/feed")
        XCTAssertEqual(try reopened.feed("https://a.example/feed").id, feed.id)
    }

    func testGoneFeedsAreLeftOutWhenAskedAndStillCounted() throws {
        let kept = try store.addFeed(url: "https://a.example/feed")
        let gone = try store.addFeed(url: "https://b.example/feed")
        try store.recordGone(feedID: gone.id, status: 410, at: Date())
        XCTAssertEqual(try store.feeds().map(\.id), [kept.id, gone.id])
        XCTAssertEqual(try store.feeds(includingGone: false).map(\.id), [kept.id], "a round leaves gone feeds out")
        XCTAssertEqual(try store.feedCount(), 2)
    }

    /// A URL a feed moved away from still names that feed: adding it again is refused (it had made a
    /// second subscription to one feed), and `remove` takes the feed polled at a URL before one that
    /// was added with it (it had removed the other feed, and its articles).
    func testURLAFeedMovedFromIsNotSubscribedAgainAndRemoveTakesTheFeedPolledThere() throws {
        let a = "https://a.example/feed", b = "https://b.example/feed", c = "https://c.example/feed"
        let first = try store.addFeed(url: a)
        for _ in 0..<3 { _ = try store.recordPermanentRedirect(feedID: first.id, to: b, threshold: 3) }
        XCTAssertEqual(try store.feed(String(first.id)).url, b)
        XCTAssertThrowsError(try store.addFeed(url: a)) { error in
            XCTAssertEqual((error as? StoreError)?.kind, .feedExists)
            XCTAssertEqual((error as? StoreError)?.message, "already subscribed: \(a) (feed \(first.id), polled at \(b) since it moved)")
        }
        XCTAssertEqual(try store.feed(a).id, first.id, "known by the URL it was added with")

        let second = try store.addFeed(url: c)
        for _ in 0..<3 { _ = try store.recordPermanentRedirect(feedID: second.id, to: a, threshold: 3) }
        XCTAssertEqual(try store.feed(a).id, second.id, "the feed polled at the URL comes first")
        XCTAssertEqual(try store.removeFeed(a).id, second.id)
        XCTAssertEqual(try store.feeds().map(\.id), [first.id])
    }

    func testRemoveUnknownFeedSaysWhich() {
        XCTAssertThrowsError(try store.removeFeed("https://nope.example/")) { error in
            XCTAssertEqual("\(error)", "no such feed: https://nope.example/")
        }
    }

    /// A feed that makes its guids up anew at every fetch: the same title, address and text under a
    /// new key is the entry already stored, not another row (it had been stored again as a duplicate
    /// at every poll). Under a new key with another text, or from another feed, it is still compared
    /// as before.
    func testSameEntryUnderANewGuidIsNotStoredAgain() throws {
        let feed = try store.addFeed(url: "https://rotating.example/feed")
        let other = try store.addFeed(url: "https://other.example/feed")
        func entry(_ key: String, text: String = "The council approved the harbour plan.") -> CleanArticle {
            CleanArticle(
                entryKey: key, guid: key, url: "https://rotating.example/story", canonicalURL: "https://rotating.example/story",
                title: "Harbour plan", contentText: text, contentHash: ContentHash.hex(of: text))
        }
        XCTAssertEqual(try store.ingest(feedID: feed.id, metadata: nil, articles: [entry("guid-1")], fetch: record()).new, 1)
        let again = try store.ingest(feedID: feed.id, metadata: nil, articles: [entry("guid-2"), entry("guid-3")], fetch: record())
        XCTAssertEqual(again.unchanged, 2)
        XCTAssertEqual(again.new + again.duplicates, 0)
        XCTAssertEqual(try all(ArticleQuery(includeDuplicates: true)).count, 1, "no row for the same entry under another key")
        let edited = try store.ingest(
            feedID: feed.id, metadata: nil, articles: [entry("guid-4", text: "The council rejected the harbour plan.")], fetch: record())
        XCTAssertEqual(edited.duplicates, 1, "another text at the same address: a duplicate, as before")
        XCTAssertEqual(try store.ingest(feedID: other.id, metadata: nil, articles: [entry("o-1")], fetch: record()).duplicates, 1)
    }

    func testRepublishedEntryIsNotStoredTwiceAndEditIsUpdatedInPlace() throws {
        let feed = try store.addFeed(url: "https://a.example/feed")
        var summary = try store.ingest(feedID: feed.id, metadata: nil, articles: [article("k1", text: "first")], fetch: record())
        XCTAssertEqual(summary.new, 1)
        summary = try store.ingest(feedID: feed.id, metadata: nil, articles: [article("k1", text: "first")], fetch: record())
        XCTAssertEqual(summary.unchanged, 1)
        summary = try store.ingest(feedID: feed.id, metadata: nil, articles: [article("k1", text: "edited")], fetch: record())
        XCTAssertEqual(summary.updated, 1)
        let stored = try all()
        XCTAssertEqual(stored.count, 1)
        XCTAssertEqual(stored.first?.article.contentText, "edited")
    }

    /// How an upgrade that changed the source hash's function (2026-12-03) plays out: the entry is
    /// cleaned again, found unchanged, not handed out again, and skipped from then on.
    func testAnEntryWhoseSourceHashChangedButNotItsTextIsNotHandedOutAgain() throws {
        let feed = try store.addFeed(url: "https://a.example/feed")
        var first = article("k1", text: "first")
        first.sourceHash = "old-function"
        _ = try store.ingest(feedID: feed.id, metadata: nil, articles: [first], fetch: record())
        let before = try all()
        var again = first
        again.sourceHash = "new-function"
        let summary = try store.ingest(feedID: feed.id, metadata: nil, articles: [again], fetch: record())
        XCTAssertEqual(summary.unchanged, 1)
        XCTAssertEqual(summary.updated, 0)
        let after = try all()
        XCTAssertEqual(after.map(\.change), before.map(\.change), "no new change: `dump --new` does not hand it out again")
        XCTAssertEqual(try store.unchangedEntryKeys(feedID: feed.id, [("k1", "new-function")]), ["k1"])
    }

    func testSameURLOrSameTextFromAnotherFeedIsADuplicateOfTheFirst() throws {
        let a = try store.addFeed(url: "https://a.example/feed")
        let b = try store.addFeed(url: "https://b.example/feed")
        _ = try store.ingest(
            feedID: a.id, metadata: nil,
            articles: [article("a1", url: "https://news.example/story", text: longText), article("a2", text: "short one")],
            fetch: record())
        let summary = try store.ingest(
            feedID: b.id, metadata: nil,
            articles: [
                article("b1", url: "https://NEWS.example/story/?utm_source=x", text: "other words"),
                article("b2", url: "https://b.example/copy", text: longText),
                article("b3", text: "short one"),
            ], fetch: record())
        XCTAssertEqual(summary.duplicates, 2)
        XCTAssertEqual(summary.new, 1, "short texts are too short to judge as copies")
        XCTAssertEqual(try all().count, 3)
        let withDuplicates = try all(ArticleQuery(includeDuplicates: true))
        XCTAssertEqual(withDuplicates.count, 5)
        XCTAssertEqual(withDuplicates.filter { $0.duplicateOf == withDuplicates[0].id }.count, 2)
    }

    func testCursorMovesForwardOnly() throws {
        XCTAssertEqual(try store.cursor(for: "bot"), 0)
        try store.advanceCursor(for: "bot", to: 5)
        try store.advanceCursor(for: "bot", to: 3)
        XCTAssertEqual(try store.cursor(for: "bot"), 5)
        XCTAssertEqual(try store.cursor(for: "other"), 0)
    }

    func testQueryFiltersByFeedSinceAndLimitInSequenceOrder() throws {
        let a = try store.addFeed(url: "https://a.example/feed")
        let b = try store.addFeed(url: "https://b.example/feed")
        var old = article("old", text: "old text")
        old.published = Date(timeIntervalSince1970: 1_000_000_000)
        _ = try store.ingest(feedID: a.id, metadata: nil, articles: [old, article("n1", text: "n1")], fetch: record())
        _ = try store.ingest(feedID: b.id, metadata: nil, articles: [article("n2", text: "n2")], fetch: record())
        XCTAssertEqual(try all().map(\.article.entryKey), ["old", "n1", "n2"])
        XCTAssertEqual(try all(ArticleQuery(feedID: b.id)).map(\.article.entryKey), ["n2"])
        XCTAssertEqual(try all(ArticleQuery(since: Date(timeIntervalSince1970: 1_500_000_000))).count, 2)
        XCTAssertEqual(try all(ArticleQuery(limit: 1)).map(\.article.entryKey), ["old"])
    }

    func testFailureIsRecordedAndCountedThenClearedBySuccess() throws {
        let feed = try store.addFeed(url: "https://a.example/feed")
        let now = Date()
        try store.recordFailure(feedID: feed.id, status: 500, message: "HTTP 500", at: now, nextPollAt: now + 60)
        try store.recordFailure(feedID: feed.id, status: nil, message: "timed out", at: now, nextPollAt: now + 120)
        var stored = try store.feed(String(feed.id))
        XCTAssertEqual(stored.consecutiveErrors, 2)
        XCTAssertEqual(stored.lastError, "timed out")
        XCTAssertEqual(try store.dueFeeds(at: now).count, 0)
        XCTAssertEqual(try store.dueFeeds(at: now + 121).count, 1)
        _ = try store.ingest(feedID: feed.id, metadata: FeedMetadata(title: "Named", format: .rss2), articles: [], fetch: record(now))
        stored = try store.feed(String(feed.id))
        XCTAssertEqual(stored.consecutiveErrors, 0)
        XCTAssertEqual(stored.title, "Named")
        XCTAssertEqual(stored.etag, "\"e1\"")
    }

    func testTwoProcessesCreatingOneDatabaseAtOnceBothSucceed() throws {
        for round in 0..<10 {
            let path = folder.file("race-\(round).sqlite")
            let failures = Counter()
            DispatchQueue.concurrentPerform(iterations: 4) { index in
                do {
                    let store = try FeedStore(path: path)
                    try store.addFeed(url: "https://race.example/\(index)")
                } catch {
                    failures.increment()
                }
            }
            XCTAssertEqual(failures.count, 0)
            XCTAssertEqual(try FeedStore(path: path).feeds().count, 4)
        }
    }

    func testUnwritableLocationIsAClearError() {
        XCTAssertThrowsError(try FeedStore(path: "/proc/tidings/x.sqlite")) { error in
            XCTAssertTrue("\(error)".contains("/proc/tidings"), "\(error)")
        }
    }

    func testPurgedArticlesLeaveTombstonesAndNeverComeBack() throws {
        let feed = try store.addFeed(url: "https://a.example/feed")
        let old = Date(timeIntervalSinceNow: -100 * 86_400)
        _ = try store.ingest(feedID: feed.id, metadata: nil, articles: [article("old", text: longText + " old")], fetch: record(old))
        _ = try store.ingest(feedID: feed.id, metadata: nil, articles: [article("fresh", text: "fresh")], fetch: record())
        XCTAssertEqual(try store.purge(fetchedBefore: Date(timeIntervalSinceNow: -90 * 86_400)), 1)
        XCTAssertEqual(try all().map(\.article.entryKey), ["fresh"])
        let again = try store.ingest(feedID: feed.id, metadata: nil, articles: [article("old", text: longText + " old")], fetch: record())
        XCTAssertEqual(again.new, 0, "the feed still lists the purged entry: the tombstone keeps it out")
        XCTAssertEqual(try all().map(\.article.entryKey), ["fresh"])
    }

    /// A feed removed and subscribed again does not bring back the articles that went with it, only
    /// what it posts after: its consumers had them already.
    func testRemovedFeedsArticlesDoNotComeBackWhenItIsAddedAgain() throws {
        let feed = try store.addFeed(url: "https://a.example/feed")
        _ = try store.ingest(
            feedID: feed.id, metadata: nil, articles: [article("one", text: "first"), article("two", text: "second")], fetch: record())
        try store.removeFeed(feed.url)
        XCTAssertEqual(try all().count, 0)
        let again = try store.addFeed(url: "https://a.example/feed")
        let summary = try store.ingest(
            feedID: again.id, metadata: nil,
            articles: [article("one", text: "first"), article("two", text: "second"), article("three", text: "third")], fetch: record())
        XCTAssertEqual(summary.new, 1)
        XCTAssertEqual(try all().map(\.article.entryKey), ["three"])
    }

    /// A purge goes in batches (so that a daemon writing beside it waits for one batch at most), and
    /// the batches add up to the whole: every old article, and only those, gone and tombstoned.
    func testPurgeInBatchesTakesEveryOldArticleAndOnlyThose() throws {
        let feed = try store.addFeed(url: "https://a.example/feed")
        let old = Date(timeIntervalSinceNow: -100 * 86_400)
        for number in 0..<7 {
            // Old and fresh articles interleaved in sequence order, as edits and late polls leave them.
            let fetched = number % 3 == 2 ? Date() : old
            _ = try store.ingest(
                feedID: feed.id, metadata: nil, articles: [article("e\(number)", text: longText + " \(number)")], fetch: record(fetched))
        }
        XCTAssertEqual(try store.purge(fetchedBefore: Date(timeIntervalSinceNow: -90 * 86_400), batchSize: 2), 5)
        XCTAssertEqual(try all().map(\.article.entryKey), ["e2", "e5"])
        let again = try store.ingest(
            feedID: feed.id, metadata: nil, articles: (0..<7).map { article("e\($0)", text: longText + " \($0)") }, fetch: record())
        XCTAssertEqual(again.new, 0, "every purged entry is tombstoned")
    }

    func testSearchFindsStemmedWordsAndFollowsEditsAndPurges() throws {
        let feed = try store.addFeed(url: "https://a.example/feed")
        _ = try store.ingest(
            feedID: feed.id, metadata: nil,
            articles: [article("a", text: "The fighters returned to the valley"), article("b", text: "Markets opened higher")],
            fetch: record())
        XCTAssertEqual(try store.search("fighter").map(\.article.entryKey), ["a"], "porter stemming")
        XCTAssertEqual(try store.search("valley OR markets").count, 2)
        _ = try store.ingest(feedID: feed.id, metadata: nil, articles: [article("a", text: "The convoy reached the town")], fetch: record())
        XCTAssertEqual(try store.search("fighter").count, 0, "an edit replaces the indexed text")
        XCTAssertEqual(try store.search("convoy").map(\.article.entryKey), ["a"])
        XCTAssertThrowsError(try store.search("\"unclosed")) { error in
            XCTAssertTrue("\(error)".contains("not a valid query"), "\(error)")
        }
    }

    func testDaemonStartSpreadsOverduePolledFeedsButLeavesNewOnesDue() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try FeedStore(path: folder.file("s.sqlite"))
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let polled = try store.addFeed(url: "https://a.example/rss", at: now - 7200)
        try store.recordUnchanged(feedID: polled.id, status: 304, at: now - 3600, nextPollAt: now - 60)
        let fresh = try store.addFeed(url: "https://b.example/rss", at: now - 5)
        try store.spreadOverduePolls(at: now) { _ in now + 120 }
        XCTAssertEqual(try store.feed(String(polled.id)).nextPollAt, now + 120)
        XCTAssertEqual(try store.feed(String(fresh.id)).nextPollAt, now - 5, "just added: polled at once")
    }
}

