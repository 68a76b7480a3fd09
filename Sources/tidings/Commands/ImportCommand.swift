import ArgumentParser
import TidingsParse
import TidingsStore

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Subscribe to every feed of an OPML file.",
        discussion: "Feeds already subscribed are skipped; relative feed URLs are taken relative to the OPML file.")

    @Argument(help: "The OPML file, or - for standard input.")
    var file: String

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let bytes = try InputFile.read(file)
        let outlines: [OPMLOutline]
        do {
            outlines = try OPMLReader.outlines(in: bytes, url: InputFile.url(ofPath: file))
        } catch {
            throw CLIError("\(file): \(error)")
        }
        let store = try global.openStore(try global.loadConfiguration())
        var added = 0
        var skipped = 0
        var invalid: [String] = []
        for outline in outlines {
            guard let address = try? FeedAddress.normalize(outline.feedURL) else {
                invalid.append(outline.feedURL)
                continue
            }
            if (try? store.feed(address)) != nil {
                skipped += 1
                continue
            }
            try store.addFeed(
                url: address, title: outline.title, intervalSeconds: outline.intervalSeconds, fullText: outline.fullText)
            added += 1
        }
        print("imported \(added) feeds, \(skipped) already subscribed" + (invalid.isEmpty ? "" : ", \(invalid.count) invalid"))
        for url in invalid { print("skipped invalid feed URL: \(url)") }
    }
}
