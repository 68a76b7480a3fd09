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
        let candidates = try Row.fetchAll(
            db,
            sql: """
                SELECT seq, content_text FROM articles WHERE seq IN (
                    SELECT DISTINCT article_seq FROM article_fingerprints WHERE key IN (\(placeholders))
                    ORDER BY article_seq LIMIT \(candidateLimit))
                ORDER BY seq
                """,
            arguments: StatementArguments(fingerprint.keys))
        for candidate in candidates {
            let text: String = candidate["content_text"]
            if let other = TextFingerprint(text: text), fingerprint.isNearDuplicate(of: other) {
                return candidate["seq"]
            }
        }
        return nil
    }

    /// Indexes a kept article.
    static func index(seq: Int64, _ fingerprint: TextFingerprint, in db: Database) throws {
        for key in Set(fingerprint.keys) {
            try db.execute(
                sql: "INSERT OR IGNORE INTO article_fingerprints (key, article_seq) VALUES (?, ?)", arguments: [key, seq])
        }
    }

    /// Drops an article's keys (before its text changes, or when it becomes a duplicate).
    static func unindex(seq: Int64, in db: Database) throws {
        try db.execute(sql: "DELETE FROM article_fingerprints WHERE article_seq = ?", arguments: [seq])
    }
}
