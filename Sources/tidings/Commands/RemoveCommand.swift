import TidingsCore
import ArgumentParser

struct RemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Unsubscribe from a feed; its articles are removed with it.",
        discussion: "Added again, the feed does not bring those articles back, only what it posts after.")

    @Argument(help: "The feed's URL or its ID (as `tidings list` shows).")
    var feed: String

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let store = try global.openStore(try global.loadConfiguration())
        let removed = try store.removeFeed(String(try FeedAddress.feed(feed, in: store).id))
        print("removed feed \(removed.id): \(DisplayURL.string(removed.url))")
    }
}
