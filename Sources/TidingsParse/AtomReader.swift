import Foundation
import TidingsCore

/// Reads Atom 1.0 and Atom 0.3: text constructs (text, html, xhtml; 0.3's escaped and base64
/// modes), links by rel, person constructs, source, and Media RSS inside entries.
final class AtomReader: ReaderSupport, FeedDocumentReader {
    private let format: FeedFormat
    /// The namespace key the document's Atom elements are in.
    private let namespace: String
    /// The feed element, as far as it has been read: entries fall back to its authors.
    var root: XMLNode?

    init(format: FeedFormat, namespace: String) {
        self.format = format
        self.namespace = namespace
    }

    func isRecord(_ node: XMLNode, depth: Int) -> Bool {
        depth == 1 && node.name == "entry" && node.namespace == namespace
    }

    func metadata(from root: XMLNode) -> FeedMetadata {
        var metadata = FeedMetadata(format: format)
        metadata.language = root.language
        for child in root.children {
            if child.namespace == Namespace.media || child.namespace == Namespace.itunes {
                if child.name == "thumbnail" || child.name == "image" {
                    metadata.image = metadata.image ?? link(child.attribute("url") ?? child.attribute("href"), at: child)
                }
                continue
            }
            guard child.namespace == namespace else { continue }
            switch child.name {
            case "title": metadata.title = metadata.title ?? plainText(textConstruct(child))
            case "subtitle", "tagline": metadata.description = metadata.description ?? plainText(textConstruct(child))
            case "link":
                readFeedLink(child, into: &metadata)
            case "updated", "modified":
                if metadata.updated == nil { metadata.updated = date(child, in: "feed <\(child.name)>") }
            case "author":
                if let person = person(child) { metadata.authors.append(person) }
            case "logo", "icon":
                // The logo is the bigger picture; take it over the icon.
                if child.name == "logo" || metadata.image == nil { metadata.image = link(child.text, at: child) ?? metadata.image }
            default:
                break
            }
        }
        return metadata
    }

    func entry(from node: XMLNode) -> ParsedEntry {
        var entry = ParsedEntry()
        var authors: [Person] = []
        var contentSource: String?
        var mediaDescription: String?
        var alternates: [(href: String, type: String?)] = []
        for child in node.children {
            if child.namespace == Namespace.media {
                readMedia(child, into: &entry, description: &mediaDescription)
                continue
            }
            if child.namespace == Namespace.feedburner && child.name == "origLink" {
                entry.originalLink = link(child.text, at: child)
                continue
            }
            if child.namespace == Namespace.dc {
                switch child.name {
                case "subject": appendUnique(child.text, to: &entry.categories)
                case "creator": if let person = Self.person(fromText: child.text) { authors.append(person) }
                case "date": if entry.published == nil { entry.published = date(child, in: "entry <dc:date>") }
                default: break
                }
                continue
            }
            guard child.namespace == namespace else { continue }
            switch child.name {
            case "id":
                entry.guid = child.nonEmptyText
            case "title":
                entry.title = plainText(textConstruct(child))
            case "link":
                guard let href = link(child.attribute("href"), at: child) else { break }
                switch child.attribute("rel")?.trimmingXMLSpace() ?? "alternate" {
                case "alternate", "http://www.iana.org/assignments/relation/alternate":
                    alternates.append((href, child.attribute("type")?.lowercased()))
                case "enclosure":
                    entry.enclosures.append(
                        Enclosure(url: href, type: child.attribute("type"), length: child.attribute("length").flatMap { Int64($0.trimmingXMLSpace()) }))
                case "replies":
                    entry.commentsLink = entry.commentsLink ?? href
                case "related":
                    if !entry.relatedLinks.contains(href) { entry.relatedLinks.append(href) }
                default:
                    break
                }
            case "published", "issued", "created":
                if entry.published == nil || child.name == "published" {
                    entry.published = date(child, in: "entry <\(child.name)>") ?? entry.published
                }
            case "updated", "modified":
                if entry.updated == nil || child.name == "updated" { entry.updated = date(child, in: "entry <\(child.name)>") ?? entry.updated }
            case "author":
                if let person = person(child) { authors.append(person) }
            case "contributor":
                if let person = person(child) { entry.contributors.append(person) }
            case "summary":
                entry.summaryHTML = textConstruct(child)
            case "content":
                if let source = child.attribute("src") {
                    contentSource = link(source, at: child)
                } else {
                    entry.contentHTML = textConstruct(child)
                }
            case "category":
                appendUnique(child.attribute("term") ?? child.attribute("label"), to: &entry.categories)
            case "source":
                entry.source = source(child)
                if authors.isEmpty, let sourceAuthor = child.child(namespace, "author").flatMap(person) { authors.append(sourceAuthor) }
            default:
                break
            }
        }
        if authors.isEmpty {
            // A feed-level author speaks for every entry that names none (RFC 4287, 4.2.1).
            authors = feedAuthors()
        }
        entry.authors = authors
        entry.author = authors.first?.displayName
        // Prefer the HTML page when several alternates are given.
        entry.link = (alternates.first { $0.type?.contains("html") ?? false } ?? alternates.first)?.href
        entry.link = entry.link ?? contentSource ?? entry.originalLink
        if entry.summaryHTML == nil, let mediaDescription { entry.summaryHTML = mediaDescription }
        // Atom requires updated; published is optional. Either stands in for the other.
        if entry.published == nil { entry.published = entry.updated }
        entry.language = node.language
        return entry
    }

