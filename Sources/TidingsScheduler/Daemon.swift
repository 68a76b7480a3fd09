import Foundation
import Logging
import Synchronization
import TidingsStore

/// `tidings daemon`: poll rounds over the due feeds until SIGTERM or SIGINT. Feeds added or removed
/// through the CLI are seen at the next check, within a second, because the schedule lives in the
/// database.
public final class Daemon: Sendable {
    let poller: Poller
    let logger: Logger
    /// How often the daemon looks for due feeds while idle.
    let checkInterval: TimeInterval
    private let stopping = Atomic<Bool>(false)

    public init(poller: Poller, logger: Logger, checkInterval: TimeInterval = 1) {
        self.poller = poller
        self.logger = logger
        self.checkInterval = checkInterval
    }

    /// Runs until a stop signal; returns the process exit status.
    public func run() -> Int32 {
        let sources = [SIGTERM, SIGINT].map { signalNumber -> any DispatchSourceSignal in
            // The default action would kill the process mid-write; handle the signal on a queue instead.
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [self] in
                logger.info("stop requested", metadata: ["signal": "\(signalNumber)"])
                stop()
            }
            source.resume()
            return source
        }
        defer { sources.forEach { $0.cancel() } }

        logger.info("daemon started", metadata: ["database": "\(poller.store.path)"])
        while !stopping.load(ordering: .relaxed) {
            do {
                let due = try poller.store.dueFeeds(at: poller.now())
                if !due.isEmpty {
                    let reports = poller.poll(due)
                    let failures = reports.filter(\.isFailure).count
                    logger.info("round done", metadata: ["feeds": "\(reports.count)", "failed": "\(failures)"])
                }
            } catch {
                logger.error("poll round failed: \(error)")
            }
            sleepUntilNextCheck()
        }
        logger.info("daemon stopped")
        return 0
    }

    /// Stops the loop: no new fetches start, the current ones finish and are stored.
    public func stop() {
        stopping.store(true, ordering: .relaxed)
        poller.requestStop()
    }

    private func sleepUntilNextCheck() {
        let deadline = Date() + checkInterval
        while !stopping.load(ordering: .relaxed) && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
    }
}
