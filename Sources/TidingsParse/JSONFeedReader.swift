import Foundation
import TidingsCore

/// Reads JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), including 1.1's `authors` and
/// `language` and 1.0's `author`.
final class JSONFeedReader: ReaderSupport {
    /// - Parameters:
    ///   - bytes: the whole document (JSON is not streamed; it is bounded by the size cap).
    ///   - url: the document's address, the base for relative URLs.
    func read(_ bytes: [UInt8], url: String?) throws(ParseError) -> ParsedFeed {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            throw ParseError("not a feed: malformed JSON (\(Self.reason(error)))")
        }
        guard let feed = object as? [String: Any] else { throw ParseError("not a feed: the JSON is not an object") }
        let version = feed["version"] as? String ?? ""
        guard version.contains("jsonfeed.org/version/") || feed["items"] is [Any] else {
            throw ParseError("not a feed: JSON without a JSON Feed version or items")
        }
        if !version.contains("jsonfeed.org/version/") { warnings.append("JSON Feed without a version; read as 1.1") }
        let format: FeedFormat = version.hasSuffix("/1") ? .jsonFeed10 : .jsonFeed11
        // RFC 3986: relative references resolve against the address the document was retrieved
        // from; the feed's own feed_url stands in only when that is unknown.
        let base = url ?? Self.string(feed["feed_url"])
        func link(_ value: Any?) -> String? {
            guard let text = Self.string(value) else { return nil }
            return URIReference.resolve(text, against: base)
        }
        var metadata = FeedMetadata(format: format)
        metadata.title = Self.string(feed["title"])
        metadata.link = link(feed["home_page_url"])
        metadata.selfLink = link(feed["feed_url"])
        metadata.description = Self.string(feed["description"])
        metadata.language = Self.string(feed["language"])
        metadata.image = link(feed["icon"]) ?? link(feed["favicon"])
        metadata.authors = people(feed, base: base)
        if let hubs = feed["hubs"] as? [[String: Any]] { metadata.hubLink = hubs.lazy.compactMap { link($0["url"]) }.first }

        var entries: [ParsedEntry] = []
        let items = feed["items"] as? [Any] ?? []
        for (index, value) in items.enumerated() {
            guard let item = value as? [String: Any] else {
                warnings.append("item \(index + 1) is not an object; skipped")
                continue
            }
            var entry = ParsedEntry()
            // 1.0 allowed numeric ids; they are strings from here on.
            if let id = item["id"] { entry.guid = (id as? String) ?? (id as? NSNumber)?.stringValue }
            entry.link = link(item["url"])
            entry.externalLink = link(item["external_url"])
            // JSON Feed titles are plain text: white space collapsed, nothing decoded.
            entry.title = Self.string(item["title"]).map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            if let html = Self.string(item["content_html"]) {
                entry.contentHTML = HTMLURLResolver.resolve(html, against: base)
            } else if let text = Self.string(item["content_text"]) {
                entry.contentHTML = HTMLText.html(fromPlainText: text)
            }
            entry.summaryHTML = Self.string(item["summary"]).map { HTMLText.escape($0) }
            entry.thumbnail = link(item["image"]) ?? link(item["banner_image"])
            entry.published = Self.string(item["date_published"]).flatMap { date($0, in: "item \(index + 1) date_published") }
            entry.updated = Self.string(item["date_modified"]).flatMap { date($0, in: "item \(index + 1) date_modified") }
            // As in Atom: without a publication date, the modification date stands in (`--since`
            // and the posting rate need one).
            entry.published = entry.published ?? entry.updated
            entry.authors = people(item, base: base)
            if entry.authors.isEmpty { entry.authors = metadata.authors }
            entry.author = entry.authors.first?.displayName
            for tag in item["tags"] as? [Any] ?? [] { appendUnique(tag as? String, to: &entry.categories) }
            entry.language = Self.string(item["language"]) ?? metadata.language
            for attachment in item["attachments"] as? [[String: Any]] ?? [] {
                guard let url = link(attachment["url"]) else { continue }
                let size = (attachment["size_in_bytes"] as? NSNumber)?.int64Value
                entry.enclosures.append(Enclosure(url: url, type: Self.string(attachment["mime_type"]), length: size))
                if entry.duration == nil { entry.duration = (attachment["duration_in_seconds"] as? NSNumber)?.intValue }
            }
            entries.append(entry)
        }
        return ParsedFeed(metadata: metadata, entries: entries, warnings: warnings)
    }

    /// 1.1's `authors`, else 1.0's `author`.
    private func people(_ object: [String: Any], base: String?) -> [Person] {
        var list = object["authors"] as? [[String: Any]] ?? []
        if list.isEmpty, let single = object["author"] as? [String: Any] { list = [single] }
        return list.compactMap { author in
            let person = Person(
                name: Self.string(author["name"]), uri: Self.string(author["url"]).map { URIReference.resolve($0, against: base) })
            return person.name == nil && person.uri == nil ? nil : person
        }
    }

    private static func string(_ value: Any?) -> String? {
        guard let text = (value as? String)?.trimmingXMLSpace(), !text.isEmpty else { return nil }
        return text
    }

    private static func reason(_ error: Error) -> String {
        let description = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        return description ?? error.localizedDescription
    }
}
