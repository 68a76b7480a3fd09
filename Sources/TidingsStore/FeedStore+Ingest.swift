import Foundation
import GRDB
import TidingsCore

/// What one feed's poll changed in the store.
public struct IngestSummary: Sendable, Hashable {
    /// Articles stored for the first time, not duplicates of another.
    public var new = 0
    /// Known entries whose text or title changed, updated in place.
    public var updated = 0
    /// Articles stored as copies of one already kept.
    public var duplicates = 0
    /// Known entries seen again unchanged.
    public var unchanged = 0

    public init() {}
}

/// The state of a successful fetch, stored with its articles.
public struct FetchRecord: Sendable, Hashable {
    public var status: Int
    public var etag: String?
    public var lastModified: String?
    public var bodyHash: String?
    public var fetchedAt: Date
    public var nextPollAt: Date
    /// The interval the scheduler worked out from this document, kept for the polls that bring none.
    public var scheduledInterval: Int?
    /// Every entry of this document, for the next poll to skip those listed again unchanged; nil
    /// forgets the last document's, so that the next poll reads every entry.
    public var listedEntries: [ListedEntry]?

    public init(
        status: Int, etag: String?, lastModified: String?, bodyHash: String?, fetchedAt: Date, nextPollAt: Date,
        scheduledInterval: Int? = nil, listedEntries: [ListedEntry]? = nil
    ) {
        self.status = status
        self.etag = etag
        self.lastModified = lastModified
        self.bodyHash = bodyHash
        self.fetchedAt = fetchedAt
        self.nextPollAt = nextPollAt
        self.scheduledInterval = scheduledInterval
        self.listedEntries = listedEntries
    }
}

/// What one feed's poll writes, for `FeedStore.record(_:)`, which writes many in one transaction.
public enum PollWrite: Sendable {
    /// A document was fetched: its metadata, validators, schedule and articles.
    case fetched(feedID: Int64, metadata: FeedMetadata?, articles: [CleanArticle], fetch: FetchRecord)
    /// Nothing new (304, or a body identical to the last).
    case unchanged(feedID: Int64, status: Int, at: Date, nextPollAt: Date)
}

extension FeedStore {
    /// Texts shorter than this are not compared by content: short items say too little to judge.
    public static let minimumWordsForTextDedupe = TextFingerprint.minimumWords

    /// Stores one feed's poll in a single transaction: its metadata, validators, schedule and articles,
    /// each article checked against those already kept (same entry, same URL, same text, near-same text).
    public func ingest(feedID: Int64, metadata: FeedMetadata?, articles: [CleanArticle], fetch: FetchRecord)
        throws(StoreError) -> IngestSummary
    {
        try record([.fetched(feedID: feedID, metadata: metadata, articles: articles, fetch: fetch)])[0]
    }

    /// Writes the polls of many feeds in one transaction (a poll round's group commit), in order; one
    /// summary per write (empty for `.unchanged`). Each page an index shares between feeds is written
    /// once per batch instead of once per feed: with a transaction per feed, 300 feeds of 40 articles
    /// wrote 554,000 WAL pages.
    public func record(_ writes: [PollWrite]) throws(StoreError) -> [IngestSummary] {
        try write { db in try record(writes, in: db) }
    }

    /// Writes the polls in one transaction, as `record(_:)`. When SQLite refuses what one of them
    /// holds (a constraint, a value too big, the full-text index), each is written again in a transaction of its own, so
    /// that the one refused does not take the others of its batch down with it. Failures of the
    /// database as a whole (no room, I/O, a lock held too long) are every write's: retrying them one
    /// by one would only wait that much longer. One result per write, in order.
    public func recordEach(_ writes: [PollWrite]) -> [Result<IngestSummary, StoreError>] {
        do {
            return try pool.write { db in try record(writes, in: db) }.map { .success($0) }
        } catch let error as DatabaseError where writes.count > 1 && Self.refusesOneWrite(error) {
            return writes.map { write in
                do throws(StoreError) { return .success(try record([write])[0]) } catch { return .failure(error) }
            }
        } catch {
            let failure = mapped(error)
            return writes.map { _ in .failure(failure) }
        }
    }

