import Foundation
import TidingsCore
import TidingsFetch
import TidingsParse

/// Every setting of Tidings, with its default. `Config/tidings.toml` documents each one.
public struct Configuration: Sendable, Hashable {
    /// Where the database lives; nil means the default location (see `defaultDatabasePath`).
    public var databasePath: String?
    /// Seconds between two polls of one feed, unless the feed has its own interval.
    public var pollInterval: Int = 1800
    /// How many feeds are fetched at once.
    public var concurrency: Int = 32
    public var fetch = FetchOptions()
    public var parse = ParseOptions()

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
