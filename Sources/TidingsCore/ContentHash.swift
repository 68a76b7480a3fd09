/// A fast, stable 64-bit hash (FNV-1a) for dedupe keys and unchanged-body checks.
/// Not cryptographic: it names content, it does not defend against a chosen collision.
public enum ContentHash {
    public static func value(of bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The hash as 16 lowercase hex digits.
    public static func hex(of bytes: some Sequence<UInt8>) -> String {
        let digits = String(value(of: bytes), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    public static func hex(of text: String) -> String { hex(of: text.utf8) }
}
