import Foundation
import TidingsCore

/// Reads the dates feeds write: RFC 822/1123 (and its common variants) and RFC 3339/ISO 8601.
public enum FeedDate {
    /// The date in `text`, or nil when it is in no form Tidings knows. Never a silent "now".
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        if let first = trimmed.utf8.first, first >= 0x30, first <= 0x39, let iso = Timestamp.date(fromISO8601: trimmed) {
            return iso
        }
        return rfc822(trimmed)
    }

    private static let months: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
        "nov": 11, "dec": 12,
    ]

    /// Named zones, in seconds east of UTC.
    private static let zones: [String: Int] = [
        "gmt": 0, "ut": 0, "utc": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6,
        "pst": -8, "pdt": -7, "bst": 1, "cet": 1, "cest": 2, "eet": 2, "eest": 3, "wet": 0, "west": 1,
        "ist": 5, "jst": 9, "aest": 10, "aedt": 11,
    ].mapValues { $0 * 3600 }

    /// `Tue, 07 Sep 2021 10:00:00 GMT`, with or without weekday or seconds, two-digit years,
    /// named zones or numeric offsets.
    static func rfc822(_ text: String) -> Date? {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init)
        var day: Int?, month: Int?, year: Int?
        var hour = 0, minute = 0, second = 0
        var offset = 0
        var sawTime = false
        for token in tokens {
            let lower = token.lowercased()
            if let colon = token.firstIndex(of: ":"), !sawTime {
                let parts = token.split(separator: ":").map { Int($0) }
                guard parts.count >= 2, parts.allSatisfy({ $0 != nil }) else { return nil }
                hour = parts[0]!
                minute = parts[1]!
                second = parts.count > 2 ? parts[2]! : 0
                sawTime = true
                _ = colon
            } else if let value = Int(token), token.first?.isNumber == true {
                if day == nil && token.count <= 2 {
                    day = value
                } else if year == nil {
                    year = token.count <= 2 ? (value < 50 ? 2000 + value : 1900 + value) : value
                } else {
                    return nil
                }
            } else if (token.hasPrefix("+") || token.hasPrefix("-")), token.count >= 3 {
                let digits = token.dropFirst().filter { $0 != ":" }
                guard let number = Int(digits) else { return nil }
                let sign = token.hasPrefix("-") ? -1 : 1
                let hours = digits.count <= 2 ? number : number / 100
                let minutes = digits.count <= 2 ? 0 : number % 100
                offset = sign * (hours * 3600 + minutes * 60)
            } else if month == nil, let m = months[String(lower.prefix(3))] {
                month = m
            } else if let zone = zones[lower] {
                offset = zone
            }
            // Anything else (a weekday, a stray word) carries nothing we need.
        }
        guard let day, let month, let year, (1...31).contains(day), hour < 24, minute < 60, second <= 60 else {
            return nil
        }
        let seconds = Timestamp.epochSeconds(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        return Date(timeIntervalSince1970: Double(seconds - Int64(offset)))
    }
}
