import Foundation

/// What the per-format readers share: the warnings they collect while reading.
protocol FormatReader {
    var warnings: [String] { get set }
}

extension FormatReader {
    /// The date in `text`; an unreadable one is nil and a warning naming `place`, never "now".
    mutating func date(_ text: String, in place: String) -> Date? {
        guard !text.isEmpty else { return nil }
        if let date = FeedDate.parse(text) { return date }
        warnings.append("unreadable date '\(text)' in \(place)")
        return nil
    }
}
