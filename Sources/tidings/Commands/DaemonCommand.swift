import ArgumentParser
import Foundation
import Logging
import TidingsScheduler

struct DaemonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon", abstract: "Poll due feeds until SIGTERM or SIGINT.",
        discussion: "Runs in the foreground and logs to standard error, one line per event (journald reads it).")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        LogSetup.bootstrap(level: .info)
        let configuration = try global.loadConfiguration()
        let store = try global.openStore(configuration)
        let logger = Logger(label: "tidings.daemon")
        let poller = Poller(store: store, configuration: configuration, logger: logger)
        let status = Daemon(poller: poller, logger: logger).run()
        if status != 0 { throw ExitCode(status) }
    }
}
