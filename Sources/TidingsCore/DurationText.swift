import Foundation

/// Durations as people write them in configs and flags: `90s`, `30m`, `2h`, `7d`, `1w`, or bare seconds.
public enum DurationText {
    /// The longest duration taken: a hundred years. Anything longer means nothing to a poller, and
    /// a number of days no Int holds in seconds had crashed the CLI and the config's loading.
    public static let maximumSeconds = 100 * 365 * 86_400

    /// The number of seconds `text` stands for, or nil when it is not a duration (or is longer than
    /// `maximumSeconds`).
    public static func seconds(from text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !trimmed.isEmpty else { return nil }
        let digits = trimmed.prefix { $0.isNumber }
        guard let value = Int(digits), value >= 0 else { return nil }
        let multiplier: Int
        switch trimmed.dropFirst(digits.count) {
        case "", "s", "sec", "secs", "second", "seconds": multiplier = 1
        case "m", "min", "mins", "minute", "minutes": multiplier = 60
        case "h", "hr", "hour", "hours": multiplier = 3600
        case "d", "day", "days": multiplier = 86_400
        case "w", "week", "weeks": multiplier = 604_800
        default: return nil
        }
        let (seconds, overflow) = value.multipliedReportingOverflow(by: multiplier)
        return overflow || seconds > maximumSeconds ? nil : seconds
    }
}
