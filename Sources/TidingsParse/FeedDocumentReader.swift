import Foundation
import TidingsCore

/// What a format reader does with a document: says which elements are its entries, turns each into
/// a `ParsedEntry` as soon as it ends, and reads the feed's metadata from what is left at the end.
protocol FeedDocumentReader: AnyObject {
    /// Whether `node`, just started at `depth` (the root is 0), is an entry.
    func isRecord(_ node: XMLNode, depth: Int) -> Bool
    func entry(from record: XMLNode) -> ParsedEntry
    /// A hash of what, outside a record, the entry read from it depends on (part of its markup hash).
    var recordContext: UInt64 { get }
    /// The feed's metadata from the root, once the document has ended (entries removed).
    func metadata(from root: XMLNode) -> FeedMetadata
    var warnings: [String] { get }
}

/// Helpers every format reader shares: dates with warnings, links, people, HTML fields.
class ReaderSupport {
    var warnings: [String] = []
    private var dateWarnings = 0

    /// The date in `node`'s text; an unreadable one is nil and a warning naming where, never "now".
    func date(_ node: XMLNode?, in place: @autoclosure () -> String) -> Date? {
        guard let node else { return nil }
        return date(node.text, in: place())
    }

    func date(_ text: String, in place: @autoclosure () -> String) -> Date? {
        guard !text.isEmpty else { return nil }
        if let date = FeedDate.parse(text) { return date }
        dateWarnings += 1
        if dateWarnings <= 20 { warnings.append("unreadable date '\(text.prefix(80))' in \(place())") }
        return nil
    }

    /// A link made absolute against the xml:base in force at `node`, then the document's URL.
    func link(_ value: String?, at node: XMLNode) -> String? {
        guard let value = value?.trimmingXMLSpace(), !value.isEmpty else { return nil }
        return URIReference.resolve(value, against: node.base)
    }

    /// An element holding HTML (RSS description, content:encoded): its text, or, when a feed put
    /// raw markup in it without escaping, that markup; relative URLs inside made absolute.
    func html(_ node: XMLNode?) -> String? {
        guard let node else { return nil }
        if let range = node.leafTextRange {
            // The usual case: one run of text. Resolve URLs on the bytes and make one string.
            guard !range.isEmpty else { return nil }
            return HTMLURLResolver.string(fromHTML: node.arena.bytes[range], against: node.base)
        }
        let value = node.hasElementChildren ? node.innerMarkup.trimmingXMLSpace() : node.text
        guard !value.isEmpty else { return nil }
        return HTMLURLResolver.resolve(value, against: node.base)
    }

    /// A title-like element as plain text: markup dropped, entities decoded (feeds escape titles
    /// once or twice), white space collapsed.
    func plainText(_ node: XMLNode?) -> String? {
        guard let node else { return nil }
        let text = HTMLText.plain(fromHTML: node.hasElementChildren ? node.innerMarkup : node.text)
        return text.isEmpty ? nil : text
    }

    /// A feed-level Atom link (in Atom, or atom:link in RSS): the site, the feed itself, its hub.
    /// The first of each kind wins.
    func readFeedLink(_ node: XMLNode, into metadata: inout FeedMetadata) {
        let href = link(node.attribute("href"), at: node)
        switch node.attribute("rel") ?? "alternate" {
        case "alternate": metadata.link = metadata.link ?? href
        case "self": metadata.selfLink = metadata.selfLink ?? href
        case "hub": metadata.hubLink = metadata.hubLink ?? href
        default: break
        }
    }

    /// Appends `value` to `list` unless it is empty or already there.
    func appendUnique(_ value: String?, to list: inout [String]) {
        guard let value = value?.trimmingXMLSpace(), !value.isEmpty, !list.contains(value) else { return }
        list.append(value)
    }

    /// An RSS-style author: `jo@example.com (Jo Bloggs)`, `Jo Bloggs <jo@example.com>`, a name or an email.
    static func person(fromText text: String) -> Person? {
        let trimmed = text.trimmingXMLSpace()
        guard !trimmed.isEmpty else { return nil }
        if !trimmed.utf8.contains(where: { $0 == UInt8(ascii: "@") || $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: "<") }) {
            return Person(name: trimmed)
        }
        if let open = trimmed.firstIndex(of: "("), trimmed.hasSuffix(")") {
            let email = String(trimmed[..<open]).trimmingXMLSpace()
            let name = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]).trimmingXMLSpace()
            if email.contains("@") { return Person(name: name.isEmpty ? nil : name, email: email) }
        }
        if let open = trimmed.firstIndex(of: "<"), trimmed.hasSuffix(">") {
            let name = String(trimmed[..<open]).trimmingXMLSpace()
            let email = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]).trimmingXMLSpace()
            if email.contains("@") { return Person(name: name.isEmpty ? nil : name, email: email) }
        }
        if trimmed.contains("@") && !trimmed.contains(" ") { return Person(email: trimmed) }
        return Person(name: trimmed)
    }

    /// `1:02:03`, `62:03` or `3723` (iTunes durations) in seconds.
    static func seconds(fromDuration text: String) -> Int? {
        let parts = text.trimmingXMLSpace().split(separator: ":")
        guard !parts.isEmpty, parts.count <= 3 else { return nil }
        var total = 0.0
        for part in parts {
            guard let value = Double(part), value >= 0 else { return nil }
            total = total * 60 + value
        }
        return wholeNumber(total)
    }

    /// A non-negative integer, tolerating spaces and a fraction.
    static func integer(_ text: String?) -> Int? {
        guard let text = text?.trimmingXMLSpace(), !text.isEmpty else { return nil }
        if let value = Int(text) { return value }
        return Double(text).flatMap(wholeNumber)
    }

    /// `value` without its fraction, or nil when no Int holds it: a feed's "inf", "nan" or "1e300"
    /// had crashed the process (a Double out of Int's range traps when converted).
    static func wholeNumber(_ value: Double) -> Int? {
        Int(exactly: value.rounded(.towardZero))
    }

    func addEnclosure(_ enclosure: Enclosure, to entry: inout ParsedEntry) {
        if !entry.enclosures.contains(where: { $0.url == enclosure.url }) { entry.enclosures.append(enclosure) }
    }

    /// Media RSS (in RSS and in Atom): media:content (also inside media:group) is an enclosure; media:thumbnail the
    /// picture; media:description stands in for a missing description.
    func readMedia(_ node: XMLNode, into entry: inout ParsedEntry, description: inout String?) {
        switch node.name {
        case "group":
            for child in node.children where child.namespace == Namespace.media {
                readMedia(child, into: &entry, description: &description)
            }
        case "content":
            if let url = link(node.attribute("url"), at: node) {
                let type = node.attribute("type")
                addEnclosure(Enclosure(url: url, type: type, length: Self.length(node.attribute("fileSize"))), to: &entry)
                // An article's lead picture often comes only as an image media:content.
                if entry.thumbnail == nil, node.attribute("medium") == "image" || (type?.hasPrefix("image/") ?? false) {
                    entry.thumbnail = url
                }
            }
            for child in node.children where child.namespace == Namespace.media {
                readMedia(child, into: &entry, description: &description)
            }
        case "thumbnail":
            entry.thumbnail = entry.thumbnail ?? link(node.attribute("url"), at: node)
        case "description":
            guard description == nil, let text = node.nonEmptyText else { return }
            description = node.attribute("type") == "html" ? text : HTMLText.escape(text)
        default:
            break
        }
    }

    static func length(_ text: String?) -> Int64? {
        guard let text = text?.trimmingXMLSpace(), let value = Int64(text), value > 0 else { return nil }
        return value
    }
}
