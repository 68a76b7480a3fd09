import Foundation
import Logging
import Synchronization
import TidingsClean
import TidingsConfig
import TidingsCore
import TidingsFetch
import TidingsParse
import TidingsStore

/// Runs poll rounds: for each feed, fetch → parse → clean → store, with several feeds in flight at
/// once. One feed's failure is recorded against that feed and never stops the round.
public final class Poller: Sendable {
    public let store: FeedStore
    let configuration: Configuration
    let fetcher: Fetcher
    let parser: FeedParser
    let cleaner = ArticleCleaner()
    let logger: Logger
    let now: @Sendable () -> Date
    /// Set to stop starting new fetches (a stopping daemon).
    let stopRequested = Atomic<Bool>(false)

    /// Longest wait after failures: a failing feed is retried at least this often, never dropped.
    public static let maximumBackoff = 24 * 3600

    public init(
        store: FeedStore, configuration: Configuration, logger: Logger = Logger(label: "tidings"),
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.store = store
        self.configuration = configuration
        self.fetcher = Fetcher(options: configuration.fetch)
        self.parser = FeedParser(options: configuration.parse)
        self.logger = logger
        self.now = now
    }

    /// Asks a running round to start no further fetches.
    public func requestStop() { stopRequested.store(true, ordering: .relaxed) }

    /// Polls `feeds`, up to `configuration.concurrency` at once, and returns one report per feed
    /// polled, in the order given.
    public func poll(_ feeds: [Feed]) -> [PollReport] {
        let workers = max(1, min(configuration.concurrency, feeds.count))
        let next = Atomic<Int>(0)
        let reports = Mutex<[PollReport?]>(Array(repeating: nil, count: feeds.count))
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            let thread = Thread { [self] in
                defer { group.leave() }
                while !stopRequested.load(ordering: .relaxed) {
                    let index = next.add(1, ordering: .relaxed).oldValue
                    guard index < feeds.count else { return }
                    let report = poll(feeds[index])
                    reports.withLock { $0[index] = report }
                }
            }
            thread.start()
        }
        group.wait()
        return reports.withLock { $0.compactMap { $0 } }
    }

    /// Polls one feed and records the outcome in the store.
    public func poll(_ feed: Feed) -> PollReport {
        var log = logger
        log[metadataKey: "feed"] = "\(feed.url)"
        let started = now()
        let interval = feed.intervalSeconds ?? configuration.pollInterval
        do {
            let result = try fetcher.fetch(FetchRequest(url: feed.url, etag: feed.etag, lastModified: feed.lastModified))
            if result.isNotModified {
                try store.recordUnchanged(
                    feedID: feed.id, status: 304, at: started, nextPollAt: started + Double(interval))
                log.info("not modified", metadata: ["status": "304"])
                return PollReport(feed: feed, outcome: .unchanged(status: 304), warnings: [])
            }
            guard result.isSuccess else {
                return failed(feed, status: result.status, message: "HTTP \(result.status)", log: log)
            }
            let bodyHash = ContentHash.hex(of: result.body)
            if bodyHash == feed.bodyHash {
                try store.recordUnchanged(
                    feedID: feed.id, status: result.status, at: started, nextPollAt: started + Double(interval))
                log.info("body unchanged", metadata: ["status": "\(result.status)"])
                return PollReport(feed: feed, outcome: .unchanged(status: result.status), warnings: [])
            }
            let parsed: ParsedFeed
            do {
                parsed = try parser.parse(result.body, url: result.finalURL, contentType: result.contentType)
            } catch {
                return failed(feed, status: result.status, message: "not a readable feed: \(error)", log: log)
            }
            for warning in parsed.warnings { log.warning("feed warning: \(warning)") }
            let articles = parsed.entries.map(cleaner.clean(entry:))
            let summary = try store.ingest(
                feedID: feed.id, metadata: parsed.metadata, articles: articles,
                fetch: FetchRecord(
                    status: result.status, etag: result.etag, lastModified: result.lastModified, bodyHash: bodyHash,
                    fetchedAt: started, nextPollAt: started + Double(interval)))
            log.info(
                "polled",
                metadata: [
                    "status": "\(result.status)", "new": "\(summary.new)", "updated": "\(summary.updated)",
                    "duplicates": "\(summary.duplicates)",
                ])
            return PollReport(feed: feed, outcome: .stored(summary), warnings: parsed.warnings)
        } catch let error as FetchError {
            return failed(feed, status: nil, message: error.message, log: log)
        } catch {
            return failed(feed, status: nil, message: "\(error)", log: log)
        }
    }

    private func failed(_ feed: Feed, status: Int?, message: String, log: Logger) -> PollReport {
        let at = now()
        let base = feed.intervalSeconds ?? configuration.pollInterval
        // Exponential backoff from the poll interval, capped: a failing feed is never dropped.
        let backoff = min(Self.maximumBackoff, base << min(feed.consecutiveErrors, 10))
        log.error("poll failed: \(message)", metadata: status.map { ["status": "\($0)"] } ?? [:])
        do {
            try store.recordFailure(
                feedID: feed.id, status: status, message: message, at: at, nextPollAt: at + Double(backoff))
        } catch {
            log.error("could not record the failure: \(error)")
        }
        return PollReport(feed: feed, outcome: .failed(message), warnings: [])
    }
}
