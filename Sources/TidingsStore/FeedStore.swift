import Foundation
import GRDB
import TidingsCore

/// The SQLite database behind Tidings: feeds, articles, their dedupe keys and consumer cursors.
/// WAL mode lets the daemon ingest while the CLI reads; writes wait (up to `busyTimeout`) instead of
/// failing with "database is locked".
public final class FeedStore: Sendable {
    public let path: String
    /// The most the database file may grow to (`max_database_bytes`); nil: as far as the disk allows.
    public let maximumBytes: Int?
    /// How long a write waits for another process's write to finish (`busyTimeout` unless a test
    /// wants less).
    let busyWait: TimeInterval
    let pool: DatabasePool

    /// How long a writer waits for another process's write to finish.
    public static let busyTimeout: TimeInterval = 10

    /// Opens (creating when needed) the database at `path` and brings its schema up to date.
    /// - Parameter maximumBytes: the most the database file may grow to. A write that would take it
    ///   further fails as one on a full disk does (`StoreError.Kind.full`), and stores nothing.
    public convenience init(path: String, maximumBytes: Int? = nil) throws(StoreError) {
        try self.init(path: path, maximumBytes: maximumBytes, busyWait: Self.busyTimeout)
    }

    init(path: String, maximumBytes: Int?, busyWait: TimeInterval) throws(StoreError) {
        self.path = path
        self.maximumBytes = maximumBytes
        self.busyWait = busyWait
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw StoreError(.cannotOpen, "cannot create the database folder \(directory): \(error.localizedDescription)")
            }
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyWait)
        // One reader: a poll round's reads are a few index pages per feed, short beside parsing and
        // cleaning, and each reader costs a cache and a copy of the schema. (The CLI beside the
        // daemon reads through its own process.)
        configuration.maximumReaderCount = 1
        configuration.label = "tidings"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // The page caches are the largest part of a poll round's memory that Tidings sets
            // itself (docs/benchmarks.md, fetch). The writer's: SQLite's default 2 MB spilled and
            // re-read the dedupe indexes on every poll (`make bench-store`, 3,000 → 5,000 articles/s
            // at 10,000 articles). 4 MB keeps a cold round of 10,000 feeds under 64 MB; it cost 16%
            // more system time than 8 MB while near-duplicate keys went one by one into the big
            // key table, and nothing measurable since they gather in a small one that is merged in
            // order (`NearDuplicates`). The readers' (a round's look-ups of
            // a feed's own entries, dump, search) 512 KB: their reads are a few pages, or stream
            // (2 MB, SQLite's default, held 2.4 MB more at the peak of that round). Checkpoints
            // every 32 MB of WAL instead of 4 MB rewrite the same index pages less often; the WAL
            // is cut back to 32 MB after each.
            try db.execute(sql: db.configuration.readonly ? "PRAGMA cache_size = -512" : "PRAGMA cache_size = -4096")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 8192")
            try db.execute(sql: "PRAGMA journal_size_limit = 33554432")
            if let maximumBytes, !db.configuration.readonly {
                // SQLite's own limit, in pages; it answers SQLITE_FULL past it, as on a full disk.
                let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
                try db.execute(sql: "PRAGMA max_page_count = \(max(1, maximumBytes / pageSize))")
            }
        }
        pool = try Self.open(path: path, configuration: configuration, maximumBytes: maximumBytes)
    }

    /// Opens and migrates. Two processes creating one new database at once (the daemon starting while the
    /// CLI adds a feed) can meet SQLITE_BUSY while one switches the file to WAL, where SQLite does not call
    /// the busy handler: those are retried for as long as a write would wait. Migrations themselves are
    /// safe against that race (`Schema.migrate`).
    private static func open(path: String, configuration: Configuration, maximumBytes: Int?) throws(StoreError) -> DatabasePool {
        let deadline = Date() + busyTimeout
        while true {
            do {
                let opened = try DatabasePool(path: path, configuration: configuration)
                try Schema.migrate(opened)
                return opened
            } catch let error as DatabaseError
                where (error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED) && Date() < deadline
            {
                Thread.sleep(forTimeInterval: 0.05)
            } catch let error as StoreError {
                throw StoreError(error.kind, "cannot open the database \(path): \(error.message)")
            } catch let error as DatabaseError where error.resultCode == .SQLITE_FULL {
                throw StoreError(.full, "cannot open the database \(path): \(noRoomMessage(path: path, maximumBytes: maximumBytes))")
            } catch {
                throw StoreError(.cannotOpen, "cannot open the database \(path): \(describe(error))")
            }
        }
    }

    /// Runs a read, mapping database failures to `StoreError`.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.read(body) } catch { throw mapped(error) }
    }

    /// Runs a write in one transaction, mapping database failures to `StoreError`.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.write(body) } catch { throw mapped(error) }
    }

    func mapped(_ error: any Error) -> StoreError {
        if let storeError = error as? StoreError { return storeError }
        if let databaseError = error as? DatabaseError, databaseError.resultCode == .SQLITE_FULL {
            return StoreError(.full, "database \(path): \(Self.noRoomMessage(path: path, maximumBytes: maximumBytes))")
        }
        if let databaseError = error as? DatabaseError,
            databaseError.resultCode == .SQLITE_BUSY || databaseError.resultCode == .SQLITE_LOCKED
        {
            return StoreError(
                .busy,
                "database \(path): another process held the write lock for more than \(Int(busyWait)) s; nothing of this write was stored")
        }
        return StoreError(.database, "database \(path): \(Self.describe(error))")
    }

    /// Why SQLite found no room (SQLITE_FULL): the size limit, or the disk and how much it has left.
    static func noRoomMessage(path: String, maximumBytes: Int?) -> String {
        let size = ["", "-wal"].reduce(0) { sum, suffix in
            sum + ((try? FileManager.default.attributesOfItem(atPath: path + suffix)[.size] as? Int) ?? 0)
        }
        let directory = (path as NSString).deletingLastPathComponent
        var fileSystem = statvfs()
        let free = statvfs(directory.isEmpty ? "." : directory, &fileSystem) == 0
            ? Int(fileSystem.f_bavail) * Int(fileSystem.f_frsize) : nil
        let stored = "nothing of this write was stored; what was stored before is intact"
        if let maximumBytes, free.map({ $0 > 16 << 20 }) ?? true {
            return "no room to write: the database reached its size limit (max_database_bytes = \(maximumBytes)); \(stored)"
        }
        let left = free.map { "\($0) bytes free" } ?? "no space left"
        return "no room to write: the disk is full (\(left) on the file system of \(directory.isEmpty ? "." : directory), "
            + "database and log \(size) bytes); \(stored)"
    }

    static func describe(_ error: any Error) -> String {
        if let databaseError = error as? DatabaseError {
            return databaseError.message ?? "\(databaseError.resultCode)"
        }
        return "\(error)"
    }
}

extension Date {
    /// Seconds since 1970, as the database stores times.
    var databaseValue: Double { timeIntervalSince1970 }
}

extension Row {
    func date(_ column: String) -> Date? {
        (self[column] as Double?).map { Date(timeIntervalSince1970: $0) }
    }
}
