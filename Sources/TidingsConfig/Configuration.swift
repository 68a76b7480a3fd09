import Foundation
import TidingsCore
import TidingsFetch
import TidingsParse

/// Every setting of Tidings, with its default. `Config/tidings.toml` documents each one.
public struct Configuration: Sendable, Hashable {
    /// Where the database lives; nil means the default location (see `defaultDatabasePath`).
    public var databasePath: String?
    /// The most the database file may grow to, in bytes; nil: as far as the disk allows. Past it,
    /// writes fail as on a full disk, and the daemon pauses polling until there is room.
    public var maximumDatabaseBytes: Int?
    /// Seconds between two polls of one feed, unless the feed has its own interval.
    public var pollInterval: Int = 1800
    public var fetch = FetchOptions()
    public var parse = ParseOptions()
    public var schedule = ScheduleOptions()
    /// Linked pages fetched at most in one poll of a full-text feed (`tidings add --fulltext`): a feed
    /// that lists hundreds of new entries at once (its first poll) gets the rest over later polls.
    public var fullTextPagesPerPoll = 30

    public init() {}

    /// The system-wide config file, used when it exists and no other is named.
    public static let systemPath = "/etc/tidings/tidings.toml"

    /// The config file to read: the one named, else `$TIDINGS_CONFIG`, else the system file where it
    /// exists. Nil means built-in defaults.
    public static func path(explicit: String?, environment: [String: String]) -> String? {
        if let explicit { return explicit }
        if let fromEnvironment = environment["TIDINGS_CONFIG"], !fromEnvironment.isEmpty { return fromEnvironment }
        return FileManager.default.fileExists(atPath: systemPath) ? systemPath : nil
    }

    /// Where the database lives when neither `--db` nor the config says: `/var/lib/tidings` for root,
    /// else `$XDG_STATE_HOME/tidings` (by default `~/.local/state/tidings`).
    public static func defaultDatabasePath(environment: [String: String], isRoot: Bool) -> String {
        if isRoot { return "/var/lib/tidings/tidings.sqlite" }
        let state =
            environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.local/state")
        return state + "/tidings/tidings.sqlite"
    }
}

/// The bounds the scheduler keeps to, whatever a feed asks for or its posting rate suggests.
public struct ScheduleOptions: Sendable, Hashable {
    /// The shortest interval between two polls of one feed (a publisher's ttl or max-age may raise
    /// it, never lower it).
    public var minimumInterval = 10 * 60
    /// The longest interval between two successful polls.
    public var maximumInterval = 12 * 3600
    /// The longest wait after repeated failures: a failing feed is retried at least this often.
    public var maximumBackoff = 24 * 3600
    /// The shortest wait after a failure.
    public var minimumRetry = 60
    /// Each interval is moved by up to this fraction either way, so that feeds drift apart.
    public var jitter = 0.1
    /// Consecutive polls that must meet the same permanent redirect before the stored URL moves.
    public var permanentRedirectPolls = 3
    /// Feeds overdue when the daemon starts are spread over up to this many seconds.
    public var startupSpread = 300

    public init() {}
}
