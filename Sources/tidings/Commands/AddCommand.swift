import ArgumentParser
import TidingsCore

struct AddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Subscribe to a feed.",
        discussion: "The feed is polled by the next `tidings poll` or by the running daemon within seconds.")

    @Argument(help: "The feed's URL (http, https or file), or the path of a local feed file.")
    var url: String

    @Option(help: "A title to show until the feed gives its own.")
    var title: String?

    @Option(help: ArgumentHelp("How often to poll this feed (e.g. 30m, 2h); default: the config's poll interval.", valueName: "duration"))
    var interval: String?

    @Flag(help: "The feed's entries are teasers: extract each new article from the page it links to.")
    var fulltext = false

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let address = try FeedAddress.normalize(url)
        var seconds: Int?
        if let interval {
            guard let parsed = DurationText.seconds(from: interval), parsed > 0 else {
                throw CLIError("--interval: '\(interval)' is not a duration (e.g. 90s, 30m, 2h, 1d)")
            }
            seconds = parsed
        }
        let store = try global.openStore(try global.loadConfiguration())
        let feed = try store.addFeed(url: address, title: title, intervalSeconds: seconds, fullText: fulltext)
        print("added feed \(feed.id): \(DisplayURL.string(feed.url))")
    }
}
