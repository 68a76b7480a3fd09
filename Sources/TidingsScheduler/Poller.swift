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

    /// When to poll each feed next.
    let schedule: PollSchedule

    public init(
        store: FeedStore, configuration: Configuration, logger: Logger = Logger(label: "tidings"),
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.store = store
        self.configuration = configuration
        self.fetcher = Fetcher(options: configuration.fetch)
        self.parser = FeedParser(options: configuration.parse)
        self.schedule = PollSchedule(options: configuration.schedule)
        self.logger = logger
        self.now = now
    }

    /// Feeds polled since the poller was made: the daemon's watchdog looks for it to move.
    let completed = Atomic<Int>(0)
    public var completedPolls: Int { completed.load(ordering: .relaxed) }

    /// When transfers still running are cut off, once a stop was asked (seconds since 1970; 0: never).
    let abortDeadline = Atomic<Double>(0)

    /// Whether new transfers may start: not once a stop was asked.
    var mayStartTransfers: @Sendable () -> Bool {
        { [self] in !stopRequested.load(ordering: .relaxed) }
    }

    /// Whether the transfers still running are to be cut off: once a stop's grace ran out.
    var mustCutTransfers: @Sendable () -> Bool {
        { [self] in
            let at = abortDeadline.load(ordering: .relaxed)
            return at > 0 && Date().timeIntervalSince1970 >= at
        }
    }

    /// Asks a running round to start no further fetches, and to cut off the transfers still running
    /// after `grace` seconds (what was already fetched is still parsed and stored).
    public func requestStop(grace: TimeInterval = 5) {
        stopRequested.store(true, ordering: .relaxed)
        abortDeadline.store(Date().timeIntervalSince1970 + grace, ordering: .relaxed)
    }

    /// Polls `feeds` and returns one report per feed, in the order given. The transfers run on one
    /// libcurl event loop on this thread, within the configured global and per-host limits; each
    /// finished download is parsed and cleaned on a worker while the others go on (a 304, with
    /// nothing to parse, is handed on from this thread), and what they produce is written in batches
    /// (a group commit, `PendingWrites`): one transaction for many feeds, so that writing never makes
    /// the workers wait for each other and a round of 304s does not pay a commit per feed.
    /// - Parameter joining: asked about once a second while the round runs, on the polling thread;
    ///   the feeds it returns are polled in this round, ahead of those still waiting, and reported
    ///   after the ones given.
    public func poll(_ feeds: [Feed], joining: () -> [Feed] = { [] }) -> [PollReport] {
        guard !feeds.isEmpty else { return [] }
        var feeds = feeds
        let reports = Mutex<[PollReport?]>(Array(repeating: nil, count: feeds.count))
        let writer = DispatchQueue(label: "tidings.ingest")
        let workers = DispatchGroup()
        // Parsing and cleaning are CPU work: no more at once than there are cores.
        let slots = DispatchSemaphore(value: max(1, ProcessInfo.processInfo.activeProcessorCount))
        // Cleaned polls waiting for the writer hold their articles in memory: a bounded queue.
        let room = WriteRoom(bytes: Self.pendingArticleBytes)
        let pending = Mutex(PendingWrites(unitLimit: room.capacity / 2, writeLimit: Self.batchWriteLimit))
        let requests = feeds.map(FetchRequest.init(feed:))
        let lastTrim = Mutex<TimeInterval>(0)

        /// Writes everything the workers have handed over so far, in one transaction.
        let drain: @Sendable () -> Void = { [self] in
            let batch = pending.withLock { $0.takeAll() }
            guard !batch.isEmpty else { return }
            let outcomes = store.recordEach(batch.map(\.write))
            for (item, outcome) in zip(batch, outcomes) {
                let report = item.finish(outcome)
                reports.withLock { $0[item.index] = report }
                completed.add(1, ordering: .relaxed)
                room.give(item.units)
            }
            // Batches free polls' worth of documents and articles: hand the pages back to the
            // system instead of letting the heap keep the round's peak. At most once a second:
            // trimming after every batch of a warm round (mostly 304s) cost 30% of its CPU.
            let now = ProcessInfo.processInfo.systemUptime
            if lastTrim.withLock({ last in
                guard now - last >= 1 else { return false }
                last = now
                return true
            }) {
                _ = releaseFreeMemory(0)
            }
        }

        /// Records what a fetch came to: a report now, or a write for the writer's next batch.
        let hand: @Sendable (Int, Prepared) -> Void = { [self] index, prepared in
            switch prepared {
            case .done(let report):
                reports.withLock { $0[index] = report }
                completed.add(1, ordering: .relaxed)
            case .write(let write, let finish):
                let item = PendingWrite(index: index, write: write, finish: finish)
                room.take(item.units)
                switch pending.withLock({ $0.append(item) }) {
                case .now: writer.async(execute: drain)
                case .soon: writer.asyncAfter(deadline: .now() + Self.writeDelay, execute: drain)
                case .alreadyDue: break
                }
            }
        }

        let join = {
            let joined = joining()
            feeds += joined
            reports.withLock { $0 += Array(repeating: nil, count: joined.count) }
            return joined.map(FetchRequest.init(feed:))
        }
        fetcher.fetchAll(requests, shouldStart: mayStartTransfers, shouldAbort: mustCutTransfers, joining: join) { index, outcome in
            let feed = feeds[index]
            // A 304 brings nothing to parse: handed on from this thread, without waking a worker.
            if case .success(let result) = outcome, result.status == 304, result.permanentRedirect == nil,
                feed.redirectPolls == 0
            {
                hand(index, prepare(feed, outcome))
                return
            }
            slots.wait()
            workers.enter()
            DispatchQueue.global().async { [self] in
                defer {
                    slots.signal()
                    workers.leave()
                }
                hand(index, prepare(feed, outcome))
            }
        }
        workers.wait()
        writer.sync(execute: drain)
        return reports.withLock { $0.enumerated().map { $1 ?? PollReport(feed: feeds[$0], outcome: .interrupted, warnings: []) } }
    }

    /// Polls one feed and records the outcome in the store.
    public func poll(_ feed: Feed) -> PollReport { poll([feed])[0] }

    /// Bytes of cleaned articles waiting to be written, at most (about four of the benchmark's
    /// 40-article feeds): enough for batches that share index pages, few enough that a round of
    /// thousands of feeds stays within a small memory budget. A batch is written once it holds half.
    static let pendingArticleBytes = 2 * 1024 * 1024

    /// Writes in one transaction, at most: schedule updates (304s, unchanged bodies) hold no
    /// articles, so many of them may wait together.
    static let batchWriteLimit = 1024

    /// How long the first write of a batch waits for others before it is written alone.
    static let writeDelay: DispatchTimeInterval = .milliseconds(250)

    /// What a fetch comes to: a report already recorded (failures, gone, deferred), or a write for
    /// the next batch and how to report once it is written.
    enum Prepared {
        case done(PollReport)
        case write(PollWrite, finish: @Sendable (Result<IngestSummary, StoreError>) -> PollReport)
    }

    /// - Parameter mayDiscover: whether a web page may move the feed to the feed it links to
    ///   (not for the feed a page just led to: two pages linking to each other must not loop).
    func prepare(_ feed: Feed, _ outcome: Result<FetchResult, FetchError>, mayDiscover: Bool = true) -> Prepared {
        let log = {
            var log = logger
            log[metadataKey: "feed"] = "\(DisplayURL.string(feed.url))"
            return log
        }()
        let started = now()
        var random = SystemRandomNumberGenerator()
        // A 304 brings no document: the interval worked out at the last 200 stands.
        let lastInterval = TimeInterval(feed.scheduledInterval ?? feed.intervalSeconds ?? configuration.pollInterval)
        do {
            let result = try outcome.get()
            // A poll through a permanent redirect counts toward moving the feed only when the new
            // address answered with the feed (a 304, or a document that reads): a 301 to a parked
            // domain or a 404 must not move a subscription for good. A failure starts the count
            // over (`recordFailure`).
            let countRedirect = { [self] in
                let target = Self.movableTarget(result.permanentRedirect, from: feed.url)
                if target != nil || feed.redirectPolls > 0,
                    let moved = try store.recordPermanentRedirect(
                        feedID: feed.id, to: target, threshold: configuration.schedule.permanentRedirectPolls)
                {
                    log.notice("feed moved permanently; polling its new URL from now on", metadata: ["to": "\(DisplayURL.string(moved))"])
                }
            }
            switch result.status {
            case 304 where feed.etag == nil && feed.lastModified == nil:
                // "Not modified" since nothing: a broken server, and the feed would never be read.
                return .done(
                    failed(
                        feed, status: 304,
                        message: "HTTP 304 (not modified) to a request that sent no validators (If-None-Match, If-Modified-Since)",
                        log: log))
            case 412 where feed.etag != nil || feed.lastModified != nil:
                // "Precondition failed": a server that will not take our validators. Asked again
                // without them at once; the 200's own validators replace them.
                var unconditional = feed
                unconditional.etag = nil
                unconditional.lastModified = nil
                log.notice("HTTP 412 to a conditional request: fetching again without validators")
                let again: Result<FetchResult, FetchError>
                do { again = .success(try fetcher.fetch(FetchRequest(feed: unconditional), shouldAbort: mustCutTransfers)) } catch {
                    again = .failure(error)
                }
                return prepare(unconditional, again, mayDiscover: mayDiscover)
            case 304:
                try countRedirect()
                let next = schedule.nextPoll(after: started, interval: lastInterval, random: &random)
                return .write(.unchanged(feedID: feed.id, status: 304, at: started, nextPollAt: next)) { [self] stored in
                    report(feed, stored, log: log) { _ in
                        log.info("not modified", metadata: ["status": "304"])
                        return PollReport(feed: feed, outcome: .unchanged(status: 304), warnings: [])
                    }
                }
            case 410:
                try store.recordGone(feedID: feed.id, status: 410, at: started)
                log.warning("gone: no more polls until `tidings poll URL` or `tidings add URL`", metadata: ["status": "410"])
                return .done(PollReport(feed: feed, outcome: .gone(status: 410), warnings: []))
            case 429, 503:
                if let wait = result.retryAfter(now: started) ?? (result.status == 429 ? lastInterval : nil) {
                    // A wait right after another (the last poll was one: its status, and no error).
                    let waitedBefore = [429, 503].contains(feed.lastStatus) && feed.consecutiveErrors == 0
                    let next = waitedBefore
                        ? schedule.nextPoll(retryAfterAnotherWait: wait, at: started, interval: lastInterval, random: &random)
                        : schedule.nextPoll(retryAfter: wait, at: started)
                    let message = "HTTP \(result.status): asked to come back at \(Timestamp.string(from: next))"
                    try store.recordDeferred(feedID: feed.id, status: result.status, message: message, at: started, nextPollAt: next)
                    log.notice("deferred by the server", metadata: ["status": "\(result.status)", "next": "\(Timestamp.string(from: next))"])
                    return .done(PollReport(feed: feed, outcome: .deferred(status: result.status, until: next), warnings: []))
                }
                return .done(failed(feed, status: result.status, message: Self.httpError(result), log: log))
            case 206:
                // A part where the whole was asked for: reading it would store cut entries.
                return .done(
                    failed(feed, status: 206, message: "HTTP 206 (partial content) to a request for the whole feed", log: log))
            default:
                break
            }
            guard result.isSuccess else {
                return .done(failed(feed, status: result.status, message: Self.httpError(result), log: log))
            }
            let bodyHash = ChangeHash.hex(of: result.body)
            if bodyHash == feed.bodyHash {
                try countRedirect()
                let next = schedule.nextPoll(after: started, interval: lastInterval, random: &random)
                let status = result.status
                return .write(.unchanged(feedID: feed.id, status: status, at: started, nextPollAt: next)) { [self] stored in
                    report(feed, stored, log: log) { _ in
                        log.info("body unchanged", metadata: ["status": "\(status)"])
                        return PollReport(feed: feed, outcome: .unchanged(status: status), warnings: [])
                    }
                }
            }
            // Entries listed again byte for byte since the last document are not even read.
            let listedBefore = try store.listedEntries(feedID: feed.id)
            let parsed: ParsedFeed
            do {
                parsed = try parser.parse(
                    result.body, url: result.finalURL, contentType: result.contentType,
                    skipping: Set(listedBefore.lazy.map(\.markupHash)))
            } catch {
                return try discover(feed, page: result, error: error, mayMove: mayDiscover, log: log)
            }
            try countRedirect()
            for warning in parsed.warnings { log.warning("feed warning: \(warning)") }
            let listed = Self.listedEntries(of: parsed, before: listedBefore)
            let hints = FeedHints(
                timeToLive: parsed.metadata.timeToLive, updateInterval: parsed.metadata.updateInterval,
                freshnessLifetime: result.freshnessLifetime(now: started),
                postingInterval: PollSchedule.postingInterval(
                    of: listed?.compactMap(\.date) ?? parsed.entries.compactMap { $0.published ?? $0.updated }))
            let interval = schedule.interval(
                configured: configuration.pollInterval, feedOverride: feed.intervalSeconds, hints: hints)
            // Entries listed again exactly as stored (most of a feed, most of the time) are neither
            // cleaned nor stored again.
            let sourceHashes = parsed.entries.map(\.sourceHash)
            let unchanged = try store.unchangedEntryKeys(
                feedID: feed.id, zip(parsed.entries, sourceHashes).map { ($0.entryKey, $1) })
            let fresh = zip(parsed.entries, sourceHashes).filter { !unchanged.contains($0.0.entryKey) }
            let pages = feed.fullText ? fetchPages(linkedFrom: fresh.map(\.0), log: log) : LinkedPages()
            let retry = try entriesToRetry(pages, feedID: feed.id, at: started)
            let articles = fresh.map { entry, hash in
                var article =
                    pages.pages[entry.entryKey].map { cleaner.clean(entry: entry, page: $0) } ?? cleaner.clean(entry: entry)
                article.sourceHash = retry.contains(entry.entryKey) ? nil : hash
                // Here, on the worker, rather than on the writer, which a cold round keeps busy.
                article.nearDuplicateKeys = TextFingerprint(text: article.contentText)?.keys ?? []
                return article
            }
            // While linked pages are still to come, the next poll must read the feed again: no
            // validators, no body hash, so that neither a 304 nor an identical body skips it.
            let waitsForPages = !retry.isEmpty
            let fetch = FetchRecord(
                status: result.status, etag: waitsForPages ? nil : result.etag,
                lastModified: waitsForPages ? nil : result.lastModified, bodyHash: waitsForPages ? nil : bodyHash,
                fetchedAt: started, nextPollAt: schedule.nextPoll(after: started, interval: interval, random: &random),
                scheduledInterval: Int(interval), listedEntries: waitsForPages ? nil : listed)
            let skipped = parsed.entries.count - articles.count + parsed.skippedMarkupHashes.count
            let warnings = parsed.warnings
            let status = result.status
            return .write(.fetched(feedID: feed.id, metadata: parsed.metadata, articles: articles, fetch: fetch)) { [self] stored in
                report(feed, stored, log: log) { written in
                    var summary = written
                    summary.unchanged += skipped
                    log.info(
                        "polled",
                        metadata: [
                            "status": "\(status)", "new": "\(summary.new)", "updated": "\(summary.updated)",
                            "duplicates": "\(summary.duplicates)", "interval": "\(Int(interval))s",
                        ])
                    return PollReport(feed: feed, outcome: .stored(summary), warnings: warnings)
                }
            }
        } catch let error as FetchError where error.kind == .cancelled {
            // Not the feed's fault: it keeps its schedule and is polled again after the restart.
            log.notice("transfer cut off by the stop")
            return .done(PollReport(feed: feed, outcome: .interrupted, warnings: []))
        } catch let error as FetchError {
            return .done(failed(feed, status: nil, message: error.message, log: log))
        } catch {
            return .done(failed(feed, status: nil, message: "\(error)", log: log))
        }
    }

    /// Where a permanent redirect may move a feed: its target without a fragment (never sent), and
    /// never from https down to http (a redirect that strips TLS is followed, not made the
    /// subscription).
    static func movableTarget(_ target: String?, from url: String) -> String? {
        guard let target else { return nil }
        if url.lowercased().hasPrefix("https:") && target.lowercased().hasPrefix("http:") { return nil }
        return target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
    }

    /// "HTTP 404", and where, when a redirect led elsewhere: the address that answered is the one to
    /// look at.
    static func httpError(_ result: FetchResult) -> String {
        var message = "HTTP \(result.status)"
        if (300..<400).contains(result.status), result.headers["location"] == nil { message += " without a Location" }
        if result.finalURL != result.requestedURL { message += " at \(result.finalURL)" }
        return message
    }

    /// Every entry of the document, read or skipped, with its date: the read ones' from the entry,
    /// the skipped ones' from the last document's list. Nil for a document without markup hashes
    /// (JSON Feed).
    static func listedEntries(of parsed: ParsedFeed, before: [ListedEntry]) -> [ListedEntry]? {
        guard !parsed.markupHashes.isEmpty || !parsed.skippedMarkupHashes.isEmpty else { return nil }
        let datesBefore = Dictionary(before.map { ($0.markupHash, $0.date) }, uniquingKeysWith: { first, _ in first })
        let read = zip(parsed.markupHashes, parsed.entries).map { ListedEntry(markupHash: $0, date: $1.published ?? $1.updated) }
        return read + parsed.skippedMarkupHashes.map { ListedEntry(markupHash: $0, date: datesBefore[$0] ?? nil) }
    }

    /// The report once the batch holding this feed's write was committed, or its failure.
    private func report(
        _ feed: Feed, _ stored: Result<IngestSummary, StoreError>, log: Logger, _ success: (IngestSummary) -> PollReport
    ) -> PollReport {
        switch stored {
        case .success(let summary):
            return success(summary)
        case .failure(let error) where error.isStoreUnavailable:
            // Not the feed's fault, and no way to record a failure either (no room; or a wait as long
            // again for the lock): the feed stays due, with its last validators, and its next poll
            // fetches all of this again.
            log.error("poll not stored: \(error)")
            var report = PollReport(feed: feed, outcome: .failed("could not store the poll: \(error)"), warnings: [])
            report.storeUnavailable = true
            return report
        case .failure(let error):
            return failed(feed, status: nil, message: "could not store the poll: \(error)", log: log)
        }
    }

    func failed(_ feed: Feed, status: Int?, message: String, log: Logger) -> PollReport {
        let at = now()
        var random = SystemRandomNumberGenerator()
        let interval = TimeInterval(feed.scheduledInterval ?? feed.intervalSeconds ?? configuration.pollInterval)
        let next = schedule.nextPoll(afterFailure: feed.consecutiveErrors + 1, at: at, interval: interval, random: &random)
        log.error(
            "poll failed: \(message)",
            metadata: ["status": "\(status.map(String.init) ?? "-")", "next": "\(Timestamp.string(from: next))"])
        var report = PollReport(feed: feed, outcome: .failed(message), warnings: [])
        do {
            try store.recordFailure(feedID: feed.id, status: status, message: message, at: at, nextPollAt: next)
        } catch {
            log.error("could not record the failure: \(error)")
            report.storeUnavailable = error.isStoreUnavailable
        }
        return report
    }
}

extension FetchRequest {
    /// A conditional GET of the feed's URL with the validators of its last 200.
    init(feed: Feed) { self.init(url: feed.url, etag: feed.etag, lastModified: feed.lastModified) }
}

/// glibc's `malloc_trim`, which the Glibc module does not export.
@_silgen_name("malloc_trim") private func releaseFreeMemory(_ pad: Int) -> Int32
