import ArgumentParser
import TidingsClean
import TidingsCore
import TidingsParse

struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse a feed document and print it, normalized, as one JSON object.",
        discussion: """
            The document is read and parsed in pieces and each entry is printed as soon as it is read, so
            a feed of any size parses in flat memory; the feed's metadata and the warnings come last.
            With --summary, any number of files are parsed and each gets one JSON line (format, title,
            entry count, warnings) without the cleaner: a quick check of many feeds, and the parse benchmark.
            """)

    @Argument(help: "The feed file, or - for standard input (several files with --summary).")
    var files: [String]

    @Option(help: "The document's URL, the base for relative links (default: the file's own).")
    var url: String?

    @Option(help: "The HTTP Content-Type the document came with, for its charset.")
    var contentType: String?

    @Flag(help: "Print one summary line per file instead of the entries.")
    var summary = false

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("name a feed file, or - for standard input") }
        if files.count > 1 && !summary { throw ValidationError("several files need --summary") }
    }

    func run() throws {
        let configuration = try global.loadConfiguration()
        var output = StandardOutput()
        if summary {
            var failed = false
            for file in files {
                let line = summarize(file, options: configuration.parse)
                if case .object(let members) = line, members.contains(where: { $0.0 == "error" }) { failed = true }
                try output.writeLine(json: line)
            }
            try output.flush()
            if failed { throw ExitCode(1) }
            return
        }
        let file = files[0]
        let cleaner = ArticleCleaner()
        let pending = PendingEntries()
        let stream = FeedStreamParser(
            options: configuration.parse, url: url ?? InputFile.url(ofPath: file), contentType: contentType
        ) { pending.entries.append($0) }
        var first = true
        func drain() throws {
            for entry in pending.entries {
                try output.write(first ? "{\"entries\":[" : ",")
                first = false
                try output.write(json: ArticleJSON.entry(entry, contentText: cleaner.clean(entry: entry).contentText))
            }
            pending.entries.removeAll(keepingCapacity: true)
        }
        let feed: ParsedFeed
        do {
            try InputFile.stream(file) { chunk in
                try stream.write(chunk)
                try drain()
            }
            feed = try stream.finish()
            try drain()
        } catch let error as ParseError {
            try? output.flush()
            throw CLIError("\(file): \(error)")
        }
        try output.write(first ? "{\"entries\":[" : "")
        try output.write("],\"feed\":" + ArticleJSON.feed(feed.metadata).serialized)
        try output.writeLine(",\"warnings\":" + ArticleJSON.strings(feed.warnings).serialized + "}")
        try output.flush()
    }

    /// One `--summary` line: what the file is, or why it is not a feed.
    private func summarize(_ file: String, options: ParseOptions) -> JSONValue {
        var members: [(String, JSONValue)] = [("file", .string(file))]
        let stream = FeedStreamParser(options: options, url: url ?? InputFile.url(ofPath: file), contentType: contentType) { _ in }
        do {
            try InputFile.stream(file) { try stream.write($0) }
            let feed = try stream.finish()
            members.append(("format", .string(feed.metadata.format.rawValue)))
            members.append(("title", .optional(feed.metadata.title)))
            members.append(("entries", .int(Int64(stream.entryCount))))
            members.append(("warnings", ArticleJSON.strings(feed.warnings)))
        } catch {
            members.append(("error", .string("\(error)")))
        }
        return .object(members)
    }
}

/// Entries the parser handed over since the output last took them.
private final class PendingEntries {
    var entries: [ParsedEntry] = []
}
