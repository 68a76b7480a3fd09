import Foundation
import TOMLKit
import TidingsCore

/// A config file that could not be used: which file, which key, and what was wrong.
public struct ConfigError: Error, CustomStringConvertible, Sendable, Hashable {
    public var path: String
    public var message: String

    public var description: String { "config \(path): \(message)" }
}

extension Configuration {
    /// Reads a TOML config file. Settings it leaves out keep their defaults; an unknown key or a value
    /// of the wrong kind is an error, so that a typo never passes silently.
    public static func load(path: String) throws(ConfigError) -> Configuration {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError(path: path, message: "cannot read the file (\(error.localizedDescription))")
        }
        return try parse(text, path: path)
    }

    /// Reads TOML text; `path` names it in errors.
    public static func parse(_ text: String, path: String) throws(ConfigError) -> Configuration {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(
                path: path, message: "line \(error.source.begin.line): \(error.description)")
        } catch {
            throw ConfigError(path: path, message: "\(error)")
        }
        let reader = TableReader(path: path)
        var configuration = Configuration()
        try reader.read(table, prefix: "") { key, value throws(ConfigError) in
            switch key {
            case "database": configuration.databasePath = try reader.string(value, key)
            case "max_database_bytes":
                configuration.maximumDatabaseBytes = try reader.integer(value, key, in: (1 << 20)...Int.max)
            case "poll.interval": configuration.pollInterval = try reader.duration(value, key)
            case "poll.concurrency":
                configuration.fetch.maxConcurrentTransfers = try reader.integer(value, key, in: 1...1024)
            case "fetch.per_host": configuration.fetch.maxTransfersPerHost = try reader.integer(value, key, in: 1...64)
            case "fetch.host_spacing":
                configuration.fetch.hostSpacing = TimeInterval(try reader.duration(value, key))
            case "poll.min_interval": configuration.schedule.minimumInterval = try reader.duration(value, key)
            case "poll.max_interval": configuration.schedule.maximumInterval = try reader.duration(value, key)
            case "poll.max_backoff": configuration.schedule.maximumBackoff = try reader.duration(value, key)
            case "poll.min_retry": configuration.schedule.minimumRetry = try reader.duration(value, key)
            case "poll.startup_spread": configuration.schedule.startupSpread = try reader.duration(value, key)
            case "poll.jitter_percent":
                configuration.schedule.jitter = Double(try reader.integer(value, key, in: 0...50)) / 100
            case "poll.full_text_pages":
                configuration.fullTextPagesPerPoll = try reader.integer(value, key, in: 1...1000)
            case "poll.permanent_redirect_polls":
                configuration.schedule.permanentRedirectPolls = try reader.integer(value, key, in: 1...100)
            case "fetch.user_agent": configuration.fetch.userAgent = try reader.string(value, key)
            case "fetch.connect_timeout": configuration.fetch.connectTimeout = try reader.duration(value, key)
            case "fetch.timeout": configuration.fetch.totalTimeout = try reader.duration(value, key)
            case "fetch.low_speed_limit":
                configuration.fetch.lowSpeedLimit = try reader.integer(value, key, in: 0...Int.max)
            case "fetch.low_speed_time": configuration.fetch.lowSpeedTime = try reader.duration(value, key)
            case "fetch.max_body_bytes":
                configuration.fetch.maxBodyBytes = try reader.integer(value, key, in: 1024...Int.max)
            case "fetch.max_buffered_bytes":
                configuration.fetch.maxBufferedBytes = try reader.integer(value, key, in: 0...Int.max)
            case "fetch.ca_file":
                let file = try reader.string(value, key)
                guard FileManager.default.isReadableFile(atPath: file) else {
                    throw ConfigError(path: path, message: "\(key): cannot read \(file)")
                }
                configuration.fetch.caFile = file
            case "fetch.max_redirects": configuration.fetch.maxRedirects = try reader.integer(value, key, in: 0...50)
            case "fetch.allowed_schemes":
                let schemes = try reader.strings(value, key).map { $0.lowercased() }
                let known: Set<String> = ["http", "https", "file"]
                if let unknown = schemes.first(where: { !known.contains($0) }) {
                    throw ConfigError(path: path, message: "\(key): unknown scheme '\(unknown)' (known: file, http, https)")
                }
                configuration.fetch.allowedSchemes = Set(schemes)
            case "parse.max_document_bytes":
                configuration.parse.maxInputBytes = try reader.integer(value, key, in: 1024...Int.max)
            case "parse.max_depth":
                // libxml2 itself stops at 256 levels without XML_PARSE_HUGE, which Tidings never sets.
                configuration.parse.maxDepth = try reader.integer(value, key, in: 8...256)
            default:
                throw ConfigError(path: path, message: "unknown setting '\(key)'")
            }
        }
        let schedule = configuration.schedule
        if schedule.minimumInterval > schedule.maximumInterval {
            throw ConfigError(path: path, message: "poll.min_interval is longer than poll.max_interval")
        }
        if schedule.minimumRetry > schedule.maximumBackoff {
            throw ConfigError(path: path, message: "poll.min_retry is longer than poll.max_backoff")
        }
        return configuration
    }
}

/// Walks a TOML table as dotted keys and reads values of the expected kinds.
private struct TableReader {
    let path: String

    func read(
        _ table: TOMLTable, prefix: String, _ visit: (String, any TOMLValueConvertible) throws(ConfigError) -> Void
    ) throws(ConfigError) {
        for key in table.keys.sorted() {
            guard let value = table[key] else { continue }
            let dotted = prefix.isEmpty ? key : "\(prefix).\(key)"
            if let nested = value.table {
                try read(nested, prefix: dotted, visit)
            } else {
                try visit(dotted, value)
            }
        }
    }

    func string(_ value: any TOMLValueConvertible, _ key: String) throws(ConfigError) -> String {
        guard let string = value.string else { throw wrongKind(key, "a string") }
        return string
    }

    func strings(_ value: any TOMLValueConvertible, _ key: String) throws(ConfigError) -> [String] {
        guard let array = value.array else { throw wrongKind(key, "an array of strings") }
        var strings: [String] = []
        for element in array {
            guard let string = element.string else { throw wrongKind(key, "an array of strings") }
            strings.append(string)
        }
        return strings
    }

    func integer(_ value: any TOMLValueConvertible, _ key: String, in range: ClosedRange<Int>) throws(ConfigError) -> Int {
        guard let integer = value.int else { throw wrongKind(key, "an integer") }
        guard range.contains(integer) else {
            throw ConfigError(path: path, message: "\(key): \(integer) is out of range (\(range.lowerBound)...)")
        }
        return integer
    }

    /// A duration as a string ("30m", "10s") or a bare number of seconds.
    func duration(_ value: any TOMLValueConvertible, _ key: String) throws(ConfigError) -> Int {
        if let seconds = value.int, (0...DurationText.maximumSeconds).contains(seconds) { return seconds }
        if let text = value.string, let seconds = DurationText.seconds(from: text) { return seconds }
        throw wrongKind(key, "a duration such as \"30s\", \"10m\" or \"2h\", at most 100 years")
    }

    private func wrongKind(_ key: String, _ expected: String) -> ConfigError {
        ConfigError(path: path, message: "\(key): expected \(expected)")
    }
}
