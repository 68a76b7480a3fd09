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
        /// 410 Gone: the feed is no longer polled until revived. Not an error: the publisher said so.
        case gone(status: Int)
        /// The poll failed; the feed will be tried again later.
        case failed(String)
        /// The transfer was cut off because Tidings is stopping; nothing recorded.
        case interrupted
    }

    /// The feed polled: its id and the URL it was polled at. Not the whole `Feed`: a round keeps one
    /// report per feed until it ends, and at 10,000 feeds whole copies cost megabytes.
    public var feedID: Int64
    public var url: String
    public var outcome: Outcome
    /// Problems the parser recovered from.
    public var warnings: [String]
    /// The store could not take this poll (no room: a full disk or `max_database_bytes`; or another
    /// process held the write lock past the busy timeout): nothing of it was recorded, not even the
    /// failure, so the feed is still due. The daemon pauses on it.
    public var storeUnavailable = false

    public init(feed: Feed, outcome: Outcome, warnings: [String]) {
        feedID = feed.id
        url = DisplayURL.string(feed.url)
        self.outcome = outcome
        self.warnings = warnings
    }

    public var isFailure: Bool {
        if case .failed = outcome { return true }
        return false
    }

    /// `new 3, updated 0, duplicates 1, errors 0`, as `tidings poll` prints it.
    public var summaryLine: String {
        switch outcome {
        case .stored(let summary):
            return "\(url): new \(summary.new), updated \(summary.updated), duplicates \(summary.duplicates), "
                + "errors 0" + (warnings.isEmpty ? "" : ", warnings \(warnings.count)")
        case .unchanged(let status):
            return "\(url): not modified (\(status)), new 0, updated 0, duplicates 0, errors 0"
        case .deferred(let status, let until):
            return "\(url): deferred by the server (\(status)) until \(Timestamp.string(from: until)), new 0, updated 0, duplicates 0, errors 0"
        case .gone(let status):
            return "\(url): gone (\(status)), no more polls until `tidings poll URL` or `tidings add URL`, new 0, updated 0, duplicates 0, errors 0"
        case .failed(let message):
            return "\(url): new 0, updated 0, duplicates 0, errors 1: \(message)"
        case .interrupted:
            return "\(url): interrupted by the stop, new 0, updated 0, duplicates 0, errors 0"
        }
    }
}
