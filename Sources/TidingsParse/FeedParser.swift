import Foundation
import TidingsCore

/// Limits that keep a hostile document from costing more than a feed is worth.
public struct ParseOptions: Sendable, Hashable {
    /// Largest document accepted, in bytes.
    public var maxInputBytes: Int

    public init(maxInputBytes: Int = 32 * 1024 * 1024) {
        self.maxInputBytes = maxInputBytes
    }
}

/// Reads RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 documents into `ParsedFeed` values, streaming with
/// libxml2. It never loads an external entity or DTD and never touches the network.
public struct FeedParser: Sendable {
    public var options: ParseOptions

    public init(options: ParseOptions = ParseOptions()) {
        self.options = options
    }

    /// Parses one feed document.
    /// - Parameters:
    ///   - bytes: the document as fetched.
    ///   - url: where it came from (after redirects): the base for relative links.
    /// - Throws: `ParseError` when nothing in the document can be read as a feed.
    public func parse(_ bytes: [UInt8], url: String? = nil) throws(ParseError) -> ParsedFeed {
        guard bytes.count <= options.maxInputBytes else {
            throw ParseError("document is \(bytes.count) bytes, over the limit of \(options.maxInputBytes)")
        }
        guard bytes.contains(where: { $0 > 0x20 }) else { throw ParseError("document is empty") }
        let result: Result<ParsedFeed, ParseError> = bytes.withUnsafeBytes { buffer in
            guard let reader = XMLStreamReader(bytes: buffer, url: url) else {
                return .failure(ParseError("libxml2 could not open the document"))
            }
            return Result { () throws(ParseError) in try FeedParser.parse(reader) }
        }
        return try result.get()
    }

    private static func parse(_ reader: XMLStreamReader) throws(ParseError) -> ParsedFeed {
        var foundRoot = false
        while reader.read() {
            if reader.kind == .element {
                foundRoot = true
                break
            }
        }
        guard foundRoot else {
            if let fatal = reader.diagnostics.first(where: \.isFatal) {
                throw ParseError("not XML: \(fatal.message)", line: fatal.line)
            }
            throw ParseError("no root element")
        }
        let root = reader.name
        var feed: ParsedFeed
        switch (root.namespace, root.local) {
        case ("", "rss"):
            feed = RSSFormatReader(reader: reader, format: .rss2).read()
        case (Namespace.rdf, "RDF"):
            feed = RSSFormatReader(reader: reader, format: .rss1).read()
        case (Namespace.atom, "feed"):
            feed = AtomFormatReader(reader: reader, format: .atom1).read()
        case (Namespace.atom03, "feed"):
            feed = AtomFormatReader(reader: reader, format: .atom03).read()
        default:
            let shown = root.namespace.isEmpty ? root.local : "\(root.local) in \(root.namespace)"
            throw ParseError("not a feed: the root element is <\(shown)>", line: reader.line)
        }
        let diagnostics = reader.diagnostics.map { "line \($0.line): \($0.message)" }
        feed.warnings = diagnostics + feed.warnings
        if let fatal = reader.diagnostics.first(where: \.isFatal) {
            if feed.entries.isEmpty && feed.metadata.title == nil {
                throw ParseError("malformed XML: \(fatal.message)", line: fatal.line)
            }
            feed.warnings.append("document is not well-formed; kept the \(feed.entries.count) entries read before line \(fatal.line)")
        }
        return feed
    }
}
