import Foundation

/// An entry after the cleaner: safe HTML, clean text and the keys the store deduplicates on.
public struct CleanArticle: Sendable, Hashable {
    /// Identity within the feed (see `ParsedEntry.entryKey`).
    public var entryKey: String
    public var guid: String?
    /// The article's link as the feed gave it.
    public var url: String?
    /// The link with tracking parameters, fragments and other noise removed: equal for copies.
    public var canonicalURL: String?
    public var title: String?
    public var author: String?
    public var published: Date?
    public var updated: Date?
    /// A short plain-text summary.
    public var summary: String?
    /// The article as clean plain text, one paragraph a line.
    public var contentText: String
    /// The article as allowlisted, safe HTML.
    public var contentHTML: String?
    public var categories: [String]
    public var enclosures: [Enclosure]
    /// Hash of the normalized clean text: equal for copies of one text.
    public var contentHash: String
    /// `ParsedEntry.sourceHash` of the entry this article was cleaned from.
    public var sourceHash: String?
    /// The near-duplicate keys of `contentText` (`TextFingerprint.keys`; empty when the text is too
    /// short to judge), when worked out ahead: the poller's workers do, in parallel, so that the
    /// store's single writer does not. Nil: the store works them out.
    public var nearDuplicateKeys: [Int64]?

    public init(
        entryKey: String, guid: String? = nil, url: String? = nil, canonicalURL: String? = nil,
        title: String? = nil, author: String? = nil, published: Date? = nil, updated: Date? = nil,
        summary: String? = nil, contentText: String, contentHTML: String? = nil, categories: [String] = [],
        enclosures: [Enclosure] = [], contentHash: String, sourceHash: String? = nil
    ) {
        self.entryKey = entryKey
        self.guid = guid
        self.url = url
        self.canonicalURL = canonicalURL
        self.title = title
        self.author = author
        self.published = published
        self.updated = updated
        self.summary = summary
        self.contentText = contentText
        self.contentHTML = contentHTML
        self.categories = categories
        self.enclosures = enclosures
        self.contentHash = contentHash
        self.sourceHash = sourceHash
    }
}

/// An article as stored, with where it came from: what `dump` hands downstream.
public struct StoredArticle: Sendable, Hashable {
    /// The ingestion sequence number: the article's identity, it only grows.
    public var id: Int64
    public var feedID: Int64
    public var feedURL: String
    public var feedTitle: String?
    public var article: CleanArticle
    public var fetched: Date
    /// The first copy seen of this story, when this one is a duplicate.
    public var duplicateOf: Int64?
    /// The article's place in the store's change sequence: given when it was stored, given anew
    /// each time it is edited in place. Consumer cursors count in it.
    public var change: Int64
    /// The change that stored it first; `change` differs once it was edited.
    public var firstChange: Int64

    /// Whether the text or title changed since the article was first stored.
    public var isEdited: Bool { change != firstChange }

    public init(
        id: Int64, feedID: Int64, feedURL: String, feedTitle: String?, article: CleanArticle, fetched: Date,
        duplicateOf: Int64?, change: Int64, firstChange: Int64
    ) {
        self.id = id
        self.feedID = feedID
        self.feedURL = feedURL
        self.feedTitle = feedTitle
        self.article = article
        self.fetched = fetched
        self.duplicateOf = duplicateOf
        self.change = change
        self.firstChange = firstChange
    }
}
