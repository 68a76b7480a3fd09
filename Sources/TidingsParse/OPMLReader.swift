import Foundation

/// One feed listed in an OPML subscription list.
public struct OPMLOutline: Sendable, Hashable {
    public var title: String?
    /// The feed's address, made absolute against the OPML document's URL.
    public var feedURL: String
    public var siteURL: String?
    /// Tidings' own settings for the feed, kept in its namespace (`tidings:fullText`,
    /// `tidings:interval`) so that a list exported from one Tidings imports whole into another.
    public var fullText: Bool = false
    public var intervalSeconds: Int?

    /// The namespace of Tidings' own outline attributes.
    public static let tidingsNamespace = "https://github.com/tidings-rss/tidings/opml"
}

/// Reads OPML subscription lists (`tidings import`): every `outline` with an `xmlUrl`, at any depth
/// (folders are flattened). It shares the feed parser's lenient, safe XML path.
public enum OPMLReader {
    /// - Parameters:
    ///   - bytes: the OPML document.
    ///   - url: the document's own address, the base for relative feed URLs.
    /// - Throws: `ParseError` when the document is not OPML.
    public static func outlines(in bytes: [UInt8], url: String? = nil) throws(ParseError) -> [OPMLOutline] {
        let builder = XMLTreeBuilder(maxDepth: 100, documentURL: url)
        var outlines: [OPMLOutline] = []
        var rootName: String?
        builder.onRoot = { rootName = $0.name }
        builder.isRecord = { node, _ in node.name == "outline" }
        builder.onRecord = { node, _ in
            guard let feedURL = (node.attribute("xmlUrl") ?? node.attribute("xmlurl"))?.trimmingXMLSpace(), !feedURL.isEmpty else { return }
            let title = node.attribute("title") ?? node.attribute("text")
            outlines.append(
                OPMLOutline(
                    title: title.flatMap { $0.isEmpty ? nil : $0 }, feedURL: URIReference.resolve(feedURL, against: node.base),
                    siteURL: node.attribute("htmlUrl"),
                    fullText: node.attribute("fullText", namespace: OPMLOutline.tidingsNamespace) == "true",
                    intervalSeconds: node.attribute("interval", namespace: OPMLOutline.tidingsNamespace)
                        .flatMap { Int($0.trimmingXMLSpace()) }.flatMap { $0 > 0 ? $0 : nil }))
        }
        guard let parser = XMLPushParser(builder: builder), let transcoder = UTF8Transcoder(encoding: .init(name: "UTF-8", source: .assumed, byteOrderMarkLength: 0)) else {
            throw ParseError("libxml2 could not start a parser")
        }
        let repair = XMLRepairFilter()
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        try body.withBytes { (buffer) throws(ParseError) in
            try transcoder.write(buffer, final: true) { (utf8) throws(ParseError) in
                try repair.write(utf8, final: true) { parser.push($0) }
            }
        }
        parser.push(UnsafeRawBufferPointer(start: nil, count: 0), final: true)
        builder.finish()
        guard let rootName else {
            if let fatal = parser.diagnostics.first(where: \.isFatal) { throw ParseError("not XML: \(fatal.message)", line: fatal.line) }
            throw ParseError("document is empty")
        }
        guard rootName.lowercased() == "opml" else { throw ParseError("not OPML: the root element is <\(rootName)>") }
        if outlines.isEmpty, let fatal = parser.diagnostics.first(where: \.isFatal) {
            throw ParseError("malformed XML: \(fatal.message)", line: fatal.line)
        }
        return outlines
    }
}
