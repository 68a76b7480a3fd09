/// Why a document yielded no feed at all. Recoverable problems are warnings on `ParsedFeed` instead.
public struct ParseError: Error, CustomStringConvertible, Sendable, Hashable {
    public var message: String
    /// The line the problem was seen on, when known.
    public var line: Int?

    public init(_ message: String, line: Int? = nil) {
        self.message = message
        self.line = line
    }

    public var description: String {
        if let line { return "line \(line): \(message)" }
        return message
    }
}
