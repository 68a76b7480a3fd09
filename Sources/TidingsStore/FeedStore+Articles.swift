import Foundation
import GRDB
import TidingsCore

/// Which stored articles to hand out, oldest first.
public struct ArticleQuery: Sendable, Hashable {
    /// Only articles with a sequence number above this.
    public var afterSequence: Int64 = 0
    public var feedID: Int64?
    /// Only articles published (or, lacking a date, fetched) at or after this time.
    public var since: Date?
    public var limit: Int?
    public var includeDuplicates = false

    public init(
        afterSequence: Int64 = 0, feedID: Int64? = nil, since: Date? = nil, limit: Int? = nil,
        includeDuplicates: Bool = false
    ) {
        self.afterSequence = afterSequence
        self.feedID = feedID
        self.since = since
        self.limit = limit
        self.includeDuplicates = includeDuplicates
    }
}

extension FeedStore {
    /// Streams the articles `query` selects, in ingestion order, one at a time: the result is never
    /// held in memory whole. `body` may throw to stop early.
    public func forEachArticle(_ query: ArticleQuery, _ body: (StoredArticle) throws -> Void) throws {
        var sql = """
            SELECT a.*, f.url AS feed_url, f.title AS feed_title FROM articles a JOIN feeds f ON f.id = a.feed_id
            WHERE a.seq > ?
            """
        var arguments: StatementArguments = [query.afterSequence]
        if let feedID = query.feedID {
            sql += " AND a.feed_id = ?"
            arguments += [feedID]
        }
        if let since = query.since {
            sql += " AND COALESCE(a.published, a.fetched) >= ?"
            arguments += [since.databaseValue]
        }
        if !query.includeDuplicates { sql += " AND a.duplicate_of IS NULL" }
        sql += " ORDER BY a.seq"
        if let limit = query.limit {
            sql += " LIMIT ?"
            arguments += [limit]
        }
        do {
            try pool.read { db in
                let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
                while let row = try cursor.next() { try body(Self.storedArticle(from: row)) }
            }
        } catch let error as DatabaseError {
            throw StoreError(.database, "database \(path): \(Self.describe(error))")
        }
    }

    static func storedArticle(from row: Row) -> StoredArticle {
        let article = CleanArticle(
            entryKey: row["entry_key"], guid: row["guid"], url: row["url"], canonicalURL: row["canonical_url"],
            title: row["title"], author: row["author"], published: row.date("published"),
            updated: row.date("updated"), summary: row["summary"], contentText: row["content_text"],
            contentHTML: row["content_html"],
            categories: JSONColumn.decode([String].self, from: row["categories"], default: []),
            enclosures: JSONColumn.decode([Enclosure].self, from: row["enclosures"], default: []),
            contentHash: row["content_hash"])
        return StoredArticle(
            id: row["seq"], feedID: row["feed_id"], feedURL: row["feed_url"], feedTitle: row["feed_title"],
            article: article, fetched: row.date("fetched") ?? Date(timeIntervalSince1970: 0),
            duplicateOf: row["duplicate_of"])
    }
}
