import Foundation
import Logging
import Synchronization
import TidingsConfig
import TidingsCore
import TidingsStore

/// `tidings daemon`: poll rounds over the due feeds until SIGTERM or SIGINT. The schedule lives in the
/// database, so feeds added or removed through the CLI are seen at the next check, within a second,
/// and a restart neither loses a feed's state nor fires every feed at once.
public final class Daemon: Sendable {
    let store: FeedStore
    let loadConfiguration: @Sendable () throws -> Configuration
    let logger: Logger
    let notifier: SystemdNotifier
    /// How often the daemon looks for due feeds while idle.
    let checkInterval: TimeInterval
    let now: @Sendable () -> Date
    private let poller: Mutex<Poller>
    private let stopping = Atomic<Bool>(false)
    private let reloadRequested = Atomic<Bool>(false)

    public init(
        store: FeedStore, configuration: Configuration,
        loadConfiguration: @escaping @Sendable () throws -> Configuration, logger: Logger,
        notifier: SystemdNotifier = SystemdNotifier(), checkInterval: TimeInterval = 1,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.store = store
        self.loadConfiguration = loadConfiguration
        self.logger = logger
        self.notifier = notifier
        self.checkInterval = checkInterval
        self.now = now
        poller = Mutex(Poller(store: store, configuration: configuration, logger: logger, now: now))
    }

    /// Runs until a stop signal; returns the process exit status.
    public func run() -> Int32 {
        let sources = installSignalHandlers()
        defer { sources.forEach { $0.cancel() } }

        let startedAt = now()
        var state = DaemonState(pid: getpid(), startedAt: startedAt, heartbeatAt: startedAt)
        var storePause: StorePause?
        // Tries in a row the store could not take. A probe that happened to fit (a 304's few
        // bytes) does not start the next pause back at its shortest: only a whole round that
        // stores does.
        var pauses = 0
        do {
            try spreadOverduePolls(at: startedAt)
            try store.recordDaemonState(state)
        } catch let error as StoreError where error.isStoreUnavailable {
            // A full disk (or a lock held long) is no reason to stop (systemd would give up
            // restarting): wait for room.
            storePause = StorePause(retryAt: startedAt, reason: error.message)
        } catch {
            logger.critical("cannot start: \(error)")
            return 1
        }
        let feedCount = (try? store.feedCount()) ?? 0
        logger.info("daemon started", metadata: ["database": "\(store.path)", "feeds": "\(feedCount)"])
        notifier.ready(status: storePause.map { "waiting for the store: \($0.reason)" } ?? "watching \(feedCount) feeds")

        while !stopping.load(ordering: .relaxed) {
            if reloadRequested.exchange(false, ordering: .relaxed) {
                reload()
                storePause?.retryAt = now()
            }
            notifier.watchdog()
            do {
                let due = try store.dueFeeds(at: now())
                if let paused = storePause {
                    // While there is no room, one due feed at a time tells whether there is again:
                    // polling them all would fetch every one and store nothing.
                    if now() >= paused.retryAt, let probe = due.randomElement() {
                        if runRound([probe], joins: false).unavailableReason != nil {
                            pauses += 1
                            storePause = pause(pauses, reason: paused.reason)
                        } else {
                            storePause = nil
                            logger.notice("the store takes polls again: polling resumes")
                            notifier.status("polling resumed")
                            try spreadOverduePolls(at: now())
                        }
                    }
                    if now().timeIntervalSince(state.heartbeatAt) >= FeedStore.heartbeatInterval {
                        // A row rewritten in place often still fits; when it does not, `status`
                        // reads an older heartbeat.
                        state.heartbeatAt = now()
                        state.lastRound = storePause.map { "paused until \(Timestamp.string(from: $0.retryAt)): \($0.reason)" }
                        try? store.recordDaemonState(state)
                    }
                } else if !due.isEmpty {
                    let round = runRound(due)
                    if let reason = round.unavailableReason {
                        pauses += 1
                        storePause = pause(pauses, reason: reason)
                    } else {
                        pauses = 0
                        notifier.status(round.line)
                    }
                    state.lastRoundAt = now()
                    state.lastRound = round.line
                    state.heartbeatAt = now()
                    try store.recordDaemonState(state)
                } else if now().timeIntervalSince(state.heartbeatAt) >= FeedStore.heartbeatInterval {
                    state.heartbeatAt = now()
                    try store.recordDaemonState(state)
                }
            } catch let error as StoreError where error.isStoreUnavailable {
                if storePause == nil {
                    pauses += 1
                    storePause = pause(pauses, reason: error.message)
                }
            } catch {
                logger.error("poll round failed: \(error)")
            }
            sleepUntilNextCheck()
        }
        notifier.stopping()
        state.stoppedAt = now()
        state.heartbeatAt = now()
        do { try store.recordDaemonState(state) } catch { logger.error("could not record the stop: \(error)") }
        logger.info("daemon stopped")
        return 0
    }

    /// Stops the loop: no new fetches start; transfers still running after a few seconds are cut
    /// off, and what was fetched is stored.
    public func stop() {
        stopping.store(true, ordering: .relaxed)
        currentPoller.requestStop()
    }

    private var currentPoller: Poller { poller.withLock { $0 } }

