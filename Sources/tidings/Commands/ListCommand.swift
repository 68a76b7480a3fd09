import ArgumentParser
import TidingsCore

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the subscribed feeds and how polling them went.")

    @Flag(help: "Print a JSON array instead of a table.")
    var json = false

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let store = try global.openStore(try global.loadConfiguration())
        let feeds = try store.feeds()
        var output = StandardOutput()
        if json {
            try output.writeLine(JSONValue.array(feeds.map(Self.json)).serialized)
        } else if feeds.isEmpty {
            try output.writeLine("no feeds; add one with `tidings add URL`")
        } else {
            for feed in feeds {
                let status = feed.lastStatus.map(String.init) ?? "-"
                let fetched = feed.lastFetchedAt.map(Timestamp.string(from:)) ?? "never"
                let next = feed.isGone ? "never (gone)" : feed.nextPollAt.map(Timestamp.string(from:)) ?? "now"
                var line = "\(feed.id)\t\(DisplayURL.string(feed.url))\t\(feed.title ?? "(untitled)")\tfetched \(fetched)\tstatus \(status)"
                line += "\terrors \(feed.consecutiveErrors)\tnext \(next)"
                if let error = feed.lastError { line += "\tlast error: \(error)" }
                if feed.originalURL != feed.url { line += "\tmoved from \(DisplayURL.string(feed.originalURL))" }
                if feed.fullText { line += "\tfull text" }
                try output.writeLine(line)
            }
        }
        try output.flush()
    }

    static func json(_ feed: Feed) -> JSONValue {
        var members: [(String, JSONValue)] = []
        members.append(("id", .int(feed.id)))
        members.append(("url", .string(feed.url)))
        members.append(("original_url", .string(feed.originalURL)))
        members.append(("title", .optional(feed.title)))
        members.append(("site_url", .optional(feed.siteURL)))
        members.append(("last_fetched", ArticleJSON.date(feed.lastFetchedAt)))
        members.append(("last_status", .optional(feed.lastStatus.map(Int64.init))))
        members.append(("consecutive_errors", .int(Int64(feed.consecutiveErrors))))
        members.append(("last_error", .optional(feed.lastError)))
        members.append(("next_poll", ArticleJSON.date(feed.nextPollAt)))
        members.append(("interval_seconds", .optional(feed.intervalSeconds.map(Int64.init))))
        members.append(("scheduled_interval", .optional(feed.scheduledInterval.map(Int64.init))))
        members.append(("gone", ArticleJSON.date(feed.goneAt)))
        members.append(("redirect_target", .optional(feed.redirectTarget)))
        members.append(("redirect_polls", .int(Int64(feed.redirectPolls))))
        members.append(("full_text", .bool(feed.fullText)))
        return .object(members)
    }
}
