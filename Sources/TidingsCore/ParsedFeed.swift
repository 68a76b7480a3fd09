import Foundation

/// The syndication format a document was detected as (from its content, never from its URL).
public enum FeedFormat: String, Sendable, Codable, CaseIterable {
    case rss090 = "rss090"
    case rss091netscape = "rss091n"
    case rss091userland = "rss091u"
    case rss092 = "rss092"
    case rss093 = "rss093"
    case rss094 = "rss094"
    case rss1 = "rss10"
    case rss2 = "rss20"
    case atom03 = "atom03"
    case atom1 = "atom10"
    case jsonFeed10 = "json10"
    case jsonFeed11 = "json11"
}

/// A person named by a feed: an Atom person construct, an RSS author, a JSON Feed author.
public struct Person: Sendable, Hashable, Codable {
    public var name: String?
    public var email: String?
    public var uri: String?

    public init(name: String? = nil, email: String? = nil, uri: String? = nil) {
        self.name = name
        self.email = email
        self.uri = uri
    }

    /// The name, else the email, else the URI: what a reader would show.
    public var displayName: String? { name ?? email ?? uri }
}

/// Feed-level metadata, normalized across formats.
public struct FeedMetadata: Sendable, Hashable {
    public var title: String?
    /// The site the feed belongs to (RSS link, Atom rel=alternate, JSON Feed home_page_url).
    public var link: String?
    /// The feed's own address as it states it (atom:link rel=self, JSON Feed feed_url).
    public var selfLink: String?
    /// A WebSub hub (atom:link rel=hub).
    public var hubLink: String?
    public var description: String?
    public var language: String?
    public var updated: Date?
    public var authors: [Person]
    /// A logo or icon for the feed (RSS image, Atom logo/icon, iTunes image, JSON Feed icon).
    public var image: String?
    /// RSS `ttl`: how long the feed may be cached, in seconds.
    public var timeToLive: Int?
    /// sy:updatePeriod and sy:updateFrequency as one interval, in seconds.
    public var updateInterval: Int?
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
        self.authors = []
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

/// Where an entry was first published, when a feed republishes it (Atom source, RSS source).
public struct EntrySource: Sendable, Hashable {
    public var title: String?
    public var link: String?
    public var id: String?

    public init(title: String? = nil, link: String? = nil, id: String? = nil) {
        self.title = title
        self.link = link
        self.id = id
    }
}

/// One entry as the feed gave it: text fields trimmed, URLs absolute, dates in UTC, HTML still raw.
public struct ParsedEntry: Sendable, Hashable {
    /// RSS guid, Atom id or JSON Feed id, when the feed gave one.
    public var guid: String?
    public var link: String?
    /// The publisher's own URL when the feed links through a proxy (feedburner:origLink): the same
    /// story at its real address, which the dedupe compares.
    public var originalLink: String?
    /// A page elsewhere that the entry is about (JSON Feed's `external_url`: a link blog's link). Not
    /// the entry's own address: another story, which the dedupe must not take for a copy.
    public var externalLink: String?
    public var title: String?
    /// The first author's display name (kept for the store and the cleaner).
    public var author: String?
    public var authors: [Person]
    public var contributors: [Person]
    public var published: Date?
    public var updated: Date?
    /// The short form (RSS description, Atom summary), HTML.
    public var summaryHTML: String?
    /// The full form (content:encoded, Atom content), HTML.
    public var contentHTML: String?
    public var categories: [String]
    public var enclosures: [Enclosure]
    /// A picture for the entry (media:thumbnail, itunes:image, JSON Feed image).
    public var thumbnail: String?
    /// The page with the entry's comments (RSS comments, Atom rel=replies).
    public var commentsLink: String?
    /// Pages the entry points to as related (Atom rel=related).
    public var relatedLinks: [String] = []
    /// How many comments the entry has (slash:comments).
    public var commentCount: Int?
    /// Podcast length in seconds (itunes:duration).
    public var duration: Int?
    /// Podcast episode number (itunes:episode).
    public var episode: Int?
    /// The entry's language, when the document says (xml:lang in force, JSON Feed language).
    public var language: String?
    public var source: EntrySource?

    public init(
        guid: String? = nil, link: String? = nil, title: String? = nil, author: String? = nil,
        published: Date? = nil, updated: Date? = nil, summaryHTML: String? = nil, contentHTML: String? = nil,
        categories: [String] = [], enclosures: [Enclosure] = []
    ) {
        self.guid = guid
        self.link = link
        self.title = title
        self.author = author
        self.authors = author.map { [Person(name: $0)] } ?? []
        self.contributors = []
        self.published = published
        self.updated = updated
        self.summaryHTML = summaryHTML
        self.contentHTML = contentHTML
        self.categories = categories
        self.enclosures = enclosures
    }

    /// The identity of this entry within its feed: the guid, else the link, else a hash of title,
    /// content and enclosure addresses. The same entry always gets the same key, so a re-published
    /// entry is recognised; the enclosures tell apart the episodes of a podcast feed that gives
    /// neither guids nor links, nor titles that differ (entries without enclosures keep the key
    /// they had before enclosures counted).
    public var entryKey: String {
        if let guid, !guid.isEmpty { return guid }
        if let link, !link.isEmpty { return link }
        var identity = (title ?? "") + "\u{1F}" + (contentHTML ?? summaryHTML ?? "")
        for enclosure in enclosures { identity += "\u{1F}" + enclosure.url }
        return "hash:" + ContentHash.hex(of: identity)
    }
}

/// A whole feed document, normalized, with what was wrong in it.
public struct ParsedFeed: Sendable {
    public var metadata: FeedMetadata
    public var entries: [ParsedEntry]
    /// Problems the parser recovered from, one human-readable line each (feedparser's "bozo").
    public var warnings: [String]
    /// The markup hash of each entry in `entries`, in the same order (XML documents only).
    public var markupHashes: [UInt64] = []
    /// The markup hashes of the entries skipped because the caller listed them as already seen.
    public var skippedMarkupHashes: [UInt64] = []

    public init(metadata: FeedMetadata, entries: [ParsedEntry], warnings: [String] = []) {
        self.metadata = metadata
        self.entries = entries
        self.warnings = warnings
    }
}

extension ParsedEntry {
    /// A hash of everything the cleaner reads from the entry: the same hash means the same stored
    /// article, so the poller skips cleaning and storing entries that a feed lists again unchanged.
    public var sourceHash: String {
        var parts: [String] = [entryKey, guid ?? "", link ?? "", title ?? "", author ?? "", contentHTML ?? "", summaryHTML ?? ""]
        parts.append(published.map { String($0.timeIntervalSince1970) } ?? "")
        parts.append(updated.map { String($0.timeIntervalSince1970) } ?? "")
        parts += categories
        for enclosure in enclosures { parts += [enclosure.url, enclosure.type ?? "", enclosure.length.map(String.init) ?? ""] }
        return ChangeHash.hex(of: parts.joined(separator: "\u{1F}"))
    }
}
