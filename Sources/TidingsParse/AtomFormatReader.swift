import Foundation
import TidingsCore

/// Reads Atom 1.0 and Atom 0.3 documents.
struct AtomFormatReader: FormatReader {
    let reader: XMLStreamReader
    let format: FeedFormat
    private let namespace: String
    private var metadata: FeedMetadata
    private var entries: [ParsedEntry] = []
    var warnings: [String] = []

    init(reader: XMLStreamReader, format: FeedFormat) {
        self.reader = reader
        self.format = format
        self.namespace = format == .atom03 ? Namespace.atom03 : Namespace.atom
        self.metadata = FeedMetadata(format: format)
    }

    /// Reads from the root `feed` element to its end.
    consuming func read() -> ParsedFeed {
        metadata.language = reader.language
        var feedAuthor: String?
        reader.forEachChild { name in
            guard name.namespace == namespace else { return }
            switch name.local {
            case "title": metadata.title = plainText(readTextConstruct())
            case "subtitle", "tagline": metadata.description = plainText(readTextConstruct())
            case "link":
                let (rel, href) = readLink()
                if rel == "alternate", metadata.link == nil { metadata.link = href }
            case "updated", "modified": metadata.updated = date(reader.text(), in: "feed <\(name.local)>")
            case "author": feedAuthor = readPerson()
            case "entry": entries.append(readEntry())
            default: reader.skip()
            }
        }
        if let feedAuthor {
            // A feed-level author speaks for every entry that names none.
            for index in entries.indices where entries[index].author == nil { entries[index].author = feedAuthor }
        }
        return ParsedFeed(metadata: metadata, entries: entries, warnings: warnings)
    }

    private mutating func readEntry() -> ParsedEntry {
        var entry = ParsedEntry()
        reader.forEachChild { name in
            guard name.namespace == namespace else { return }
            switch name.local {
            case "id": entry.guid = reader.optionalText()
            case "title": entry.title = plainText(readTextConstruct())
            case "link":
                let type = reader.attribute("type")
                let length = reader.attribute("length").flatMap { Int64($0) }
                let (rel, href) = readLink()
                guard let href else { break }
                if rel == "alternate", entry.link == nil { entry.link = href }
                if rel == "enclosure" { entry.enclosures.append(Enclosure(url: href, type: type, length: length)) }
            case "published", "issued", "created":
                let value = date(reader.text(), in: "entry <\(name.local)>")
                if entry.published == nil { entry.published = value }
            case "updated", "modified": entry.updated = date(reader.text(), in: "entry <\(name.local)>")
            case "author": entry.author = entry.author ?? readPerson()
            case "summary": entry.summaryHTML = readTextConstruct().html
            case "content": entry.contentHTML = readTextConstruct().html
            case "category":
                if let term = reader.attribute("term") ?? reader.attribute("label"), !term.isEmpty,
                    !entry.categories.contains(term)
                {
                    entry.categories.append(term)
                }
                reader.skip()
            default: reader.skip()
            }
        }
        // Atom requires updated; published is optional. Either stands in for the other.
        if entry.published == nil { entry.published = entry.updated }
        return entry
    }

    /// An Atom text construct as HTML (text is escaped, xhtml keeps its markup) and whether it was markup.
    private func readTextConstruct() -> (html: String?, isMarkup: Bool) {
        let type = (reader.attribute("type") ?? reader.attribute("mode") ?? "text").lowercased()
        if type == "xhtml" {
            let inner = unwrapXHTMLDiv(reader.innerXML())
            reader.skip()
            return (inner.isEmpty ? nil : inner, true)
        }
        guard let value = reader.optionalText() else { return (nil, false) }
        if type.contains("html") || type == "escaped" { return (value, true) }
        return (HTMLText.escape(value), false)
    }

    /// Atom xhtml content is wrapped in one xhtml:div that is not part of the content.
    private func unwrapXHTMLDiv(_ xml: String) -> String {
        let trimmed = xml.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("<div"), trimmed.hasSuffix("</div>"),
            let open = trimmed.firstIndex(of: ">")
        else { return trimmed }
        let start = trimmed.index(after: open)
        let end = trimmed.index(trimmed.endIndex, offsetBy: -6)
        return start <= end ? String(trimmed[start..<end]).trimmingCharacters(in: .whitespacesAndNewlines) : ""
    }

    private func plainText(_ construct: (html: String?, isMarkup: Bool)) -> String? {
        guard let html = construct.html else { return nil }
        let text = HTMLText.plain(fromHTML: html)
        return text.isEmpty ? nil : text
    }

    private func readLink() -> (rel: String, href: String?) {
        let rel = reader.attribute("rel") ?? "alternate"
        let href = reader.attribute("href").flatMap { $0.isEmpty ? nil : XMLStreamReader.resolve($0, against: reader.baseURI) }
        reader.skip()
        return (rel, href)
    }

    /// An author's name (else their email).
    private func readPerson() -> String? {
        var name: String?
        var email: String?
        reader.forEachChild { child in
            switch child.local {
            case "name": name = reader.optionalText()
            case "email": email = reader.optionalText()
            default: reader.skip()
            }
        }
        return name ?? email
    }
}
