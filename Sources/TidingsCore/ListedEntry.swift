import Foundation

/// One entry of the last document a feed served, as the next poll remembers it: the hash of the
/// entry's markup (`FeedParser`'s markup hash) and its date. When the next document lists the entry
/// again byte for byte, the parser skips it without reading it into a `ParsedEntry`, and the poll
/// takes its date from here (the posting rate needs every entry's date).
public struct ListedEntry: Sendable, Hashable {
    public var markupHash: UInt64
    /// Published, else updated.
    public var date: Date?

    public init(markupHash: UInt64, date: Date?) {
        self.markupHash = markupHash
        self.date = date
    }
}