    /// Whether SQLite refused what a statement held rather than failed as a whole.
    static func refusesOneWrite(_ error: DatabaseError) -> Bool {
        switch error.resultCode {
        case .SQLITE_CONSTRAINT, .SQLITE_TOOBIG, .SQLITE_MISMATCH, .SQLITE_RANGE: true
        // The full-text index refusing what a statement asked of it (SQLITE_CORRUPT_VTAB) is one
        // write's doing, and rolled back with it; a corrupt file fails every write alone as well.
        case .SQLITE_CORRUPT: true
        default: false
        }
    }

    private func record(_ writes: [PollWrite], in db: Database) throws -> [IngestSummary] {
        let lastSequence = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT seq FROM sqlite_sequence WHERE name = 'articles'")) ?? 0
        var changes = ChangeCounter(
            last: try Int64.fetchOne(db.cachedStatement(sql: "SELECT value FROM counters WHERE name = 'change'")) ?? 0)
        var summaries: [IngestSummary] = []
        // Feed and entry key of every article written in this transaction.
        var written = Set<String>()
        for write in writes {
            switch write {
            case .fetched(let feedID, let metadata, let articles, let fetch):
                // An entry listed twice (a document that repeats a guid) is stored once, as listed
                // first. Its second form would update a row inserted in this same transaction, and
                // the full-text index, which takes the new rows at the end of it, would be told to
                // delete a row it does not hold yet: FTS5 reports that as a corrupt database, and
                // the whole batch failed, poll after poll.
                let firsts = articles.filter { written.insert("\(feedID)\u{1F}\($0.entryKey)").inserted }
                var summary = try ingest(
                    feedID: feedID, metadata: metadata, articles: firsts, fetch: fetch, changes: &changes, in: db)
                summary.unchanged += articles.count - firsts.count
                summaries.append(summary)
            case .unchanged(let feedID, let status, let at, let nextPollAt):
                try db.cachedStatement(
                    sql: """
                        UPDATE feeds SET last_fetched_at = ?, last_status = ?, consecutive_errors = 0, last_error = NULL,
                            next_poll_at = ? WHERE id = ?
                        """
                ).execute(arguments: [at.databaseValue, status, nextPollAt.databaseValue, feedID])
                summaries.append(IngestSummary())
            }
        }
        try db.cachedStatement(sql: "UPDATE counters SET value = ? WHERE name = 'change'").execute(arguments: [changes.last])
        // The new rows go into the full-text index in one statement (see schema version 4).
        try db.cachedStatement(
            sql: """
                INSERT INTO articles_fts (rowid, title, content_text)
                    SELECT seq, title, content_text FROM articles WHERE seq > ?
                """
        ).execute(arguments: [lastSequence])
        return summaries
    }

    private func ingest(
        feedID: Int64, metadata: FeedMetadata?, articles: [CleanArticle], fetch: FetchRecord,
        changes: inout ChangeCounter, in db: Database
    ) throws -> IngestSummary {
        // A feed removed while it was being polled: nothing of it is stored, the others are.
        guard let feedURL = try String.fetchOne(
            try db.cachedStatement(sql: "SELECT url FROM feeds WHERE id = ?"), arguments: [feedID])
        else { return IngestSummary() }
        var summary = IngestSummary()
        for article in articles {
            try ingest(
                article, feedID: feedID, feedURL: feedURL, at: fetch.fetchedAt, in: db, changes: &changes,
                summary: &summary)
        }
        try db.cachedStatement(
            sql: """
                UPDATE feeds SET title = COALESCE(?, title), site_url = COALESCE(?, site_url), etag = ?,
                    last_modified = ?, body_hash = ?, last_fetched_at = ?, last_status = ?,
                    consecutive_errors = 0, last_error = NULL, next_poll_at = ?,
                    scheduled_interval = COALESCE(?, scheduled_interval), listed_entries = ? WHERE id = ?
                """
        ).execute(
            arguments: [
                metadata?.title, metadata?.link, fetch.etag, fetch.lastModified, fetch.bodyHash,
                fetch.fetchedAt.databaseValue, fetch.status, fetch.nextPollAt.databaseValue, fetch.scheduledInterval,
                fetch.listedEntries.map(ListedEntriesColumn.encode), feedID,
            ])
        return summary
    }

