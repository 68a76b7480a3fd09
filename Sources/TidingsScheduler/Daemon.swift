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
        do {
            var random = SystemRandomNumberGenerator()
            let schedule = PollSchedule(options: currentPoller.configuration.schedule)
            try store.spreadOverduePolls(at: startedAt) { _ in schedule.startupPoll(at: startedAt, random: &random) }
            try store.recordDaemonState(state)
        } catch {
            logger.critical("cannot start: \(error)")
            return 1
        }
        let feedCount = (try? store.feedCount()) ?? 0
        logger.info("daemon started", metadata: ["database": "\(store.path)", "feeds": "\(feedCount)"])
        notifier.ready(status: "watching \(feedCount) feeds")

        while !stopping.load(ordering: .relaxed) {
            if reloadRequested.exchange(false, ordering: .relaxed) { reload() }
            notifier.watchdog()
            do {
                let due = try store.dueFeeds(at: now())
                if !due.isEmpty {
                    let line = runRound(due)
                    state.lastRoundAt = now()
                    state.lastRound = line
                    notifier.status(line)
                    state.heartbeatAt = now()
                    try store.recordDaemonState(state)
                } else if now().timeIntervalSince(state.heartbeatAt) >= FeedStore.heartbeatInterval {
                    state.heartbeatAt = now()
                    try store.recordDaemonState(state)
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

    /// One round over `due`, on worker threads, while this thread keeps the watchdog fed for as long
    /// as polls keep completing: a round stuck longer than a transfer may last stops the watchdog,
    /// and systemd restarts the service.
    private func runRound(_ due: [Feed]) -> String {
        let round = currentPoller
        let done = DispatchSemaphore(value: 0)
        let reports = Mutex<[PollReport]>([])
        Thread.detachNewThread {
            let result = round.poll(due)
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
        for report in results {
            if case .stored(let summary) = report.outcome { new += summary.new }
            if report.isFailure { failed += 1 }
        }
        let line = "last round \(Timestamp.string(from: now())): \(results.count) feeds, \(new) new articles, \(failed) failed"
        logger.info("round done", metadata: ["feeds": "\(results.count)", "new": "\(new)", "failed": "\(failed)"])
        return line
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
