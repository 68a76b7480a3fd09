import Foundation
import GRDB
import TidingsCore

/// What the daemon last recorded about itself.
public struct DaemonState: Sendable, Hashable {
    public var pid: Int32
    public var startedAt: Date
    /// Written at least every `FeedStore.heartbeatInterval` while the daemon runs.
    public var heartbeatAt: Date
    public var lastRoundAt: Date?
    /// One line on the last poll round.
    public var lastRound: String?
    /// Set by a clean stop.
    public var stoppedAt: Date?

    public init(
        pid: Int32, startedAt: Date, heartbeatAt: Date, lastRoundAt: Date? = nil, lastRound: String? = nil,
        stoppedAt: Date? = nil
    ) {
        self.pid = pid
        self.startedAt = startedAt
        self.heartbeatAt = heartbeatAt
        self.lastRoundAt = lastRoundAt
        self.lastRound = lastRound
        self.stoppedAt = stoppedAt
    }
}

/// Counts for `tidings status`.
public struct StoreOverview: Sendable, Hashable {
    public var feeds = 0
    public var due = 0
    public var failing = 0
    public var gone = 0
    public var articlesStoredSince = 0

    public init() {}
}

extension FeedStore {
    /// How often a running daemon rewrites its heartbeat.
    public static let heartbeatInterval: TimeInterval = 15

    public func recordDaemonState(_ state: DaemonState) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO daemon_state (id, pid, started_at, heartbeat_at, last_round_at, last_round, stopped_at)
                    VALUES (1, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET pid = excluded.pid, started_at = excluded.started_at,
                        heartbeat_at = excluded.heartbeat_at, last_round_at = excluded.last_round_at,
                        last_round = excluded.last_round, stopped_at = excluded.stopped_at
                    """,
                arguments: [
                    state.pid, state.startedAt.databaseValue, state.heartbeatAt.databaseValue,
                    state.lastRoundAt?.databaseValue, state.lastRound, state.stoppedAt?.databaseValue,
                ])
        }
    }

    public func daemonState() throws(StoreError) -> DaemonState? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM daemon_state WHERE id = 1").map { row in
                DaemonState(
                    pid: row["pid"], startedAt: row.date("started_at") ?? Date(timeIntervalSince1970: 0),
                    heartbeatAt: row.date("heartbeat_at") ?? Date(timeIntervalSince1970: 0),
                    lastRoundAt: row.date("last_round_at"), lastRound: row["last_round"], stoppedAt: row.date("stopped_at"))
            }
        }
    }

    /// Feeds due at `now`, failing, gone, and the articles stored since `since` (duplicates left out).
    public func overview(at now: Date, articlesSince since: Date) throws(StoreError) -> StoreOverview {
        try read { db in
            var overview = StoreOverview()
            if let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*),
                        SUM(gone_at IS NULL AND (next_poll_at IS NULL OR next_poll_at <= ?)),
                        SUM(gone_at IS NULL AND consecutive_errors > 0),
                        SUM(gone_at IS NOT NULL)
                    FROM feeds
                    """, arguments: [now.databaseValue])
            {
                overview.feeds = row[0] ?? 0
                overview.due = row[1] ?? 0
                overview.failing = row[2] ?? 0
                overview.gone = row[3] ?? 0
            }
            overview.articlesStoredSince = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM articles WHERE fetched >= ? AND duplicate_of IS NULL",
                arguments: [since.databaseValue]) ?? 0
            return overview
        }
    }
}
