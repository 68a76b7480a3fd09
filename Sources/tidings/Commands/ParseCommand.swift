import ArgumentParser
import TidingsClean
import TidingsCore
import TidingsParse

struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse", abstract: "Parse one feed document and print it, normalized, as one JSON object.")

    @Argument(help: "The feed file, or - for standard input.")
    var file: String

    @Option(help: "The document's URL, the base for relative links (default: the file's own).")
    var url: String?

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let configuration = try global.loadConfiguration()
        let bytes = try InputFile.read(file)
        let feed: ParsedFeed
        do {
            feed = try FeedParser(options: configuration.parse).parse(bytes, url: url ?? InputFile.url(ofPath: file))
        } catch {
            throw CLIError("\(file): \(error)")
        }
        let cleaner = ArticleCleaner()
        let json = ArticleJSON.parse(feed) { cleaner.clean(entry: $0).contentText }
        var output = StandardOutput()
        try output.writeLine(json.serialized)
        try output.flush()
    }
}
