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
        members.append(("change", .int(stored.change)))
        members.append(("edited", .bool(stored.isEdited)))
        return .object(members)
    }

    /// The whole of `tidings parse`.
    static func people(_ people: [Person]) -> JSONValue {
        .array(
            people.map { person in
                var members: [(String, JSONValue)] = []
                members.append(("name", .optional(person.name)))
                members.append(("email", .optional(person.email)))
                members.append(("uri", .optional(person.uri)))
                return .object(members)
            })
    }

    static func optional(_ number: Int?) -> JSONValue { number.map { .int(Int64($0)) } ?? .null }

    /// One entry of `tidings parse`.
    static func entry(_ entry: ParsedEntry, contentText: String) -> JSONValue {
        var members: [(String, JSONValue)] = []
        members.append(("guid", .optional(entry.guid)))
        members.append(("key", .string(entry.entryKey)))
        members.append(("link", .optional(entry.link)))
        members.append(("original_link", .optional(entry.originalLink)))
        members.append(("external_link", .optional(entry.externalLink)))
        members.append(("title", .optional(entry.title)))
        members.append(("author", .optional(entry.author)))
        members.append(("authors", people(entry.authors)))
        members.append(("contributors", people(entry.contributors)))
        members.append(("published", date(entry.published)))
        members.append(("updated", date(entry.updated)))
        members.append(("summary", .optional(entry.summaryHTML)))
        members.append(("content_html", .optional(entry.contentHTML)))
        members.append(("content_text", .string(contentText)))
        members.append(("categories", strings(entry.categories)))
        members.append(("enclosures", enclosures(entry.enclosures)))
        members.append(("thumbnail", .optional(entry.thumbnail)))
        members.append(("comments", .optional(entry.commentsLink)))
        members.append(("related", strings(entry.relatedLinks)))
        members.append(("comment_count", optional(entry.commentCount)))
        members.append(("duration", optional(entry.duration)))
        members.append(("episode", optional(entry.episode)))
        members.append(("language", .optional(entry.language)))
        var source: JSONValue = .null
        if let origin = entry.source {
            var fields: [(String, JSONValue)] = []
            fields.append(("title", .optional(origin.title)))
            fields.append(("link", .optional(origin.link)))
            fields.append(("id", .optional(origin.id)))
            source = .object(fields)
        }
        members.append(("source", source))
        return .object(members)
    }

    /// The feed-level part of `tidings parse`.
    static func feed(_ metadata: FeedMetadata) -> JSONValue {
        var feed: [(String, JSONValue)] = []
        feed.append(("title", .optional(metadata.title)))
        feed.append(("link", .optional(metadata.link)))
        feed.append(("self", .optional(metadata.selfLink)))
        feed.append(("hub", .optional(metadata.hubLink)))
        feed.append(("description", .optional(metadata.description)))
        feed.append(("language", .optional(metadata.language)))
        feed.append(("updated", date(metadata.updated)))
        feed.append(("authors", people(metadata.authors)))
        feed.append(("image", .optional(metadata.image)))
        feed.append(("ttl", optional(metadata.timeToLive)))
        feed.append(("update_interval", optional(metadata.updateInterval)))
        feed.append(("format", .string(metadata.format.rawValue)))
        return .object(feed)
    }
}
