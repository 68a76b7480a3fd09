import Foundation
import TidingsCore

/// Limits that keep a hostile document from costing more than a feed is worth.
public struct ParseOptions: Sendable, Hashable {
    /// Largest document accepted, in bytes.
    public var maxInputBytes: Int
    /// Deepest element nesting read; deeper elements are dropped with a warning.
    public var maxDepth: Int

    public init(maxInputBytes: Int = 32 * 1024 * 1024, maxDepth: Int = 100) {
        self.maxInputBytes = maxInputBytes
        self.maxDepth = maxDepth
    }
}

/// Reads feed documents into `ParsedFeed` values: RSS 0.90–2.0, RSS 1.0, Atom 0.3 and 1.0, JSON
/// Feed 1.0 and 1.1, detected from the content. Lenient where real feeds are sloppy (every problem
/// it recovers from becomes a warning), safe against hostile XML (no DTD or external entity is ever
/// loaded, no network, entity bombs refused, size and depth capped).
public struct FeedParser: Sendable {
    public var options: ParseOptions

    public init(options: ParseOptions = ParseOptions()) {
        self.options = options
    }

    /// Parses one whole feed document.
    /// - Parameters:
    ///   - bytes: the document as fetched.
    ///   - url: where it came from (after redirects): the base for relative links.
    ///   - contentType: the HTTP Content-Type, for its charset.
    ///   - seen: markup hashes (`ParsedFeed.markupHashes`) of entries the caller already has: an
    ///     entry of an XML document whose markup hashes to one of them is not read, only counted in
    ///     `skippedMarkupHashes`. Most of a feed is listed again unchanged from one poll to the next.
    /// - Throws: `ParseError` when nothing in the document can be read as a feed.
    public func parse(
        _ bytes: [UInt8], url: String? = nil, contentType: String? = nil, skipping seen: Set<UInt64> = []
    ) throws(ParseError) -> ParsedFeed {
        let collector = EntryCollector()
        let stream = FeedStreamParser(options: options, url: url, contentType: contentType, skipping: seen) {
            collector.entries.append($0)
        }
        try bytes.withBytes { (buffer) throws(ParseError) in try stream.write(buffer) }
        var feed = try stream.finish()
        feed.entries = collector.entries
        return feed
    }
}

private final class EntryCollector {
    var entries: [ParsedEntry] = []
}

/// Parses a feed pushed to it in pieces and hands each entry over as soon as it is complete, so
/// that a feed of any length parses in flat memory (`tidings parse` on a 100 MB file).
public final class FeedStreamParser {
    private enum Stage {
        /// Waiting for enough bytes to tell XML from JSON and to detect the encoding.
        case sniffing([UInt8])
        case json([UInt8])
        case xml(XMLPipeline)
        case finished
    }

    private let options: ParseOptions
    private let url: String?
    private let contentType: String?
    private let onEntry: (ParsedEntry) -> Void
    private let seen: Set<UInt64>?
    private var stage = Stage.sniffing([])
    private var inputBytes = 0
    private var warnings: [String] = []
    /// Entries handed over so far.
    public private(set) var entryCount = 0

    static let sniffLength = 4096

    /// - Parameters:
    ///   - seen: when given, the markup hash of each entry is kept for `finish()`'s result, and the
    ///     entries whose hash is in the set are skipped (see `FeedParser.parse`).
    ///   - onEntry: receives each entry, in document order.
    public init(
        options: ParseOptions = ParseOptions(), url: String? = nil, contentType: String? = nil, skipping seen: Set<UInt64>? = nil,
        onEntry: @escaping (ParsedEntry) -> Void
    ) {
        self.options = options
        self.url = url
        self.contentType = contentType
        self.seen = seen
        self.onEntry = onEntry
    }

    /// Parses the next piece of the document.
    public func write(_ chunk: UnsafeRawBufferPointer) throws(ParseError) {
        inputBytes += chunk.count
        guard inputBytes <= options.maxInputBytes else {
            stage = .finished
            throw ParseError("document is over the limit of \(options.maxInputBytes) bytes (parse.max_document_bytes)")
        }
        switch stage {
        case .sniffing(let buffered) where buffered.isEmpty && chunk.count >= Self.sniffLength:
            // The usual case: the first piece is big enough to decide on, without a copy.
            try begin(with: chunk, final: false)
        case .sniffing(var buffer):
            buffer.append(contentsOf: chunk.assumingMemoryBound(to: UInt8.self))
            if buffer.count < Self.sniffLength {
                stage = .sniffing(buffer)
                return
            }
            try begin(with: buffer, final: false)
        case .json(var buffer):
            buffer.append(contentsOf: chunk.assumingMemoryBound(to: UInt8.self))
            stage = .json(buffer)
        case .xml(let pipeline):
            try pipeline.write(chunk, final: false)
        case .finished:
            break
        }
    }

