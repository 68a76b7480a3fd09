import Foundation
import TidingsCore

/// Reads RSS 2.0 (and its 0.9x ancestors without namespace) and RSS 1.0 (RDF) documents.
struct RSSFormatReader: FormatReader {
    let reader: XMLStreamReader
    let format: FeedFormat
    private var metadata: FeedMetadata
    private var entries: [ParsedEntry] = []
    var warnings: [String] = []

    init(reader: XMLStreamReader, format: FeedFormat) {
        self.reader = reader
        self.format = format
        self.metadata = FeedMetadata(format: format)
    }

    /// Reads from the root element (`rss` or `rdf:RDF`) to its end.
    consuming func read() -> ParsedFeed {
        reader.forEachChild { name in
            guard isRSS(name) else { return }
            switch name.local {
            case "channel": readChannel()
            // RSS 1.0 puts items beside the channel, not inside it.
            case "item": entries.append(readItem())
            default: reader.skip()
            }
        }
        return ParsedFeed(metadata: metadata, entries: entries, warnings: warnings)
    }

    private func isRSS(_ name: XMLStreamReader.Name) -> Bool {
        name.namespace.isEmpty || name.namespace == Namespace.rss1 || name.namespace == Namespace.rss090
    }

    private mutating func readChannel() {
        let channelLanguage = reader.language
        reader.forEachChild { name in
            switch (isRSS(name) ? "" : name.namespace, name.local) {
            case ("", "title"): metadata.title = reader.optionalText()
            case ("", "link"): metadata.link = link(reader.optionalText())
            case ("", "description"): metadata.description = reader.optionalText()
            case ("", "language"), (Namespace.dc, "language"): metadata.language = reader.optionalText()
            case ("", "lastBuildDate"), ("", "pubDate"), (Namespace.dc, "date"):
                let value = reader.text()
                if metadata.updated == nil { metadata.updated = date(value, in: "channel <\(name.local)>") }
            case ("", "item"): entries.append(readItem())
            default: reader.skip()
            }
        }
        if metadata.language == nil { metadata.language = channelLanguage }
    }

    private mutating func readItem() -> ParsedEntry {
        var entry = ParsedEntry()
        let about = reader.attribute("about", namespace: Namespace.rdf)
        var permalinkGuid: String?
        reader.forEachChild { name in
            switch (isRSS(name) ? "" : name.namespace, name.local) {
            case ("", "title"): entry.title = reader.optionalText()
            case ("", "link"): entry.link = link(reader.optionalText())
            case ("", "description"): entry.summaryHTML = reader.optionalText()
            case (Namespace.content, "encoded"): entry.contentHTML = reader.optionalText()
            case ("", "guid"):
                let isPermaLink = reader.attribute("isPermaLink")?.lowercased() != "false"
                entry.guid = reader.optionalText()
                if isPermaLink, let guid = entry.guid, guid.hasPrefix("http") { permalinkGuid = link(guid) }
            case ("", "pubDate"):
                entry.published = date(reader.text(), in: "item <pubDate>")
            case (Namespace.dc, "date"):
                let value = date(reader.text(), in: "item <dc:date>")
                if entry.published == nil { entry.published = value }
            case (Namespace.dcterms, "modified"):
                entry.updated = date(reader.text(), in: "item <dcterms:modified>")
            case ("", "author"), (Namespace.dc, "creator"):
                if entry.author == nil { entry.author = reader.optionalText() } else { reader.skip() }
            case ("", "category"), (Namespace.dc, "subject"):
                if let category = reader.optionalText(), !entry.categories.contains(category) {
                    entry.categories.append(category)
                }
            case ("", "enclosure"):
                if let url = reader.attribute("url"), !url.isEmpty {
                    entry.enclosures.append(
                        Enclosure(
                            url: link(url) ?? url, type: reader.attribute("type"),
                            length: reader.attribute("length").flatMap { Int64($0) }))
                }
                reader.skip()
            default: reader.skip()
            }
        }
        if entry.guid == nil { entry.guid = about }
        if entry.link == nil { entry.link = permalinkGuid ?? about.flatMap(link) }
        return entry
    }

    /// A link made absolute against the xml:base in force, then the document's URL.
    private func link(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return XMLStreamReader.resolve(value, against: reader.baseURI)
    }
}
