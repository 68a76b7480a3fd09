import Foundation
import GRDB
import TidingsCore

extension FeedStore {
    /// Subscribes to `url`; with `fullText`, each new entry's article is extracted from its page.
    /// - Throws: `StoreError.feedExists` when the URL is already subscribed, or a feed was added
    ///   with it and has moved since (a permanent redirect, autodiscovery).
    @discardableResult
    public func addFeed(
        url: String, title: String? = nil, intervalSeconds: Int? = nil, fullText: Bool = false, at now: Date = Date()
    ) throws(StoreError) -> Feed {
        try write { db in
            if let row = try Row.fetchOne(
                db, sql: "SELECT * FROM feeds WHERE url = ?1 OR original_url = ?1 ORDER BY url = ?1 DESC, id LIMIT 1",
                arguments: [url])
            {
                // Adding a feed that went away (410) again brings it back.
                guard row["gone_at"] as Double? != nil else {
                    let polled: String = row["url"]
                    let moved = polled == url ? "" : " (feed \(row["id"] as Int64), polled at \(polled) since it moved)"
                    throw StoreError(.feedExists, "already subscribed: \(url)\(moved)")
                }
                try db.execute(
                    sql: """
                        UPDATE feeds SET gone_at = NULL, next_poll_at = ?, interval_seconds = COALESCE(?, interval_seconds),
                            full_text = full_text OR ? WHERE id = ?
                        """,
                    arguments: [now.databaseValue, intervalSeconds, fullText, row["id"] as Int64])
                return try Self.feed(from: Row.fetchOne(db, sql: "SELECT * FROM feeds WHERE id = ?", arguments: [row["id"] as Int64])!)
            }
            try db.execute(
                sql: """
                    INSERT INTO feeds (url, original_url, title, interval_seconds, added_at, next_poll_at, full_text)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [url, url, title, intervalSeconds, now.databaseValue, now.databaseValue, fullText])
            return Feed(
                id: db.lastInsertedRowID, url: url, title: title, nextPollAt: now, intervalSeconds: intervalSeconds,
                addedAt: now, fullText: fullText)
        }
    }

    /// Unsubscribes from a feed; its articles go with it.
    @discardableResult
    public func removeFeed(_ reference: String, at now: Date = Date()) throws(StoreError) -> Feed {
        let feed = try feed(reference)
        try write { db in
            // Tombstones, as a purge leaves: subscribed again, the feed does not bring back the
            // articles that went with it (consumers had them already), only what it posts after.
            try db.execute(
                sql: "INSERT OR IGNORE INTO tombstones (feed_url, entry_key, removed_at) SELECT ?, entry_key, ? FROM articles WHERE feed_id = ?",
                arguments: [feed.url, now.databaseValue, feed.id])
            try NearDuplicates.unindex(articlesWhere: "feed_id = ?", arguments: [feed.id], in: db)
            try db.execute(sql: "DELETE FROM feeds WHERE id = ?", arguments: [feed.id])
        }
        return feed
    }

    /// Every subscribed feed, in the order they were added; without the gone ones when
    /// `includingGone` is false.
    public func feeds(includingGone: Bool = true) throws(StoreError) -> [Feed] {
        let condition = includingGone ? "1" : "gone_at IS NULL"
        return try read { db in
            try Self.feeds(
                from: Row.fetchCursor(db, sql: "SELECT * FROM feeds WHERE \(condition) ORDER BY id"),
                count: Int.fetchOne(db, sql: "SELECT COUNT(*) FROM feeds WHERE \(condition)") ?? 0)
        }
    }

    /// How many feeds are subscribed.
    public func feedCount() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM feeds") ?? 0 }
    }

    /// The feeds whose next poll time has come (gone feeds never are).
    public func dueFeeds(at now: Date) throws(StoreError) -> [Feed] {
        let condition = "gone_at IS NULL AND (next_poll_at IS NULL OR next_poll_at <= ?)"
        return try read { db in
            try Self.feeds(
                from: Row.fetchCursor(
                    db, sql: "SELECT * FROM feeds WHERE \(condition) ORDER BY next_poll_at, id", arguments: [now.databaseValue]),
                count: Int.fetchOne(db, sql: "SELECT COUNT(*) FROM feeds WHERE \(condition)", arguments: [now.databaseValue]) ?? 0)
        }
    }

    /// The feeds due at `now` but those in `excluded` (a round's own): a running round asks for them
    /// about once a second, so only the identifiers of the feeds already in it are read again.
    public func dueFeeds(at now: Date, excluding excluded: Set<Int64>) throws(StoreError) -> [Feed] {
        try read { db in
            let ids = try Int64.fetchAll(
                db, sql: "SELECT id FROM feeds WHERE gone_at IS NULL AND (next_poll_at IS NULL OR next_poll_at <= ?)",
                arguments: [now.databaseValue]
            ).filter { !excluded.contains($0) }
            guard !ids.isEmpty else { return [] }
            return try Self.feeds(
                from: Row.fetchCursor(
                    db, sql: "SELECT * FROM feeds WHERE id IN (SELECT value FROM json_each(?)) ORDER BY next_poll_at, id",
                    arguments: ["[" + ids.map(String.init).joined(separator: ",") + "]"]),
                count: ids.count)
        }
    }

    /// The earliest next poll among the feeds that are not gone, if any.
    public func nextPollTime() throws(StoreError) -> Date? {
        try read { db in
            try Double.fetchOne(db, sql: "SELECT MIN(next_poll_at) FROM feeds WHERE gone_at IS NULL")
                .map { Date(timeIntervalSince1970: $0) }
        }
    }

    /// Moves the next poll of every feed overdue at `now` to the time `spread` picks for it: a
    /// daemon starting after a long stop does not fire every feed at once. Feeds never polled yet
    /// (just added) are left due: the user who added one expects it polled now.
    public func spreadOverduePolls(at now: Date, _ spread: (Feed) -> Date) throws(StoreError) {
        try write { db in
            let overdue = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM feeds WHERE gone_at IS NULL AND last_fetched_at IS NOT NULL
                        AND (next_poll_at IS NULL OR next_poll_at <= ?)
                    """,
                arguments: [now.databaseValue]
            ).map(Self.feed(from:))
            for feed in overdue {
                try db.execute(
                    sql: "UPDATE feeds SET next_poll_at = ? WHERE id = ?", arguments: [spread(feed).databaseValue, feed.id])
            }
        }
    }

