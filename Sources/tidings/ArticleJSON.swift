import Foundation
import TidingsCore

/// The JSON contracts of `dump` and `parse` (documented in docs/json.md). Fields are only ever added.
enum ArticleJSON {
    static func date(_ date: Date?) -> JSONValue {
        guard let date else { return .null }
        return .string(Timestamp.string(from: date))
    }

    static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }

    static func enclosures(_ enclosures: [Enclosure]) -> JSONValue {
        var values: [JSONValue] = []
        for enclosure in enclosures {
            var members: [(String, JSONValue)] = []
            members.append(("url", .string(enclosure.url)))
            members.append(("type", .optional(enclosure.type)))
            members.append(("length", .optional(enclosure.length)))
            values.append(.object(members))
        }
        return .array(values)
    }

    /// One line of `tidings dump`.
    static func dump(_ stored: StoredArticle) -> JSONValue {
        let article = stored.article
        var feed: [(String, JSONValue)] = []
        feed.append(("id", .int(stored.feedID)))
        feed.append(("url", .string(stored.feedURL)))
        feed.append(("title", .optional(stored.feedTitle)))
        var members: [(String, JSONValue)] = []
        members.append(("id", .int(stored.id)))
        members.append(("feed", .object(feed)))
        members.append(("guid", .optional(article.guid)))
        members.append(("url", .optional(article.url)))
        members.append(("title", .optional(article.title)))
        members.append(("author", .optional(article.author)))
        members.append(("published", date(article.published)))
        members.append(("updated", date(article.updated)))
        members.append(("fetched", date(stored.fetched)))
        members.append(("summary", .optional(article.summary)))
        members.append(("content_text", .string(article.contentText)))
        members.append(("content_html", .optional(article.contentHTML)))
        members.append(("categories", strings(article.categories)))
        members.append(("enclosures", enclosures(article.enclosures)))
        members.append(("duplicate_of", .optional(stored.duplicateOf)))
        return .object(members)
    }

    /// The whole of `tidings parse`.
    static func parse(_ parsed: ParsedFeed, contentText: (ParsedEntry) -> String) -> JSONValue {
        let metadata = parsed.metadata
        var feed: [(String, JSONValue)] = []
        feed.append(("title", .optional(metadata.title)))
        feed.append(("link", .optional(metadata.link)))
        feed.append(("description", .optional(metadata.description)))
        feed.append(("language", .optional(metadata.language)))
        feed.append(("updated", date(metadata.updated)))
        feed.append(("format", .string(metadata.format.rawValue)))
        var entries: [JSONValue] = []
        for entry in parsed.entries {
            var members: [(String, JSONValue)] = []
            members.append(("guid", .optional(entry.guid)))
            members.append(("link", .optional(entry.link)))
            members.append(("title", .optional(entry.title)))
            members.append(("author", .optional(entry.author)))
            members.append(("published", date(entry.published)))
            members.append(("updated", date(entry.updated)))
            members.append(("summary", .optional(entry.summaryHTML)))
            members.append(("content_html", .optional(entry.contentHTML)))
            members.append(("content_text", .string(contentText(entry))))
            members.append(("categories", strings(entry.categories)))
            members.append(("enclosures", enclosures(entry.enclosures)))
            entries.append(.object(members))
        }
        var document: [(String, JSONValue)] = []
        document.append(("feed", .object(feed)))
        document.append(("entries", .array(entries)))
        document.append(("warnings", strings(parsed.warnings)))
        return .object(document)
    }
}
