import ArgumentParser
import TidingsCore

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Search stored articles' titles and text (SQLite FTS5), best match first.",
        discussion: """
            QUERY is FTS5 syntax: words (all must appear; stemmed, so "fighters" finds "fighter"), \
            "a phrase", OR, NOT, prefix*.
            """)

    @Argument(help: "What to look for.")
    var query: String

    @Option(help: "At most this many results.")
    var limit = 20

    @Flag(help: "Print JSON Lines (the dump format) instead of one line per article.")
    var json = false

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let store = try global.openStore(try global.loadConfiguration())
        let results = try store.search(query, limit: limit)
        var output = StandardOutput()
        for stored in results {
            if json {
                try output.writeLine(json: ArticleJSON.dump(stored))
            } else {
                let date = (stored.article.published ?? stored.fetched)
                try output.writeLine(
                    "\(stored.id)\t\(Timestamp.string(from: date))\t\(stored.article.title ?? "(untitled)")\t\(stored.article.url ?? "")")
            }
        }
        try output.flush()
    }
}
