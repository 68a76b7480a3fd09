import ArgumentParser
import Logging
import TidingsCore
import TidingsScheduler

struct PollCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poll", abstract: "Fetch, parse, clean, dedupe and store now.",
        discussion: """
            Polls every feed (due or not), or only those named. Prints one line per feed:
            new, updated, duplicates, errors. Exits 1 when any feed failed.
            """)

    @Argument(help: "Feeds to poll, by URL or ID; default: all.")
    var feeds: [String] = []

    @Flag(name: .shortAndLong, help: "Log each step to standard error.")
    var verbose = false

    @OptionGroup var global: GlobalOptions

    func run() throws {
        LogSetup.bootstrap(level: verbose ? .info : .warning)
        let configuration = try global.loadConfiguration()
        let store = try global.openStore(configuration)
        let selected = feeds.isEmpty ? try store.feeds() : try feeds.map { try store.feed($0) }
        let poller = Poller(store: store, configuration: configuration, logger: Logger(label: "tidings.poll"))
        let reports = poller.poll(selected)
        var output = StandardOutput()
        for report in reports { try output.writeLine(report.summaryLine) }
        try output.flush()
        if reports.contains(where: \.isFailure) { throw ExitCode.failure }
    }
}
