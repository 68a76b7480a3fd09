import Foundation
import GRDB

extension FeedStore {
    /// The point of the change sequence up to which `consumer` has received articles (0 for a new
    /// consumer).
    public func cursor(for consumer: String) throws(StoreError) -> Int64 {
        try read { db in
            try Int64.fetchOne(db, sql: "SELECT cursor FROM consumers WHERE name = ?", arguments: [consumer]) ?? 0
        }
    }

    /// Moves `consumer`'s cursor forward to `sequence`. Never moves it back.
    public func advanceCursor(for consumer: String, to sequence: Int64, at now: Date = Date()) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO consumers (name, cursor, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT(name) DO UPDATE SET cursor = MAX(cursor, excluded.cursor), updated_at = excluded.updated_at
                    """, arguments: [consumer, sequence, now.databaseValue])
        }
    }

    /// Every consumer's cursor and how many kept articles it has not received yet.
    public func consumers() throws(StoreError) -> [ConsumerState] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT c.name, c.cursor, c.updated_at,
                        (SELECT COUNT(*) FROM articles a WHERE a.last_change > c.cursor AND a.first_change > c.cursor
                            AND a.duplicate_of IS NULL) AS behind
                    FROM consumers c ORDER BY c.name
                    """
            ).map { row in
                ConsumerState(
                    name: row["name"], cursor: row["cursor"], behind: row["behind"],
                    updatedAt: Date(timeIntervalSince1970: row["updated_at"]))
            }
        }
    }
}

/// One consumer of `dump --new`: how far it has read.
public struct ConsumerState: Sendable, Hashable {
    public var name: String
    /// The change sequence number of the last article it received.
    public var cursor: Int64
    /// Kept articles stored after its cursor (edits not counted).
    public var behind: Int
    public var updatedAt: Date
}