    /// The feed's own authors and their hash, read again only when the feed element has gained
    /// content since.
    private var cachedFeedAuthors: (version: Int, authors: [Person], hash: UInt64) = (-2, [], 0)

    private func currentFeedAuthors() -> (authors: [Person], hash: UInt64) {
        guard let root else { return ([], 0) }
        if cachedFeedAuthors.version != root.contentVersion {
            let authors = root.children.filter { $0.is(namespace, "author") }.compactMap(person)
            let fields = authors.flatMap { [$0.name ?? "", $0.email ?? "", $0.uri ?? ""] }
            cachedFeedAuthors = (root.contentVersion, authors, ChangeHash.value(of: ([namespace] + fields).joined(separator: "\u{1F}")))
        }
        return (cachedFeedAuthors.authors, cachedFeedAuthors.hash)
    }

    private func feedAuthors() -> [Person] { currentFeedAuthors().authors }

    /// Entries without authors of their own take the feed's.
    var recordContext: UInt64 { currentFeedAuthors().hash }

    /// An Atom text construct as HTML: text is escaped, html is taken as it is, xhtml keeps its
    /// markup without the wrapping div; Atom 0.3's escaped and base64 modes are undone.
    private func textConstruct(_ node: XMLNode) -> String? {
        let type = (node.attribute("type") ?? "text").trimmingXMLSpace().lowercased()
        let mode = node.attribute("mode")?.trimmingXMLSpace().lowercased()
        var value: String
        if type == "xhtml" || type.hasSuffix("xhtml+xml") || (mode == "xml" && node.hasElementChildren) || (mode == nil && node.hasElementChildren) {
            let divs = node.children
            if divs.count == 1, divs[0].name == "div", node.text == divs[0].text {
                value = divs[0].innerMarkup.trimmingXMLSpace()
            } else {
                value = node.innerMarkup.trimmingXMLSpace()
            }
        } else if mode == "base64" {
            let decoded = Data(base64Encoded: node.text, options: .ignoreUnknownCharacters).map { String(decoding: $0, as: UTF8.self) } ?? ""
            value = type.contains("html") ? decoded : HTMLText.escape(decoded)
        } else if type == "html" || type.contains("html") || mode == "escaped" {
            // The usual case: one run of escaped HTML. Resolve URLs on the bytes, one string.
            if let range = node.leafTextRange {
                guard !range.isEmpty else { return nil }
                return HTMLURLResolver.string(fromHTML: node.arena.bytes[range], against: node.base)
            }
            value = node.text
        } else {
            // Text: blank lines part paragraphs (they had run together into one); a single
            // paragraph stays as it was, escaped.
            let text = node.text
            value = text.contains("\n\n") || text.contains("\r\n\r\n") ? HTMLText.html(fromPlainText: text) : HTMLText.escape(text)
        }
        guard !value.isEmpty else { return nil }
        value = HTMLURLResolver.resolve(value, against: node.base)
        return value
    }

    private func plainText(_ html: String?) -> String? {
        guard let html else { return nil }
        let text = HTMLText.plain(fromHTML: html)
        return text.isEmpty ? nil : text
    }

    /// An Atom person construct: name, email, uri.
    private func person(_ node: XMLNode) -> Person? {
        var person = Person()
        for child in node.children {
            switch child.name {
            case "name": person.name = child.nonEmptyText
            case "email": person.email = child.nonEmptyText
            case "uri", "url": person.uri = link(child.text, at: child)
            default: break
            }
        }
        if person.name == nil && person.email == nil && person.uri == nil {
            // Some feeds write the name as the author element's own text.
            return Self.person(fromText: node.text)
        }
        return person
    }

    private func source(_ node: XMLNode) -> EntrySource {
        var source = EntrySource()
        for child in node.children where child.namespace == namespace {
            switch child.name {
            case "title": source.title = plainText(textConstruct(child))
            case "id": source.id = child.nonEmptyText
            case "link":
                if (child.attribute("rel") ?? "alternate") == "alternate" { source.link = source.link ?? link(child.attribute("href"), at: child) }
            default: break
            }
        }
        return source
    }
}
