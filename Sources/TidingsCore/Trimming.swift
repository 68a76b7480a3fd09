extension StringProtocol {
    /// The text without leading and trailing whitespace and newlines (Unicode's White_Space).
    /// Pure Swift: Foundation's `trimmingCharacters(in:)` goes through NSString and copied whole
    /// articles to UTF-16 on the cleaner's hot path.
    public func trimmingWhitespace() -> String {
        let scalars = String(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}
