import Foundation

/// One feed listed in an OPML subscription list.
public struct OPMLOutline: Sendable, Hashable {
    public var title: String?
    /// The feed's address, made absolute against the OPML document's URL.
    public var feedURL: String
    public var siteURL: String?
}

/// Reads OPML subscription lists (`tidings import`): every `outline` with an `xmlUrl`, at any depth
/// (folders are flattened).
public enum OPMLReader {
    /// - Parameters:
    ///   - bytes: the OPML document.
    ///   - url: the document's own address, the base for relative feed URLs.
    /// - Throws: `ParseError` when the document is not OPML.
    public static func outlines(in bytes: [UInt8], url: String? = nil) throws(ParseError) -> [OPMLOutline] {
        let result: Result<[OPMLOutline], ParseError> = bytes.withUnsafeBytes { buffer in
            guard let reader = XMLStreamReader(bytes: buffer, url: url) else {
                return .failure(ParseError("libxml2 could not open the document"))
            }
            var outlines: [OPMLOutline] = []
            var sawRoot = false
            while reader.read() {
                guard reader.kind == .element else { continue }
                if !sawRoot {
                    sawRoot = true
                    guard reader.localName.lowercased() == "opml" else {
                        return .failure(ParseError("not OPML: the root element is <\(reader.localName)>", line: reader.line))
                    }
                    continue
                }
                guard reader.localName == "outline", let feedURL = reader.attribute("xmlUrl") ?? reader.attribute("xmlurl"),
                    !feedURL.trimmingCharacters(in: .whitespaces).isEmpty
                else { continue }
                let title = reader.attribute("title") ?? reader.attribute("text")
                outlines.append(
                    OPMLOutline(
                        title: title.flatMap { $0.isEmpty ? nil : $0 },
                        feedURL: XMLStreamReader.resolve(feedURL.trimmingCharacters(in: .whitespaces), against: reader.baseURI),
                        siteURL: reader.attribute("htmlUrl")))
            }
            if let fatal = reader.diagnostics.first(where: \.isFatal) {
                if !sawRoot || outlines.isEmpty {
                    return .failure(ParseError("malformed XML: \(fatal.message)", line: fatal.line))
                }
            }
            if !sawRoot { return .failure(ParseError("document is empty")) }
            return .success(outlines)
        }
        return try result.get()
    }
}
