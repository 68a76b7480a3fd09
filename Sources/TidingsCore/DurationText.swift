import Foundation

/// Durations as people write them in configs and flags: `90s`, `30m`, `2h`, `7d`, `1w`, or bare seconds.
public enum DurationText {
    /// The number of seconds `text` stands for, or nil when it is not a duration.
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
        return value * multiplier
    }
}
