import Dispatch
import Synchronization
import TidingsCore
import TidingsStore

/// One feed's poll waiting for the writer, and how to report it once written.
struct PendingWrite: Sendable {
    let index: Int
    let write: PollWrite
    let finish: @Sendable (Result<IngestSummary, StoreError>) -> PollReport
    /// The room its articles take while they wait, in `WriteRoom.unitBytes`: 0 for a schedule
    /// update (a 304, an unchanged body), at least 1 for a document.
    let units: Int

    init(index: Int, write: PollWrite, finish: @escaping @Sendable (Result<IngestSummary, StoreError>) -> PollReport) {
        self.index = index
        self.write = write
        self.finish = finish
        switch write {
        case .unchanged:
            units = 0
        case .fetched(_, _, let articles, _):
            // The texts are most of an article's memory; String's UTF-8 counts are O(1).
            let bytes = articles.reduce(0) { sum, article in
                sum + article.contentText.utf8.count + (article.contentHTML?.utf8.count ?? 0)
                    + (article.summary?.utf8.count ?? 0) + (article.title?.utf8.count ?? 0) + 512
            }
            units = 1 + bytes / WriteRoom.unitBytes
        }
    }
}

/// Room for the articles of polls waiting for the writer: a worker takes its poll's share before
/// handing it over and the writer gives it back once written, so cleaned articles never pile up in
/// memory faster than they are stored.
final class WriteRoom: Sendable {
    static let unitBytes = 16 * 1024
    let capacity: Int
    private let free: DispatchSemaphore
    /// One taker at a time: two takers each holding part of the room they need would wait forever.
    private let taking = Mutex(())

    init(bytes: Int) {
        capacity = max(1, bytes / Self.unitBytes)
        free = DispatchSemaphore(value: capacity)
    }

    /// Waits until `units` (at most the whole room) are free, and takes them.
    func take(_ units: Int) {
        guard units > 0 else { return }
        taking.withLock { _ in
            for _ in 0..<min(units, capacity) { free.wait() }
        }
    }

    func give(_ units: Int) {
        for _ in 0..<min(units, capacity) { free.signal() }
    }
}

/// The writes waiting for the next transaction, and when that transaction is to run.
///
/// A transaction has a fixed cost: its commit writes every page it touched to the WAL, and the
/// full-text index writes a segment and merges. A round of mostly 304s, written as the writes came,
/// paid it for nearly every feed (into the full-text index of 400,000 articles, an article cost
/// 1.08 ms of CPU alone in its transaction and 0.49 ms twenty to a transaction). So a write does not
/// start a transaction at once: the writes gather until half the write room or `writeLimit` writes
/// wait, or until the delay after the first has passed.
struct PendingWrites {
    /// What the caller must do after an append to have the writes written.
    enum Due: Equatable {
        /// Run a drain now: the batch is full.
        case now
        /// Run a drain after the delay: the first write of a new batch.
        case soon
        /// Nothing: a drain that will take this write is already on its way.
        case alreadyDue
    }

    let unitLimit: Int
    let writeLimit: Int
    private(set) var items: [PendingWrite] = []
    private var units = 0
    private var scheduled: Due?

    init(unitLimit: Int, writeLimit: Int) {
        self.unitLimit = unitLimit
        self.writeLimit = writeLimit
    }

    mutating func append(_ item: PendingWrite) -> Due {
        items.append(item)
        units += item.units
        if units >= unitLimit || items.count >= writeLimit {
            if scheduled == .now { return .alreadyDue }
            scheduled = .now
            return .now
        }
        if scheduled != nil { return .alreadyDue }
        scheduled = .soon
        return .soon
    }

    /// Everything waiting, for one transaction; the next append starts a new batch.
    mutating func takeAll() -> [PendingWrite] {
        defer {
            items.removeAll(keepingCapacity: true)
            units = 0
            scheduled = nil
        }
        return items
    }
}
