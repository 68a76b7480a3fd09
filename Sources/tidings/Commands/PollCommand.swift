import ArgumentParser
import Foundation
import Logging
import TidingsCore
import TidingsScheduler

struct PollCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poll", abstract: "Fetch, parse, clean, dedupe and store now.",
        discussion: """
            Polls every feed (due or not, gone feeds left out), or only those named: a feed named here is \
            polled even if its server said it is gone (410), and is back in the schedule if the server \
            answers again. Prints one line per feed: new, updated, duplicates, errors. Exits 1 when any feed \
            failed.
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
        var selected: [Feed]
        if feeds.isEmpty {
            selected = try store.feeds(includingGone: false)
        } else {
            selected = try feeds.map { try FeedAddress.feed($0, in: store) }
            for (index, feed) in selected.enumerated() where feed.isGone {
                try store.revive(feedID: feed.id, at: Date())
                selected[index] = try store.feed(String(feed.id))
            }
        }
        let poller = Poller(store: store, configuration: configuration, logger: Logger(label: "tidings.poll"))
        let reports = poller.poll(selected)
        var output = StandardOutput()
        for report in reports { try output.writeLine(report.summaryLine) }
        try output.flush()
        if reports.contains(where: \.isFailure) { throw ExitCode.failure }
    }
}
