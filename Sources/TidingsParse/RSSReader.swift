import Foundation
import TidingsCore

/// Reads RSS 0.90 through 2.0 and RSS 1.0 (RDF), with the namespaces RSS feeds lean on: content,
/// Dublin Core, atom:link, Media RSS, iTunes, syndication, slash and FeedBurner.
final class RSSReader: ReaderSupport, FeedDocumentReader {
    private var format: FeedFormat
    private let isRDF: Bool

    init(format: FeedFormat) {
        self.format = format
        self.isRDF = format == .rss1 || format == .rss090
    }

    /// RSS elements come without a namespace (0.9x, 2.0) or in RSS 1.0's or 0.90's.
    private func isRSS(_ namespace: String) -> Bool {
        namespace.isEmpty || namespace == Namespace.rss1 || namespace == Namespace.rss090
    }

    /// An RSS item is read from itself alone; only RSS 1.0's rdf:about is read differently.
    var recordContext: UInt64 { isRDF ? 1 : 0 }

    func isRecord(_ node: XMLNode, depth: Int) -> Bool {
        guard node.name == "item", isRSS(node.namespace), depth <= 2 else { return false }
        if node.namespace == Namespace.rss090 { format = .rss090 }
        return true
    }

    func metadata(from root: XMLNode) -> FeedMetadata {
        var metadata = FeedMetadata(format: format)
        guard let channel = root.children.first(where: { $0.name == "channel" && isRSS($0.namespace) }) else {
            warnings.append("no <channel> element")
            return metadata
        }
        var authors: [Person] = []
        for child in channel.children {
            switch (isRSS(child.namespace) ? "" : child.namespace, child.name) {
            case ("", "title"): metadata.title = metadata.title ?? plainText(child)
            case ("", "link"): metadata.link = metadata.link ?? link(child.text, at: child)
            case ("", "description"), (Namespace.itunes, "summary"), (Namespace.itunes, "subtitle"):
                metadata.description = metadata.description ?? plainText(child)
            case ("", "language"), (Namespace.dc, "language"): metadata.language = metadata.language ?? child.nonEmptyText
            case ("", "lastBuildDate"), ("", "pubDate"), (Namespace.dc, "date"), (Namespace.dcterms, "modified"):
                if metadata.updated == nil { metadata.updated = date(child, in: "channel <\(child.name)>") }
            case ("", "ttl"):
                // Minutes; a number too big to be seconds (it had overflowed and crashed) says nothing.
                metadata.timeToLive = Self.integer(child.text).flatMap { minutes in
                    let (seconds, overflow) = minutes.multipliedReportingOverflow(by: 60)
                    return overflow ? nil : seconds
                }
            case ("", "image"):
                metadata.image = metadata.image ?? link(child.child(child.namespace, "url")?.text ?? child.attribute("resource", namespace: Namespace.rdf), at: child)
            case (Namespace.itunes, "image"):
                metadata.image = metadata.image ?? link(child.attribute("href") ?? child.text, at: child)
            case (Namespace.atom, "link"):
                readFeedLink(child, into: &metadata)
            case ("", "managingEditor"), (Namespace.dc, "creator"), (Namespace.itunes, "author"):
                if let person = Self.person(fromText: child.text), !authors.contains(person) { authors.append(person) }
            case (Namespace.syndication, _):
                break
            default:
                break
            }
        }
        metadata.authors = authors
        metadata.updateInterval = Self.syndicationInterval(channel)
        if metadata.language == nil { metadata.language = channel.language ?? root.language }
        if isRDF, metadata.image == nil, let image = root.child(format == .rss090 ? Namespace.rss090 : Namespace.rss1, "image") {
            metadata.image = link(image.child(image.namespace, "url")?.text, at: image)
        }
        return metadata
    }

    /// sy:updatePeriod and sy:updateFrequency as seconds between updates.
    private static func syndicationInterval(_ channel: XMLNode) -> Int? {
        guard let period = channel.child(Namespace.syndication, "updatePeriod")?.text.lowercased() else { return nil }
        let seconds: Int
        switch period {
        case "hourly": seconds = 3600
        case "daily": seconds = 86_400
        case "weekly": seconds = 7 * 86_400
        case "monthly": seconds = 30 * 86_400
        case "yearly": seconds = 365 * 86_400
        default: return nil
        }
        let frequency = integer(channel.child(Namespace.syndication, "updateFrequency")?.text) ?? 1
        return seconds / max(1, frequency)
    }

    /// RSS item fields that hold text only: one of them found inside another means the outer one
    /// was never closed (`<title>A<link>…`), and it belongs beside it.
    private static let textFields: Set<String> = [
        "title", "link", "description", "guid", "pubDate", "author", "category", "comments", "enclosure", "source",
    ]

    /// The item's children, with fields that an unclosed text field swallowed taken back out.
    private func fields(of item: XMLNode) -> [XMLNode] {
        var result: [XMLNode] = []
        for child in item.children {
            result.append(child)
            guard child.hasElementChildren, isRSS(child.namespace), Self.textFields.contains(child.name) else { continue }
            let swallowed = child.children.filter { isRSS($0.namespace) && Self.textFields.contains($0.name) }
            if !swallowed.isEmpty {
                warnings.append("<\(child.name)> in an item was not closed before <\(swallowed[0].name)>; read them as siblings")
                result += fields(ofSwallowed: swallowed)
            }
        }
        return result
    }

