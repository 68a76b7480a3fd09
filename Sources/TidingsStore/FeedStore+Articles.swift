import Foundation
import GRDB
import TidingsCore

/// Which stored articles to hand out, oldest first.
public struct ArticleQuery: Sendable, Hashable {
    /// Only what changed after this point of the change sequence (a consumer's cursor), in change
    /// order; nil for every article in ingestion order.
    public var afterChange: Int64?
    /// With `afterChange`: also the articles stored before it and edited in place since.
    public var includeEdited = false
    public var feedID: Int64?
    /// Only articles published (or, lacking a date, fetched) at or after this time.
    public var since: Date?
    public var limit: Int?
    public var includeDuplicates = false

    public init(
        afterChange: Int64? = nil, includeEdited: Bool = false, feedID: Int64? = nil, since: Date? = nil,
        limit: Int? = nil, includeDuplicates: Bool = false
    ) {
        self.afterChange = afterChange
        self.includeEdited = includeEdited
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
            SELECT \(Self.storedArticleColumns) FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE 1
            """
        var arguments: StatementArguments = []
        if let change = query.afterChange {
            // New since the cursor; or, with includeEdited, changed since (first_change ≤ last_change).
            sql += query.includeEdited ? " AND a.last_change > ?" : " AND a.last_change > ? AND a.first_change > ?"
            arguments += query.includeEdited ? [change] : [change, change]
        }
        if let feedID = query.feedID {
            sql += " AND a.feed_id = ?"
            arguments += [feedID]
        }
        if let since = query.since {
            sql += " AND COALESCE(a.published, a.fetched) >= ?"
            arguments += [since.databaseValue]
        }
        if !query.includeDuplicates { sql += " AND a.duplicate_of IS NULL" }
        sql += query.afterChange == nil ? " ORDER BY a.seq" : " ORDER BY a.last_change"
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

    /// The columns `storedArticle(from:)` reads, by position (a name lookup per column and row was a
    /// tenth of `dump`'s time).
    static let storedArticleColumns = """
        a.seq, a.feed_id, f.url, f.title, a.entry_key, a.guid, a.url, a.canonical_url, a.title, a.author,
        a.published, a.updated, a.summary, a.content_text, a.content_html, a.categories, a.enclosures,
        a.content_hash, a.fetched, a.duplicate_of, a.last_change, a.first_change
        """

    static func storedArticle(from row: Row) -> StoredArticle {
        func date(_ index: Int) -> Date? { (row[index] as Double?).map { Date(timeIntervalSince1970: $0) } }
        let article = CleanArticle(
            entryKey: row[4], guid: row[5], url: row[6], canonicalURL: row[7], title: row[8], author: row[9],
            published: date(10), updated: date(11), summary: row[12], contentText: row[13], contentHTML: row[14],
            categories: JSONColumn.strings(from: row[15]), enclosures: JSONColumn.enclosures(from: row[16]),
            contentHash: row[17])
        return StoredArticle(
            id: row[0], feedID: row[1], feedURL: row[2], feedTitle: row[3], article: article,
            fetched: date(18) ?? Date(timeIntervalSince1970: 0), duplicateOf: row[19], change: row[20],
            firstChange: row[21])
    }
}
