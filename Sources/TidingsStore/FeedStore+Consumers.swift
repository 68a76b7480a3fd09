import Foundation
import GRDB

extension FeedStore {
    /// The last sequence number `consumer` has received (0 for a new consumer).
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
}
