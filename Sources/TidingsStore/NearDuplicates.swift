import GRDB
import TidingsCore

/// Tier 4 of the dedupe: near-duplicates found through the fingerprint index, then verified on the
/// texts themselves.
///
/// The keys live in two tables, looked up together: `article_fingerprints`, the archive's, and
/// `article_fingerprints_recent`, the keys of the articles kept since the last merge. Keys are
/// random numbers: inserted one by one into an index that long outgrew the page cache, each one
/// dirtied a page of its own, written to the WAL and again at the checkpoint (a cold round of
/// 10,000 feeds spent a fifth of its CPU in `pwrite`). The recent table stays small enough to stay
/// cached, and is merged into the archive's in key order, which writes each page of it once.
enum NearDuplicates {
    /// Candidates looked at, at most: the oldest first (a duplicate points at the first copy seen).
    static let candidateLimit = 32

    /// The key tables.
    enum KeyTable: String {
        case archive = "article_fingerprints"
        case recent = "article_fingerprints_recent"
    }

    /// Keys the recent table gathers before they are merged: about 5,000 articles' keys, 1.3 MB of
    /// pages, well within the writer's cache. Twice as many did no better in a cold round of 10,000
    /// feeds (253 against 238 CPU-s, one run each).
    static let mergeThreshold = 65_536

    /// The first kept article that a text is a near-duplicate of, if any.
    /// - Parameters:
    ///   - keys: the text's `TextFingerprint.keys`.
    ///   - fingerprint: the text's whole fingerprint, worked out only when some article shares a
    ///     key (nearly always none does), for the verification.
    static func original(keys: [Int64], fingerprint: @autoclosure () -> TextFingerprint?, in db: Database) throws -> Int64? {
        // The articles sharing a key, counted here rather than by GROUP BY: nearly always there are
        // none, and SQLite's sorter for the aggregate cost more than the lookups.
        let placeholders = Array(repeating: "?", count: keys.count).joined(separator: ",")
        let matches = try Int64.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT article_seq FROM article_fingerprints WHERE key IN (\(placeholders))
                    UNION ALL SELECT article_seq FROM article_fingerprints_recent WHERE key IN (\(placeholders))
                    """),
            arguments: StatementArguments(keys + keys))
        guard !matches.isEmpty, let fingerprint = fingerprint() else { return nil }
        var shared: [Int64: Int] = [:]
        for seq in matches { shared[seq, default: 0] += 1 }
        // The candidates sharing the most keys first (a paragraph lead that many articles share,
        // a stock sign-off, must not crowd out the real copy), then the oldest.
        let candidates = shared.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(candidateLimit)
        let text = try db.cachedStatement(sql: "SELECT content_text FROM articles WHERE seq = ?")
        var verified: [Int64] = []
        for (seq, _) in candidates {
            guard let candidateText = try String.fetchOne(text, arguments: [seq]) else { continue }
            if fingerprint.isNearDuplicate(ofShingles: TextFingerprint.shingles(ofText: candidateText)) { verified.append(seq) }
        }
        // A duplicate points at the first copy seen.
        return verified.min()
    }

    /// Indexes a kept article: its keys in one statement, into the recent table (merged into the
    /// archive's once it holds `mergeThreshold` keys), or straight into `table`.
    static func index(seq: Int64, keys: [Int64], in db: Database, into table: KeyTable = .recent) throws {
        let keys = Set(keys)
        let rows = Array(repeating: "(?, ?)", count: keys.count).joined(separator: ",")
        var arguments: [Int64] = []
        arguments.reserveCapacity(2 * keys.count)
        for key in keys { arguments += [key, seq] }
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO \(table.rawValue) (key, article_seq) VALUES \(rows)")
            .execute(arguments: StatementArguments(arguments))
        guard table == .recent else { return }
        // Counted rather than COUNT(*)-ed: a scan of the recent table per article cost more than
        // the keys. Keys dropped by `unindex` are not taken off; a merge comes a little early.
        let gathered = try Int.fetchOne(
            db.cachedStatement(sql: "UPDATE counters SET value = value + ? WHERE name = 'recent_fingerprints' RETURNING value"),
            arguments: [keys.count]) ?? 0
        if gathered >= mergeThreshold { try mergeRecentKeys(in: db) }
    }

    /// Moves the recent keys into the archive's table, in key order.
    static func mergeRecentKeys(in db: Database) throws {
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO article_fingerprints (key, article_seq)
                    SELECT key, article_seq FROM article_fingerprints_recent ORDER BY key, article_seq;
                DELETE FROM article_fingerprints_recent;
                UPDATE counters SET value = 0 WHERE name = 'recent_fingerprints';
                """)
    }

    /// Drops the keys of the kept articles that `condition` (an SQL expression over `articles`)
    /// selects: before their text changes or they are deleted. The keys are computed again from
    /// the stored text, which is what lets the index do without a second index on article_seq.
    static func unindex(articlesWhere condition: String, arguments: StatementArguments, in db: Database) throws {
        let rows = try Row.fetchCursor(
            db, sql: "SELECT seq, content_text FROM articles WHERE duplicate_of IS NULL AND (\(condition))",
            arguments: arguments)
        let deletes = try [KeyTable.archive, .recent].map { table in
            try db.cachedStatement(sql: "DELETE FROM \(table.rawValue) WHERE key = ? AND article_seq = ?")
        }
        while let row = try rows.next() {
            let seq: Int64 = row[0]
            guard let fingerprint = TextFingerprint(text: row[1]) else { continue }
            for key in Set(fingerprint.keys) {
                for delete in deletes { try delete.execute(arguments: [key, seq]) }
            }
        }
    }
}

extension FeedStore {
    /// The first kept article that `text` is a near-duplicate of (tier 4 of the dedupe alone), or
    /// nil; nil too for a text too short to judge. What `ingest` does for every new article, exposed
    /// for the benchmark that checks its cost stays flat as the archive grows.
    public func nearDuplicate(ofText text: String) throws(StoreError) -> Int64? {
        guard let fingerprint = TextFingerprint(text: text) else { return nil }
        return try read { db in try NearDuplicates.original(keys: fingerprint.keys, fingerprint: fingerprint, in: db) }
    }
}
