import GRDB
import TidingsCore

/// Tier 4 of the dedupe: near-duplicates found through the fingerprint index, then verified on the
/// texts themselves.
enum NearDuplicates {
    /// Candidates looked at, at most: the oldest first (a duplicate points at the first copy seen).
    static let candidateLimit = 32

    /// The first kept article that `fingerprint`'s text is a near-duplicate of, if any.
    static func original(of fingerprint: TextFingerprint, in db: Database) throws -> Int64? {
        let placeholders = Array(repeating: "?", count: fingerprint.keys.count).joined(separator: ",")
        // The candidates sharing the most keys first (a paragraph lead that many articles share,
        // a stock sign-off, must not crowd out the real copy), then the oldest.
        let candidates = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                SELECT a.seq, a.content_text FROM (
                    SELECT article_seq, COUNT(*) AS shared FROM article_fingerprints WHERE key IN (\(placeholders))
                    GROUP BY article_seq ORDER BY shared DESC, article_seq LIMIT \(candidateLimit)
                ) AS c JOIN articles AS a ON a.seq = c.article_seq
                """),
            arguments: StatementArguments(fingerprint.keys))
        var verified: [Int64] = []
        for candidate in candidates {
            let text: String = candidate["content_text"]
            if fingerprint.isNearDuplicate(ofShingles: TextFingerprint.shingles(ofText: text)) { verified.append(candidate["seq"]) }
        }
        // A duplicate points at the first copy seen.
        return verified.min()
    }

    /// Indexes a kept article.
    static func index(seq: Int64, _ fingerprint: TextFingerprint, in db: Database) throws {
        let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO article_fingerprints (key, article_seq) VALUES (?, ?)")
        for key in Set(fingerprint.keys) { try insert.execute(arguments: [key, seq]) }
    }

    /// Drops an article's keys (before its text changes, or when it becomes a duplicate).
    static func unindex(seq: Int64, in db: Database) throws {
        try db.execute(sql: "DELETE FROM article_fingerprints WHERE article_seq = ?", arguments: [seq])
    }
}
