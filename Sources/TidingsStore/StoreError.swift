/// A store operation that could not be done: what, and where.
public struct StoreError: Error, CustomStringConvertible, Sendable, Hashable {
    public enum Kind: String, Sendable {
        case cannotOpen, feedExists, unknownFeed, database
        /// No room to write: the disk is full, or the database reached `max_database_bytes`. Nothing
        /// of the write was stored; what was stored before is intact.
        case full
        /// Another process held the write lock for longer than the busy timeout. Nothing of the write
        /// was stored; a later one may well go through.
        case busy
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// The store could take no write at all just now (no room, or a lock held too long): nothing the
    /// write held was at fault, and a later one may go through.
    public var isStoreUnavailable: Bool { kind == .full || kind == .busy }
}