    private func ingest(
        _ article: CleanArticle, feedID: Int64, feedURL: String, at now: Date, in db: Database,
        changes: inout ChangeCounter, summary: inout IngestSummary
    ) throws {
        // Tier 1: the same entry of the same feed.
        if let row = try Row.fetchOne(
            try db.cachedStatement(sql: "SELECT seq, content_hash, title FROM articles WHERE feed_id = ? AND entry_key = ?"),
            arguments: [feedID, article.entryKey])
        {
            let seq: Int64 = row["seq"]
            if row["content_hash"] == article.contentHash && row["title"] == article.title {
                // Same article; remember the entry's new form so that it is skipped next time.
                try db.cachedStatement(sql: "UPDATE articles SET source_hash = ? WHERE seq = ? AND source_hash IS NOT ?")
                    .execute(arguments: [article.sourceHash, seq, article.sourceHash])
                summary.unchanged += 1
            } else {
                // An edited kept article is indexed by its new text.
                try NearDuplicates.unindex(articlesWhere: "seq = ?", arguments: [seq], in: db)
                try update(seq: seq, with: article, change: changes.next(), in: db)
                if try Int64.fetchOne(
                    db.cachedStatement(sql: "SELECT duplicate_of FROM articles WHERE seq = ?"), arguments: [seq]) == nil
                {
                    let keys = Self.nearDuplicateKeys(of: article)
                    if !keys.isEmpty { try NearDuplicates.index(seq: seq, keys: keys, in: db) }
                }
                summary.updated += 1
            }
            return
        }
        if try Bool.fetchOne(
            try db.cachedStatement(sql: "SELECT 1 FROM tombstones WHERE feed_url = ? AND entry_key = ?"),
            arguments: [feedURL, article.entryKey]) == true
        {
            summary.unchanged += 1
            return
        }
        // The same entry under a new key: a feed that makes its guids up anew at every fetch lists
        // the same title, address, text and enclosures again. Nothing to store; it had been stored
        // as a duplicate of itself at every poll. (Enclosures count: two episodes titled alike,
        // without text or link, are two entries.)
        if try Bool.fetchOne(
            try db.cachedStatement(
                sql: """
                    SELECT 1 FROM articles WHERE content_hash = ? AND feed_id = ? AND canonical_url IS ? AND title IS ?
                        AND enclosures IS ? LIMIT 1
                    """),
            arguments: [
                article.contentHash, feedID, article.canonicalURL, article.title, JSONColumn.encode(article.enclosures),
            ]) == true
        {
            summary.unchanged += 1
            return
        }
        // Tier 2: the same canonical URL; tier 3: the same clean text.
        var duplicateOf: Int64?
        if let canonical = article.canonicalURL {
            duplicateOf = try Int64.fetchOne(
            try db.cachedStatement(sql: "SELECT seq FROM articles WHERE canonical_url = ? AND duplicate_of IS NULL ORDER BY seq LIMIT 1"),
                arguments: [canonical])
        }
        // Texts too short to judge (no keys) take no part in tiers 3 and 4.
        let keys = Self.nearDuplicateKeys(of: article)
        if duplicateOf == nil, !keys.isEmpty {
            duplicateOf = try Int64.fetchOne(
            try db.cachedStatement(sql: "SELECT seq FROM articles WHERE content_hash = ? AND duplicate_of IS NULL ORDER BY seq LIMIT 1"),
                arguments: [article.contentHash])
        }
        // Tier 4: a near-duplicate, found through the fingerprint index and verified on the texts.
        if duplicateOf == nil, !keys.isEmpty {
            duplicateOf = try NearDuplicates.original(keys: keys, fingerprint: TextFingerprint(text: article.contentText), in: db)
        }
        try db.cachedStatement(
            sql: """
                INSERT INTO articles (feed_id, entry_key, guid, url, canonical_url, title, author, published, updated,
                    fetched, summary, content_text, content_html, categories, enclosures, content_hash, duplicate_of,
                    first_change, last_change, source_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?18, ?18, ?19)
                """
        ).execute(
            arguments: [
                feedID, article.entryKey, article.guid, article.url, article.canonicalURL, article.title,
                article.author, article.published?.databaseValue, article.updated?.databaseValue, now.databaseValue,
                article.summary, article.contentText, article.contentHTML, JSONColumn.encode(article.categories),
                JSONColumn.encode(article.enclosures), article.contentHash, duplicateOf, changes.next(),
                article.sourceHash,
            ])
        let seq = db.lastInsertedRowID
        if duplicateOf == nil, !keys.isEmpty { try NearDuplicates.index(seq: seq, keys: keys, in: db) }
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO article_sources (article_seq, feed_id, first_seen) VALUES (?, ?, ?)")
            .execute(arguments: [duplicateOf ?? seq, feedID, now.databaseValue])
        if duplicateOf == nil { summary.new += 1 } else { summary.duplicates += 1 }
    }

