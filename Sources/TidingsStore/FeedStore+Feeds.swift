import Foundation
import GRDB
import TidingsCore

extension FeedStore {
    /// Subscribes to `url`.
    /// - Throws: `StoreError.feedExists` when the URL is already subscribed.
    @discardableResult
    public func addFeed(url: String, title: String? = nil, intervalSeconds: Int? = nil, at now: Date = Date())
        throws(StoreError) -> Feed
    {
        try write { db in
            if try Int64.fetchOne(db, sql: "SELECT id FROM feeds WHERE url = ?", arguments: [url]) != nil {
                throw StoreError(.feedExists, "already subscribed: \(url)")
            }
            try db.execute(
                sql: """
                    INSERT INTO feeds (url, original_url, title, interval_seconds, added_at, next_poll_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [url, url, title, intervalSeconds, now.databaseValue, now.databaseValue])
            return Feed(
                id: db.lastInsertedRowID, url: url, title: title, nextPollAt: now, intervalSeconds: intervalSeconds,
                addedAt: now)
        }
    }

    /// Unsubscribes from a feed; its articles go with it.
    @discardableResult
    public func removeFeed(_ reference: String) throws(StoreError) -> Feed {
        let feed = try feed(reference)
        try write { db in
            try NearDuplicates.unindex(articlesWhere: "feed_id = ?", arguments: [feed.id], in: db)
            try db.execute(sql: "DELETE FROM feeds WHERE id = ?", arguments: [feed.id])
        }
        return feed
    }

    /// Every subscribed feed, in the order they were added.
    public func feeds() throws(StoreError) -> [Feed] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM feeds ORDER BY id").map(Self.feed(from:)) }
    }

    /// The feeds whose next poll time has come.
    public func dueFeeds(at now: Date) throws(StoreError) -> [Feed] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM feeds WHERE next_poll_at IS NULL OR next_poll_at <= ? ORDER BY next_poll_at, id",
                arguments: [now.databaseValue]
            ).map(Self.feed(from:))
        }
    }

    /// The feed a user means by `reference`: its numeric ID or its URL.
    /// - Throws: `StoreError.unknownFeed` when nothing matches.
    public func feed(_ reference: String) throws(StoreError) -> Feed {
        let found = try read { db -> Feed? in
            if let id = Int64(reference),
                let row = try Row.fetchOne(db, sql: "SELECT * FROM feeds WHERE id = ?", arguments: [id])
            {
                return Self.feed(from: row)
            }
            let row = try Row.fetchOne(
                db, sql: "SELECT * FROM feeds WHERE url = ? OR original_url = ? ORDER BY id LIMIT 1",
                arguments: [reference, reference])
            return row.map(Self.feed(from:))
        }
        guard let found else { throw StoreError(.unknownFeed, "no such feed: \(reference)") }
        return found
    }

    /// Records a poll that brought nothing new (304, or a body identical to the last).
    public func recordUnchanged(feedID: Int64, status: Int, at now: Date, nextPollAt: Date) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE feeds SET last_fetched_at = ?, last_status = ?, consecutive_errors = 0, last_error = NULL,
                        next_poll_at = ? WHERE id = ?
                    """, arguments: [now.databaseValue, status, nextPollAt.databaseValue, feedID])
        }
    }

    /// Records a failed poll: the error is kept for `list` and the failure count grows.
    public func recordFailure(feedID: Int64, status: Int?, message: String, at now: Date, nextPollAt: Date)
        throws(StoreError)
    {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE feeds SET last_fetched_at = ?, last_status = ?, consecutive_errors = consecutive_errors + 1,
                        last_error = ?, next_poll_at = ? WHERE id = ?
                    """, arguments: [now.databaseValue, status, message, nextPollAt.databaseValue, feedID])
        }
    }

    static func feed(from row: Row) -> Feed {
        Feed(
            id: row["id"], url: row["url"], originalURL: row["original_url"], title: row["title"],
            siteURL: row["site_url"], etag: row["etag"], lastModified: row["last_modified"],
            bodyHash: row["body_hash"], lastFetchedAt: row.date("last_fetched_at"), lastStatus: row["last_status"],
            consecutiveErrors: row["consecutive_errors"], lastError: row["last_error"],
            nextPollAt: row.date("next_poll_at"), intervalSeconds: row["interval_seconds"],
            addedAt: row.date("added_at") ?? Date(timeIntervalSince1970: 0))
    }
}
