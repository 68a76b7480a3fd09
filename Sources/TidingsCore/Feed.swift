import Foundation

/// A subscribed feed as the store knows it: where it lives and how polling it went.
public struct Feed: Sendable, Hashable, Identifiable {
    public var id: Int64
    /// The URL that is polled.
    public var url: String
    /// The URL the feed was added with, kept when a permanent redirect moves `url`.
    public var originalURL: String
    public var title: String?
    /// The site the feed belongs to (its `<link>`).
    public var siteURL: String?
    /// Validators from the last 200 response, sent back as a conditional GET.
    public var etag: String?
    public var lastModified: String?
    /// Hash of the last body parsed, so that an unchanged 200 is not parsed again.
    public var bodyHash: String?
    public var lastFetchedAt: Date?
    public var lastStatus: Int?
    public var consecutiveErrors: Int
    public var lastError: String?
    public var nextPollAt: Date?
    /// A per-feed poll interval in seconds; nil means the configured default.
    public var intervalSeconds: Int?
    public var addedAt: Date
    /// When the server said 410 Gone: the feed is no longer polled until revived.
    public var goneAt: Date?
    /// A permanent redirect met on the last polls, and on how many in a row; the stored URL moves
    /// only when that count reaches the configured threshold.
    public var redirectTarget: String?
    public var redirectPolls: Int
    /// The interval the scheduler worked out at the last successful poll, in seconds.
    public var scheduledInterval: Int?
    /// Whether the feed's entries are teasers: each new entry's article is extracted from the page
    /// it links to (`tidings add --fulltext`).
    public var fullText: Bool

    public var isGone: Bool { goneAt != nil }

    public init(
        id: Int64, url: String, originalURL: String? = nil, title: String? = nil, siteURL: String? = nil,
        etag: String? = nil, lastModified: String? = nil, bodyHash: String? = nil,
        lastFetchedAt: Date? = nil, lastStatus: Int? = nil, consecutiveErrors: Int = 0,
        lastError: String? = nil, nextPollAt: Date? = nil, intervalSeconds: Int? = nil,
        addedAt: Date = Date(), goneAt: Date? = nil, redirectTarget: String? = nil, redirectPolls: Int = 0,
        scheduledInterval: Int? = nil, fullText: Bool = false
    ) {
        self.id = id
        self.url = url
        self.originalURL = originalURL ?? url
        self.title = title
        self.siteURL = siteURL
        self.etag = etag
        self.lastModified = lastModified
        self.bodyHash = bodyHash
        self.lastFetchedAt = lastFetchedAt
        self.lastStatus = lastStatus
        self.consecutiveErrors = consecutiveErrors
        self.lastError = lastError
        self.nextPollAt = nextPollAt
        self.intervalSeconds = intervalSeconds
        self.addedAt = addedAt
        self.goneAt = goneAt
        self.redirectTarget = redirectTarget
        self.redirectPolls = redirectPolls
        self.scheduledInterval = scheduledInterval
        self.fullText = fullText
    }
}
