import ArgumentParser
import Foundation
import Logging
import TidingsScheduler

struct DaemonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon", abstract: "Poll due feeds until SIGTERM or SIGINT.",
        discussion: """
            Runs in the foreground and logs to standard error, one line per event (journald reads it). SIGTERM or \
            SIGINT: stop starting fetches, cut off transfers still running after 5 seconds, store what was \
            fetched, exit 0. SIGHUP: read the config again. Speaks the systemd notify protocol when \
            $NOTIFY_SOCKET is set (READY, STATUS, WATCHDOG, RELOADING, STOPPING).
            """)

    @OptionGroup var global: GlobalOptions

    func run() throws {
        LogSetup.bootstrap(level: .info)
        let configuration = try global.loadConfiguration()
        let store = try global.openStore(configuration)
        let logger = Logger(label: "tidings.daemon")
        let global = self.global
        let status = Daemon(
            store: store, configuration: configuration, loadConfiguration: { try global.loadConfiguration() },
            logger: logger
        ).run()
        if status != 0 { throw ExitCode(status) }
    }
}
