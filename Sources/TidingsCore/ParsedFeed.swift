import Foundation

/// The syndication format a document was detected as.
public enum FeedFormat: String, Sendable, Codable {
    case rss090 = "rss090"
    case rss1 = "rss10"
    case rss2 = "rss20"
    case atom03 = "atom03"
    case atom1 = "atom10"
    case jsonFeed = "json"
}

/// Feed-level metadata, normalized across formats.
public struct FeedMetadata: Sendable, Hashable {
    public var title: String?
    public var link: String?
    public var description: String?
    public var language: String?
    public var updated: Date?
    public var format: FeedFormat

    public init(
        title: String? = nil, link: String? = nil, description: String? = nil, language: String? = nil,
        updated: Date? = nil, format: FeedFormat
    ) {
        self.title = title
        self.link = link
        self.description = description
        self.language = language
        self.updated = updated
        self.format = format
    }
}

/// A media file attached to an entry (podcast audio, an image).
public struct Enclosure: Sendable, Hashable, Codable {
    public var url: String
    public var type: String?
    public var length: Int64?

    public init(url: String, type: String? = nil, length: Int64? = nil) {
        self.url = url
        self.type = type
        self.length = length
    }
}

/// One entry as the feed gave it: text fields trimmed, URLs absolute, dates in UTC, HTML still raw.
public struct ParsedEntry: Sendable, Hashable {
    /// RSS guid, Atom id or JSON Feed id, when the feed gave one.
    public var guid: String?
    public var link: String?
    public var title: String?
    public var author: String?
    public var published: Date?
    public var updated: Date?
    /// The short form (RSS description, Atom summary), HTML.
    public var summaryHTML: String?
    /// The full form (content:encoded, Atom content), HTML.
    public var contentHTML: String?
    public var categories: [String]
    public var enclosures: [Enclosure]

    public init(
        guid: String? = nil, link: String? = nil, title: String? = nil, author: String? = nil,
        published: Date? = nil, updated: Date? = nil, summaryHTML: String? = nil, contentHTML: String? = nil,
        categories: [String] = [], enclosures: [Enclosure] = []
    ) {
        self.guid = guid
        self.link = link
        self.title = title
        self.author = author
        self.published = published
        self.updated = updated
        self.summaryHTML = summaryHTML
        self.contentHTML = contentHTML
        self.categories = categories
        self.enclosures = enclosures
    }

    /// The identity of this entry within its feed: the guid, else the link, else a hash of title and
    /// content. The same entry always gets the same key, so a re-published entry is recognised.
    public var entryKey: String {
        if let guid, !guid.isEmpty { return guid }
        if let link, !link.isEmpty { return link }
        return "hash:" + ContentHash.hex(of: (title ?? "") + "\u{1F}" + (contentHTML ?? summaryHTML ?? ""))
    }
}

/// A whole feed document, normalized, with what was wrong in it.
public struct ParsedFeed: Sendable {
    public var metadata: FeedMetadata
    public var entries: [ParsedEntry]
    /// Problems the parser recovered from, one human-readable line each.
    public var warnings: [String]

    public init(metadata: FeedMetadata, entries: [ParsedEntry], warnings: [String] = []) {
        self.metadata = metadata
        self.entries = entries
        self.warnings = warnings
    }
}