    private static func nearDuplicateKeys(of article: CleanArticle) -> [Int64] {
        article.nearDuplicateKeys ?? TextFingerprint(text: article.contentText)?.keys ?? []
    }

    private func update(seq: Int64, with article: CleanArticle, change: Int64, in db: Database) throws {
        try db.execute(
            sql: """
                UPDATE articles SET guid = ?, url = ?, canonical_url = ?, title = ?, author = ?, published = ?,
                    updated = ?, summary = ?, content_text = ?, content_html = ?, categories = ?, enclosures = ?,
                    content_hash = ?, last_change = ?, source_hash = ? WHERE seq = ?
                """,
            arguments: [
                article.guid, article.url, article.canonicalURL, article.title, article.author,
                article.published?.databaseValue, article.updated?.databaseValue, article.summary,
                article.contentText, article.contentHTML, JSONColumn.encode(article.categories),
                JSONColumn.encode(article.enclosures), article.contentHash, change, article.sourceHash, seq,
            ])
    }
}

/// The store's change sequence within one ingest: read once, written back once.
struct ChangeCounter {
    var last: Int64

    mutating func next() -> Int64 {
        last += 1
        return last
    }
}

extension FeedStore {
    /// The entries of the last document stored for this feed (`FetchRecord.listedEntries`); empty
    /// when none were kept.
    public func listedEntries(feedID: Int64) throws(StoreError) -> [ListedEntry] {
        try read { db in
            let data = try Data.fetchOne(db.cachedStatement(sql: "SELECT listed_entries FROM feeds WHERE id = ?"), arguments: [feedID])
            return data.map(ListedEntriesColumn.decode) ?? []
        }
    }

    /// Of `entries` (entry key and source hash), the keys this feed already has stored from an
    /// identical entry: the poller neither cleans nor stores those again.
    public func unchangedEntryKeys(feedID: Int64, _ entries: [(entryKey: String, sourceHash: String)])
        throws(StoreError) -> Set<String>
    {
        guard !entries.isEmpty else { return [] }
        return try read { db in
            var unchanged = Set<String>()
            // In slices, well under SQLite's limit on bound values.
            for start in stride(from: 0, to: entries.count, by: 400) {
                let slice = entries[start..<min(entries.count, start + 400)]
                let placeholders = Array(repeating: "(?, ?)", count: slice.count).joined(separator: ",")
                var arguments: [String] = []
                for entry in slice { arguments += [entry.entryKey, entry.sourceHash] }
                // One statement per slice length, prepared once per connection.
                let keys = try String.fetchAll(
                    db.cachedStatement(
                        sql: """
                        WITH listed(entry_key, source_hash) AS (VALUES \(placeholders))
                        SELECT a.entry_key FROM listed l JOIN articles a
                            ON a.feed_id = ? AND a.entry_key = l.entry_key AND a.source_hash = l.source_hash
                        """),
                    arguments: StatementArguments(arguments) + [feedID])
                unchanged.formUnion(keys)
            }
            return unchanged
        }
    }
}

extension FeedStore {
    /// When each of `entryKeys` was first stored for this feed; keys it has never stored are absent.
    public func firstFetched(feedID: Int64, entryKeys: [String]) throws(StoreError) -> [String: Date] {
        guard !entryKeys.isEmpty else { return [:] }
        return try read { db in
            var firstFetched: [String: Date] = [:]
            for start in stride(from: 0, to: entryKeys.count, by: 400) {
                let slice = entryKeys[start..<min(entryKeys.count, start + 400)]
                let placeholders = Array(repeating: "?", count: slice.count).joined(separator: ",")
                let rows = try Row.fetchAll(
                    db, sql: "SELECT entry_key, fetched FROM articles WHERE feed_id = ? AND entry_key IN (\(placeholders))",
                    arguments: StatementArguments([feedID]) + StatementArguments(Array(slice)))
                for row in rows { firstFetched[row["entry_key"]] = row.date("fetched") }
            }
            return firstFetched
        }
    }
}
