import Foundation
import GRDB
import TidingsCore

extension FeedStore {
    /// Deletes the articles fetched before `cutoff`, leaving a tombstone for each (its feed and entry
    /// key), so that a feed that still lists them does not bring them back.
    /// - Returns: how many articles were purged.
    @discardableResult
    public func purge(fetchedBefore cutoff: Date, at now: Date = Date()) throws(StoreError) -> Int {
        try write { db in
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO tombstones (feed_url, entry_key, removed_at)
                    SELECT f.url, a.entry_key, ? FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE a.fetched < ?
                    """, arguments: [now.databaseValue, cutoff.databaseValue])
            try NearDuplicates.unindex(articlesWhere: "fetched < ?", arguments: [cutoff.databaseValue], in: db)
            try db.execute(sql: "DELETE FROM articles WHERE fetched < ?", arguments: [cutoff.databaseValue])
            return db.changesCount
        }
    }

    /// Kept articles whose title or text match `query` (SQLite FTS5 syntax: words, "phrases", OR,
    /// NOT, prefix*), best match first.
    public func search(_ query: String, limit: Int = 20) throws(StoreError) -> [StoredArticle] {
        do {
            return try pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT \(Self.storedArticleColumns) FROM articles_fts s
                        JOIN articles a ON a.seq = s.rowid JOIN feeds f ON f.id = a.feed_id
                        WHERE articles_fts MATCH ? AND a.duplicate_of IS NULL ORDER BY s.rank LIMIT ?
                        """, arguments: [query, limit]
                ).map(Self.storedArticle(from:))
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR {
            throw StoreError(.database, "search: '\(query)' is not a valid query (\(error.message ?? "syntax error"))")
        } catch let error as DatabaseError {
            throw StoreError(.database, "database \(path): \(Self.describe(error))")
        } catch {
            throw StoreError(.database, "database \(path): \(error)")
        }
    }
}
