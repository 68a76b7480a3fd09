/// A fast, stable 64-bit hash (FNV-1a) for dedupe keys and unchanged-body checks.
/// Not cryptographic: it names content, it does not defend against a chosen collision.
public enum ContentHash {
    /// The hash of bytes fed one at a time, for content that is never held as one string.
    public struct Accumulator: Sendable {
        @usableFromInline var state: UInt64 = 0xcbf2_9ce4_8422_2325

        public init() {}

        public var value: UInt64 { state }

        @inlinable
        public mutating func add(_ byte: UInt8) {
            state ^= UInt64(byte)
            state &*= 0x0000_0100_0000_01b3
        }
    }

    public static func value(of bytes: some Sequence<UInt8>) -> UInt64 {
        var hash = Accumulator()
        for byte in bytes { hash.add(byte) }
        return hash.value
    }

    /// The hash as 16 lowercase hex digits.
    public static func hex(of bytes: some Sequence<UInt8>) -> String { hex(value(of: bytes)) }

    /// A hash value as 16 lowercase hex digits.
    public static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    public static func hex(of text: String) -> String { hex(of: text.utf8) }
}
