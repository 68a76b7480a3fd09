import ArgumentParser
import Foundation
import TidingsCore
import TidingsStore

struct DumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump", abstract: "Print stored articles as JSON Lines, oldest first.",
        discussion: """
            With --new, only the articles this consumer has not received yet; its cursor moves only once the \
            output has been written and flushed, so a broken pipe or a crash re-delivers and never loses. An \
            article edited in place after this consumer received it (same entry, new text or title) is \
            handed out again only with --updated. Duplicates (copies of an article already kept) are left \
            out unless --with-duplicates.
            """)

    @Flag(help: "Only articles this consumer has not received yet.")
    var new = false

    @Option(help: "The consumer whose cursor --new reads and moves.")
    var consumer = "default"

    @Flag(help: "With --new: show the new articles without moving the cursor.")
    var peek = false

    @Flag(help: "With --new: also the articles received before and edited in place since.")
    var updated = false

    @Option(help: "Only this feed's articles (URL or ID).")
    var feed: String?

    @Option(help: ArgumentHelp("Only articles published at or after this time (RFC 3339).", valueName: "time"))
    var since: String?

    @Option(help: "At most this many articles.")
    var limit: Int?

    @Flag(help: "Include articles stored as duplicates of another.")
    var withDuplicates = false

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case jsonl, json
    }

    @Option(help: "jsonl: one JSON object a line (the default); json: one array, still streamed.")
    var format: Format = .jsonl

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        if new && feed != nil {
            throw ValidationError("--feed cannot be combined with --new: a consumer's cursor spans every feed")
        }
        if consumer.isEmpty { throw ValidationError("--consumer needs a name") }
        if updated && !new { throw ValidationError("--updated goes with --new: it says which changes a consumer receives") }
    }

    func run() throws {
        var query = ArticleQuery(limit: limit, includeDuplicates: withDuplicates)
        if let since {
            guard let date = Timestamp.date(fromISO8601: since) else {
                throw CLIError("--since: '\(since)' is not an RFC 3339 time (e.g. 2021-09-07T10:00:00Z)")
            }
            query.since = date
        }
        let store = try global.openStore(try global.loadConfiguration())
        if let feed { query.feedID = try store.feed(feed).id }
        var cursor: Int64 = 0
        if new {
            cursor = try store.cursor(for: consumer)
            query.afterChange = cursor
            query.includeEdited = updated
        }

        var output = StandardOutput()
        var last = cursor
        var first = true
        try store.forEachArticle(query) { article in
            if format == .json {
                try output.write(first ? "[" : ",\n")
                try output.write(json: ArticleJSON.dump(article))
            } else {
                try output.writeLine(json: ArticleJSON.dump(article))
            }
            first = false
            last = max(last, article.change)
        }
        if format == .json { try output.writeLine(first ? "[]" : "]") }
        // Only what reached the pipe counts as delivered.
        try output.flush()
        if new && !peek && last > cursor {
            try store.advanceCursor(for: consumer, to: last)
        }
    }
}
