import Foundation
import GRDB
import TidingsCore

extension FeedStore {
    /// Deletes the articles fetched before `cutoff`, leaving a tombstone for each (its feed and entry
    /// key), so that a feed that still lists them does not bring them back.
    ///
    /// In transactions of `batchSize` articles, walking the archive once in sequence order: one
    /// transaction for a purge of 400,000 articles held the write lock for 163 s, and a daemon
    /// ingesting beside it failed each write after the 10 s busy timeout. Each batch is whole or not
    /// at all; a purge cut short leaves the rest for the next.
    /// - Returns: how many articles were purged.
    @discardableResult
    public func purge(fetchedBefore cutoff: Date, at now: Date = Date(), batchSize: Int = 1_000) throws(StoreError) -> Int {
        var purged = 0
        var after: Int64 = 0
        while true {
            let batch = try write { db -> (count: Int, last: Int64?) in
                let seqs = try Int64.fetchAll(
                    db, sql: "SELECT seq FROM articles WHERE seq > ? AND fetched < ? ORDER BY seq LIMIT ?",
                    arguments: [after, cutoff.databaseValue, batchSize])
                guard let last = seqs.last else { return (0, nil) }
                let range: StatementArguments = [seqs[0], last, cutoff.databaseValue]
                let selected = "seq BETWEEN ? AND ? AND fetched < ?"
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO tombstones (feed_url, entry_key, removed_at)
                        SELECT f.url, a.entry_key, ? FROM articles a JOIN feeds f ON f.id = a.feed_id
                        WHERE a.\(selected)
                        """, arguments: [now.databaseValue] + range)
                try NearDuplicates.unindex(articlesWhere: selected, arguments: range, in: db)
                try db.execute(sql: "DELETE FROM articles WHERE \(selected)", arguments: range)
                return (seqs.count, last)
            }
            purged += batch.count
            guard let last = batch.last, batch.count == batchSize else { break }
            after = last
        }
        return purged
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