    private func fields(ofSwallowed nodes: [XMLNode]) -> [XMLNode] {
        var result: [XMLNode] = []
        for node in nodes {
            result.append(node)
            let inner = node.children.filter { isRSS($0.namespace) && Self.textFields.contains($0.name) }
            result += fields(ofSwallowed: inner)
        }
        return result
    }

    /// A text field's own text, without the fields it swallowed when left unclosed.
    private func ownText(_ node: XMLNode) -> XMLNode {
        guard node.hasElementChildren, node.children.contains(where: { isRSS($0.namespace) && Self.textFields.contains($0.name) }) else { return node }
        return node.prefix { item in
            if case .element(let child) = item { return !(isRSS(child.namespace) && Self.textFields.contains(child.name)) }
            return true
        }
    }

    func entry(from item: XMLNode) -> ParsedEntry {
        var entry = ParsedEntry()
        var permalinkGuid: String?
        var mediaDescription: String?
        var itunesSummary: String?
        var authors: [Person] = []
        for field in fields(of: item) {
            let child = ownText(field)
            switch (isRSS(child.namespace) ? "" : child.namespace, child.name) {
            case ("", "title"), (Namespace.dc, "title"):
                entry.title = entry.title ?? plainText(child)
            case ("", "link"):
                entry.link = entry.link ?? link(child.text, at: child)
            case (Namespace.atom, "link"):
                let rel = child.attribute("rel") ?? "alternate"
                if rel == "alternate" { entry.link = entry.link ?? link(child.attribute("href"), at: child) }
                if rel == "enclosure", let url = link(child.attribute("href"), at: child) {
                    addEnclosure(Enclosure(url: url, type: child.attribute("type"), length: Self.length(child.attribute("length"))), to: &entry)
                }
            case ("", "description"):
                entry.summaryHTML = entry.summaryHTML ?? html(child)
            case (Namespace.content, "encoded"):
                entry.contentHTML = entry.contentHTML ?? html(child)
            case ("", "guid"):
                guard let guid = child.nonEmptyText else { break }
                entry.guid = guid
                let isPermaLink = child.attribute("isPermaLink")?.trimmingXMLSpace().lowercased() != "false"
                if isPermaLink, guid.lowercased().hasPrefix("http") { permalinkGuid = link(guid, at: child) }
            case ("", "pubDate"), (Namespace.dc, "date"), (Namespace.dcterms, "issued"), (Namespace.dcterms, "created"):
                if entry.published == nil { entry.published = date(child, in: "item <\(child.name)>") }
            case (Namespace.dcterms, "modified"), (Namespace.atom, "updated"):
                if entry.updated == nil { entry.updated = date(child, in: "item <\(child.name)>") }
            case ("", "author"), (Namespace.dc, "creator"), (Namespace.itunes, "author"), (Namespace.dc, "contributor"):
                if let person = Self.person(fromText: child.text), !authors.contains(person) {
                    if child.name == "contributor" { entry.contributors.append(person) } else { authors.append(person) }
                }
            case ("", "category"), (Namespace.dc, "subject"):
                appendUnique(child.text, to: &entry.categories)
            case (Namespace.itunes, "keywords"), (Namespace.media, "keywords"):
                for keyword in child.text.split(separator: ",") { appendUnique(String(keyword), to: &entry.categories) }
            case ("", "enclosure"):
                if let url = link(child.attribute("url"), at: child) {
                    addEnclosure(Enclosure(url: url, type: child.attribute("type"), length: Self.length(child.attribute("length"))), to: &entry)
                }
            case (Namespace.media, "content"), (Namespace.media, "group"), (Namespace.media, "thumbnail"), (Namespace.media, "description"):
                readMedia(child, into: &entry, description: &mediaDescription)
            case (Namespace.itunes, "image"):
                entry.thumbnail = entry.thumbnail ?? link(child.attribute("href") ?? child.text, at: child)
            case (Namespace.itunes, "duration"):
                entry.duration = Self.seconds(fromDuration: child.text)
            case (Namespace.itunes, "episode"):
                entry.episode = Self.integer(child.text)
            case (Namespace.itunes, "summary"), (Namespace.itunes, "subtitle"):
                itunesSummary = itunesSummary ?? child.nonEmptyText
            case ("", "comments"):
                entry.commentsLink = link(child.text, at: child)
            case (Namespace.slash, "comments"):
                entry.commentCount = Self.integer(child.text)
            case (Namespace.feedburner, "origLink"):
                entry.originalLink = link(child.text, at: child)
            case ("", "source"):
                entry.source = EntrySource(title: child.nonEmptyText, link: link(child.attribute("url"), at: child))
            default:
                break
            }
        }
        entry.authors = authors
        entry.author = authors.first?.displayName
        if isRDF, let about = item.attribute("about", namespace: Namespace.rdf) {
            entry.guid = entry.guid ?? about
            entry.link = entry.link ?? link(about, at: item)
        }
        entry.link = entry.link ?? permalinkGuid ?? entry.originalLink
        if entry.summaryHTML == nil {
            entry.summaryHTML = (mediaDescription ?? itunesSummary).map { HTMLURLResolver.resolve($0, against: item.base) }
        }
        entry.language = item.language
        return entry
    }
}
