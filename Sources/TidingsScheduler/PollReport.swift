import Foundation
import TidingsCore
import TidingsStore

/// What polling one feed came to: one line of `tidings poll`'s output.
public struct PollReport: Sendable {
    public enum Outcome: Sendable {
        /// The feed was fetched, parsed and stored.
        case stored(IngestSummary)
        /// 304 Not Modified, or a body identical to the last: nothing parsed.
        case unchanged(status: Int)
        /// The server asked to come back later (429, 503 with Retry-After): not an error.
        case deferred(status: Int, until: Date)
        /// The poll failed; the feed will be tried again later.
        case failed(String)
        /// The transfer was cut off because Tidings is stopping; nothing recorded.
        case interrupted
    }

    public var feed: Feed
    public var outcome: Outcome
    /// Problems the parser recovered from.
    public var warnings: [String]

    public var isFailure: Bool {
        if case .failed = outcome { return true }
        return false
    }

    /// `new 3, updated 0, duplicates 1, errors 0`, as `tidings poll` prints it.
    public var summaryLine: String {
        switch outcome {
        case .stored(let summary):
            return "\(feed.url): new \(summary.new), updated \(summary.updated), duplicates \(summary.duplicates), "
                + "errors 0" + (warnings.isEmpty ? "" : ", warnings \(warnings.count)")
        case .unchanged(let status):
            return "\(feed.url): not modified (\(status)), new 0, updated 0, duplicates 0, errors 0"
        case .deferred(let status, let until):
            return "\(feed.url): deferred by the server (\(status)) until \(Timestamp.string(from: until)), new 0, updated 0, duplicates 0, errors 0"
        case .failed(let message):
            return "\(feed.url): new 0, updated 0, duplicates 0, errors 1: \(message)"
        case .interrupted:
            return "\(feed.url): interrupted by the stop, new 0, updated 0, duplicates 0, errors 0"
        }
    }
}