    /// Polling paused because the store cannot take polls: no room (a full disk, or
    /// `max_database_bytes`), or another process holding the write lock past the busy timeout.
    struct StorePause {
        var retryAt: Date
        var reason: String
    }

    /// The pause after the `failures`-th try in a row that the store could not take: `min_retry`,
    /// doubled at each, up to the poll interval (so that no feed is asked for more often than it
    /// would be anyway).
    private func pause(_ failures: Int, reason: String) -> StorePause {
        let configuration = currentPoller.configuration
        let seconds = min(
            Double(configuration.schedule.minimumRetry) * pow(2, Double(min(failures - 1, 30))),
            Double(max(configuration.pollInterval, configuration.schedule.minimumRetry)))
        let retryAt = now() + seconds
        logger.error(
            "the store cannot take polls: polling paused; nothing is lost, the feeds not stored are fetched again",
            metadata: ["reason": "\(reason)", "retry": "\(Timestamp.string(from: retryAt))"])
        notifier.status("paused until \(Timestamp.string(from: retryAt)): \(reason)")
        return StorePause(retryAt: retryAt, reason: reason)
    }

    /// Feeds overdue (after a start, or a pause) spread over `startup_spread`, so they do not fire at once.
    private func spreadOverduePolls(at start: Date) throws {
        var random = SystemRandomNumberGenerator()
        let schedule = PollSchedule(options: currentPoller.configuration.schedule)
        try store.spreadOverduePolls(at: start) { _ in schedule.startupPoll(at: start, random: &random) }
    }

    /// What a round came to, for the status line and the pause.
    struct RoundResult {
        var line: String
        /// Some poll of the round found no room in the store, and why.
        var unavailableReason: String?
    }

    /// One round over `due`, on worker threads, while this thread keeps the watchdog fed for as long
    /// as polls keep completing: a round stuck longer than a transfer may last stops the watchdog,
    /// and systemd restarts the service. Feeds that fall due while the round runs (one added with
    /// the CLI, above all) join it within a second or so, unless `joins` is false (a probe).
    private func runRound(_ due: [Feed], joins: Bool = true) -> RoundResult {
        let round = currentPoller
        let done = DispatchSemaphore(value: 0)
        let reports = Mutex<[PollReport]>([])
        Thread.detachNewThread { [self] in
            // Each feed once per round: one whose poll could not be stored stays due.
            var inRound = Set(due.map(\.id))
            let result = round.poll(due) {
                guard joins, !stopping.load(ordering: .relaxed),
                    let joined = try? store.dueFeeds(at: now(), excluding: inRound), !joined.isEmpty
                else { return [] }
                inRound.formUnion(joined.map(\.id))
                logger.info("feeds joined the round", metadata: ["feeds": "\(joined.count)"])
                return joined
            }
            reports.withLock { $0 = result }
            done.signal()
        }
        let stuckAfter = TimeInterval(round.configuration.fetch.totalTimeout + 30)
        var lastCompleted = round.completedPolls
        var lastProgress = now()
        while done.wait(timeout: .now() + min(checkInterval, 1)) == .timedOut {
            let completed = round.completedPolls
            if completed != lastCompleted {
                lastCompleted = completed
                lastProgress = now()
            }
            if now().timeIntervalSince(lastProgress) < stuckAfter { notifier.watchdog() }
        }
        let results = reports.withLock { $0 }
        var new = 0
        var failed = 0
        var unavailableReason: String?
        for report in results {
            if case .stored(let summary) = report.outcome { new += summary.new }
            if report.isFailure { failed += 1 }
            if report.storeUnavailable, case .failed(let message) = report.outcome { unavailableReason = message }
        }
        let line = "last round \(Timestamp.string(from: now())): \(results.count) feeds, \(new) new articles, \(failed) failed"
        logger.info("round done", metadata: ["feeds": "\(results.count)", "new": "\(new)", "failed": "\(failed)"])
        return RoundResult(line: line, unavailableReason: unavailableReason)
    }

    /// SIGHUP: read the config again and use it from the next round; the feed list is read from the
    /// database at every check anyway. A config that does not load leaves the old one in force.
    private func reload() {
        notifier.reloading()
        do {
            let configuration = try loadConfiguration()
            let fresh = Poller(store: store, configuration: configuration, logger: logger, now: now)
            poller.withLock { $0 = fresh }
            logger.info("configuration reloaded")
        } catch {
            logger.error("reload failed, keeping the previous configuration: \(error)")
        }
        notifier.ready(status: "configuration reloaded")
    }

    private func installSignalHandlers() -> [any DispatchSourceSignal] {
        [SIGTERM, SIGINT, SIGHUP].map { signalNumber -> any DispatchSourceSignal in
            // The default actions would kill the process mid-write; handle the signals on a queue.
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [self] in
                if signalNumber == SIGHUP {
                    logger.info("reload requested", metadata: ["signal": "SIGHUP"])
                    reloadRequested.store(true, ordering: .relaxed)
                } else {
                    logger.info("stop requested", metadata: ["signal": "\(signalNumber)"])
                    stop()
                }
            }
            source.resume()
            return source
        }
    }

    private func sleepUntilNextCheck() {
        let deadline = Date() + checkInterval
        while !stopping.load(ordering: .relaxed) && !reloadRequested.load(ordering: .relaxed) && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
    }
}