    /// Ends the document.
    /// - Returns: the feed's metadata and warnings (its entries went to `onEntry`).
    public func finish() throws(ParseError) -> ParsedFeed {
        if case .sniffing(let buffer) = stage { try begin(with: buffer, final: true) }
        defer { stage = .finished }
        switch stage {
        case .json(let buffer):
            let feed = try JSONFeedReader().read(buffer, url: url)
            for entry in feed.entries { deliver(entry) }
            return ParsedFeed(metadata: feed.metadata, entries: [], warnings: warnings + feed.warnings)
        case .xml(let pipeline):
            var feed = try pipeline.finish()
            feed.warnings = warnings + feed.warnings
            return feed
        case .sniffing, .finished:
            throw ParseError("the parse already ended")
        }
    }

    private func deliver(_ entry: ParsedEntry) {
        entryCount += 1
        onEntry(entry)
    }

    /// Decides JSON or XML and the encoding from the first bytes, then feeds them on.
    private func begin(with buffer: [UInt8], final: Bool) throws(ParseError) {
        try buffer.withBytes { (bytes) throws(ParseError) in try begin(with: bytes, final: final) }
    }

    private func begin(with buffer: UnsafeRawBufferPointer, final: Bool) throws(ParseError) {
        let firstByte = buffer.drop(while: { $0 == 0xEF || $0 == 0xBB || $0 == 0xBF || $0 <= 0x20 }).first
        guard let firstByte else {
            stage = .finished
            throw ParseError("document is empty")
        }
        if firstByte == UInt8(ascii: "{") {
            stage = .json(Array(buffer))
            return
        }
        let encoding = DocumentEncoding.detect(
            prefix: buffer, httpCharset: contentType.flatMap(ContentType.charset(of:)), warnings: &warnings)
        let pipeline = XMLPipeline(options: options, url: url, encoding: encoding, seen: seen, warnings: &warnings) {
            [unowned self] in self.deliver($0)
        }
        stage = .xml(pipeline)
        try pipeline.write(UnsafeRawBufferPointer(rebasing: buffer[encoding.byteOrderMarkLength...]), final: final)
    }
}

/// The XML path: bytes → UTF-8 → lexical repair → libxml2 push parser → element tree → reader.
private final class XMLPipeline {
    private let transcoder: UTF8Transcoder
    private let repair = XMLRepairFilter()
    private let builder: XMLTreeBuilder
    private var parser: XMLPushParser!
    private var reader: FeedDocumentReader?
    private var atomReader: AtomReader?
    /// Why the document cannot be a feed, once the root element has said so.
    private var rootError: ParseError?
    private let encoding: DocumentEncoding
    private let onEntry: (ParsedEntry) -> Void
    /// Markup hashes of entries not to read; nil when hashes are not wanted at all.
    private let seen: Set<UInt64>?
    private var markupHashes: [UInt64] = []
    private var skippedMarkupHashes: [UInt64] = []

    init(
        options: ParseOptions, url: String?, encoding: DocumentEncoding, seen: Set<UInt64>?, warnings: inout [String],
        onEntry: @escaping (ParsedEntry) -> Void
    ) {
        var encoding = encoding
        if let transcoder = UTF8Transcoder(encoding: encoding) {
            self.transcoder = transcoder
        } else {
            warnings.append("unknown character encoding '\(encoding.name)' (\(encoding.source.rawValue)); read as UTF-8")
            encoding = DocumentEncoding(name: DocumentEncoding.utf8Name, source: .assumed, byteOrderMarkLength: encoding.byteOrderMarkLength)
            self.transcoder = UTF8Transcoder(encoding: encoding)!
        }
        self.encoding = encoding
        self.onEntry = onEntry
        self.seen = seen
        builder = XMLTreeBuilder(maxDepth: options.maxDepth, documentURL: url)
        builder.onRoot = { [unowned self] root in self.chooseReader(for: root) }
        parser = XMLPushParser(builder: builder)
    }

