import Foundation
import ArgumentParser
import TidingsCore
import TidingsParse

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Print the subscribed feeds as OPML 2.0.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let store = try global.openStore(try global.loadConfiguration())
        var output = StandardOutput()
        try output.write(OPMLWriter.document(for: try store.feeds()))
        try output.flush()
    }
}

/// OPML 2.0 subscription lists.
enum OPMLWriter {
    static func document(for feeds: [Feed], now: Date = Date()) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <opml version="2.0" xmlns:tidings="\(OPMLOutline.tidingsNamespace)">
              <head>
                <title>Tidings subscriptions</title>
                <dateCreated>\(RFC822.string(from: now))</dateCreated>
              </head>
              <body>

            """
        for feed in feeds {
            let title = escape(feed.title ?? feed.url)
            out += "    <outline type=\"rss\" text=\"\(title)\" title=\"\(title)\" xmlUrl=\"\(escape(feed.url))\""
            if let site = feed.siteURL { out += " htmlUrl=\"\(escape(site))\"" }
            // Tidings' own settings, which other readers ignore.
            if let interval = feed.intervalSeconds { out += " tidings:interval=\"\(interval)\"" }
            if feed.fullText { out += " tidings:fullText=\"true\"" }
            out += "/>\n"
        }
        out += "  </body>\n</opml>\n"
        return out
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

/// RFC 822 dates, as OPML's head wants them.
enum RFC822 {
    static func string(from date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