    /// Records a 410 Gone: the feed is no longer polled, and `list` says so, until it is revived.
    public func recordGone(feedID: Int64, status: Int, at now: Date) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE feeds SET gone_at = ?, last_fetched_at = ?, last_status = ?,
                        last_error = 'the server says the feed is gone (HTTP ' || ? || ')', next_poll_at = NULL WHERE id = ?
                    """, arguments: [now.databaseValue, now.databaseValue, status, status, feedID])
        }
    }

    /// Brings a gone feed back into the schedule, due at `now`.
    public func revive(feedID: Int64, at now: Date) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: "UPDATE feeds SET gone_at = NULL, next_poll_at = ? WHERE id = ? AND gone_at IS NOT NULL",
                arguments: [now.databaseValue, feedID])
        }
    }

    /// Records a poll the server asked to put off (429, or 503 with Retry-After): not an error, the
    /// error count stays as it was.
    public func recordDeferred(feedID: Int64, status: Int, message: String, at now: Date, nextPollAt: Date)
        throws(StoreError)
    {
        try write { db in
            try db.execute(
                sql: "UPDATE feeds SET last_fetched_at = ?, last_status = ?, last_error = ?, next_poll_at = ? WHERE id = ?",
                arguments: [now.databaseValue, status, message, nextPollAt.databaseValue, feedID])
        }
    }

    /// Counts a permanent redirect seen on this poll (nil: none). When the same target has been met
    /// on `threshold` polls in a row, the feed's URL moves there (its original URL stays recorded)
    /// and the new URL is returned. A target another subscription already has is not moved to.
    @discardableResult
    public func recordPermanentRedirect(feedID: Int64, to target: String?, threshold: Int) throws(StoreError) -> String? {
        try write { db in
            guard let target else {
                try db.execute(
                    sql: "UPDATE feeds SET redirect_target = NULL, redirect_polls = 0 WHERE id = ? AND redirect_polls > 0",
                    arguments: [feedID])
                return nil
            }
            try db.execute(
                sql: """
                    UPDATE feeds SET redirect_polls = CASE WHEN redirect_target = ?1 THEN redirect_polls + 1 ELSE 1 END,
                        redirect_target = ?1 WHERE id = ?2
                    """, arguments: [target, feedID])
            let polls = try Int.fetchOne(db, sql: "SELECT redirect_polls FROM feeds WHERE id = ?", arguments: [feedID]) ?? 0
            guard polls >= threshold,
                try Int64.fetchOne(db, sql: "SELECT id FROM feeds WHERE url = ? AND id != ?", arguments: [target, feedID]) == nil
            else { return nil }
            try db.execute(
                sql: "UPDATE feeds SET url = ?, redirect_target = NULL, redirect_polls = 0 WHERE id = ?",
                arguments: [target, feedID])
            return target
        }
    }

    /// Moves a feed that was added at a web page's address to the feed the page links to (feed
    /// autodiscovery); the address it was added with stays its `original_url`, so `list` and
    /// `remove` still know it by that. Nil, and nothing changed, when another feed already polls
    /// that URL: the feed it returns then.
    public func recordDiscoveredFeed(feedID: Int64, url: String) throws(StoreError) -> Feed? {
        try write { db in
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM feeds WHERE url = ? AND id != ?", arguments: [url, feedID]) {
                return Self.feed(from: row)
            }
            try db.execute(
                sql: """
                    UPDATE feeds SET url = ?, etag = NULL, last_modified = NULL, body_hash = NULL,
                        redirect_target = NULL, redirect_polls = 0 WHERE id = ?
                    """, arguments: [url, feedID])
            return nil
        }
    }

    /// Keeps the interval the scheduler worked out, for the polls that bring no document (304).
    public func recordScheduledInterval(feedID: Int64, seconds: Int) throws(StoreError) {
        try write { db in
            try db.execute(sql: "UPDATE feeds SET scheduled_interval = ? WHERE id = ?", arguments: [seconds, feedID])
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
            // The feed polled at that URL first, then one added with it that moved since.
            let row = try Row.fetchOne(
                db, sql: "SELECT * FROM feeds WHERE url = ?1 OR original_url = ?1 ORDER BY url = ?1 DESC, id LIMIT 1",
                arguments: [reference])
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
    /// A failed poll also starts over the count of polls through a permanent redirect: the feed
    /// moves only after that many polls in a row that the new address answered with the feed.
    public func recordFailure(feedID: Int64, status: Int?, message: String, at now: Date, nextPollAt: Date)
        throws(StoreError)
    {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE feeds SET last_fetched_at = ?, last_status = ?, consecutive_errors = consecutive_errors + 1,
                        last_error = ?, next_poll_at = ?, redirect_target = NULL, redirect_polls = 0 WHERE id = ?
                    """, arguments: [now.databaseValue, status, message, nextPollAt.databaseValue, feedID])
        }
    }

    /// The feeds of a query, read row by row into an array sized from `count` (the query's COUNT in
    /// the same read). A poll round of 10,000 feeds had held GRDB's rows and the feeds made from them
    /// at once (14 MB at its start); then an array grown by doubling, 4.5 MB of feeds that passed
    /// through 11 MB while it grew and left the heap at that size.
    static func feeds(from rows: RowCursor, count: Int) throws -> [Feed] {
        var feeds: [Feed] = []
        feeds.reserveCapacity(count)
        while let row = try rows.next() { feeds.append(feed(from: row)) }
        return feeds
    }

    static func feed(from row: Row) -> Feed {
        let url: String = row["url"]
        let originalURL: String = row["original_url"]
        return Feed(
            // Nearly always the same text: one string's storage for both.
            id: row["id"], url: url, originalURL: originalURL == url ? url : originalURL, title: row["title"],
            siteURL: row["site_url"], etag: row["etag"], lastModified: row["last_modified"],
            bodyHash: row["body_hash"], lastFetchedAt: row.date("last_fetched_at"), lastStatus: row["last_status"],
            consecutiveErrors: row["consecutive_errors"], lastError: row["last_error"],
            nextPollAt: row.date("next_poll_at"), intervalSeconds: row["interval_seconds"],
            addedAt: row.date("added_at") ?? Date(timeIntervalSince1970: 0), goneAt: row.date("gone_at"),
            redirectTarget: row["redirect_target"], redirectPolls: row["redirect_polls"],
            scheduledInterval: row["scheduled_interval"], fullText: row["full_text"])
    }
}