    private func chooseReader(for root: XMLNode) {
        switch (root.namespace, root.name) {
        case ("", "rss"):
            reader = RSSReader(format: rssFormat(version: root.attribute("version")))
        case (Namespace.rdf, "RDF"):
            reader = RSSReader(format: .rss1)
        case (Namespace.atom, "feed"), ("", "feed"):
            let atom = AtomReader(format: .atom1, namespace: root.namespace)
            atom.root = root
            if root.namespace.isEmpty { atom.warnings.append("Atom feed without the Atom namespace; read as Atom 1.0") }
            reader = atom
        case (Namespace.atom03, "feed"):
            let atom = AtomReader(format: .atom03, namespace: Namespace.atom03)
            atom.root = root
            reader = atom
        default:
            let shown = root.namespace.isEmpty ? root.name : "\(root.name) in \(root.namespace)"
            let hint = root.name.lowercased() == "html" ? " (a web page, not a feed)" : ""
            rootError = ParseError("not a feed: the root element is <\(shown)>\(hint)")
            parser.stop()
            return
        }
        builder.isRecord = { [unowned self] node, depth in self.reader?.isRecord(node, depth: depth) ?? false }
        builder.onRecord = { [unowned self] node, mark in
            guard let reader = self.reader else { return }
            self.deliveredCount += 1
            if let seen = self.seen {
                let hash = node.arena.markupHash(since: mark, context: reader.recordContext)
                if seen.contains(hash) {
                    self.skippedMarkupHashes.append(hash)
                    return
                }
                self.markupHashes.append(hash)
            }
            self.onEntry(reader.entry(from: node))
        }
    }

    private func rssFormat(version: String?) -> FeedFormat {
        switch version?.trimmingXMLSpace() {
        case "0.91": return (repair.doctypePublicID ?? "").contains("Netscape") ? .rss091netscape : .rss091userland
        case "0.92": return .rss092
        case "0.93": return .rss093
        case "0.94": return .rss094
        default: return .rss2
        }
    }

    func write(_ chunk: UnsafeRawBufferPointer, final: Bool) throws(ParseError) {
        if let rootError { throw rootError }
        let parser = self.parser!
        let repair = self.repair
        try transcoder.write(chunk, final: final) { (utf8) throws(ParseError) in
            try repair.write(utf8, final: final) { repaired in parser.push(repaired) }
        }
        if final { parser.push(UnsafeRawBufferPointer(start: nil, count: 0), final: true) }
        if let rootError { throw rootError }
    }

    func finish() throws(ParseError) -> ParsedFeed {
        try write(UnsafeRawBufferPointer(start: nil, count: 0), final: true)
        let openElements = builder.finish()
        let diagnostics = parser.diagnostics
        let firstFatal = diagnostics.first(where: \.isFatal)
        guard let root = builder.root, let reader else {
            if let firstFatal { throw ParseError("not XML: \(firstFatal.message)", line: firstFatal.line) }
            throw ParseError("no root element")
        }
        let metadata = reader.metadata(from: root)
        var warnings: [String] = []
        let unreadable = transcoder.repairedByteCount + repair.invalidUTF8Count
        if unreadable > 0 {
            warnings.append("\(unreadable) bytes were not valid \(encoding.name); read as windows-1252 or U+FFFD")
        }
        warnings += repair.warnings
        warnings += diagnostics.map { diagnostic in
            // libxml2's push parser says "Extra content" when the input stops inside the root.
            if openElements > 0 && diagnostic.message.hasPrefix("Extra content at the end") {
                return "line \(diagnostic.line): the document ends with \(openElements) elements still open (truncated?)"
            }
            return "line \(diagnostic.line): \(diagnostic.message)"
        }
        if parser.diagnosticCount > diagnostics.count {
            warnings.append("and \(parser.diagnosticCount - diagnostics.count) more XML errors")
        }
        if builder.droppedTooDeep > 0 {
            warnings.append("dropped \(builder.droppedTooDeep) elements nested deeper than \(builder.maxDepth) levels (parse.max_depth)")
        }
        warnings += reader.warnings
        let readSomething = deliveredCount > 0 || metadata.title != nil
        if let firstFatal {
            if !readSomething { throw ParseError("malformed XML: \(firstFatal.message)", line: firstFatal.line) }
            warnings.append("document is not well-formed XML; kept what could be read")
        }
        if openElements > 0 && firstFatal == nil {
            warnings.append("document ended with \(openElements) elements still open (truncated?)")
        }
        var feed = ParsedFeed(metadata: metadata, entries: [], warnings: warnings)
        feed.markupHashes = markupHashes
        feed.skippedMarkupHashes = skippedMarkupHashes
        return feed
    }

    private var deliveredCount = 0
}
