/// A fast 64-bit hash for telling whether bytes changed since they were last seen: a feed's body,
/// an entry's source. It reads eight bytes a step where FNV-1a (`ContentHash`) reads one: hashing
/// every body and entry of a poll round with FNV-1a was a tenth of a warm round's CPU.
///
/// Each step, `(state ^ word) * odd constant` then an xor-shift, is a bijection of the state and of
/// the word, so two inputs of one length that differ in a single word never collide. Values are only
/// ever compared with values of this same function; identities (entry keys, the text hash of the
/// dedupe) stay on `ContentHash`, whose values the store keeps.
public enum ChangeHash {
    public static func value(of bytes: UnsafeRawBufferPointer) -> UInt64 {
        let multiplier: UInt64 = 0xff51_afd7_ed55_8ccd
        @inline(__always) func step(_ state: inout UInt64, _ word: UInt64) {
            state = (state ^ word) &* multiplier
            state ^= state >> 32
        }
        @inline(__always) func word(at offset: Int) -> UInt64 {
            UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }
        var state: UInt64 = 0x9e37_79b9_7f4a_7c15 ^ UInt64(bytes.count)
        var offset = 0
        if bytes.count >= 32 {
            // Four lanes over interleaved words: four independent multiply chains keep the core
            // busy where one waits on each multiply. They fold into one state, word by word.
            var lanes = (state, state &+ 0x632b_e59b_d9b4_e019, state &+ 0xc657_cb37_b369_c032, state &+ 0x2983_b0d3_8d1e_a04b)
            while offset + 32 <= bytes.count {
                step(&lanes.0, word(at: offset))
                step(&lanes.1, word(at: offset + 8))
                step(&lanes.2, word(at: offset + 16))
                step(&lanes.3, word(at: offset + 24))
                offset += 32
            }
            state = lanes.0
            step(&state, lanes.1)
            step(&state, lanes.2)
            step(&state, lanes.3)
        }
        while offset + 8 <= bytes.count {
            step(&state, word(at: offset))
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        step(&state, tail)
        // MurmurHash3's finalizer, so that every input bit reaches every output bit.
        state ^= state >> 33
        state &*= 0xff51_afd7_ed55_8ccd
        state ^= state >> 33
        state &*= 0xc4ce_b9fe_1a85_ec53
        state ^= state >> 33
        return state
    }

    /// The hash of `bytes` as 16 lowercase hex digits.
    public static func hex(of bytes: [UInt8]) -> String {
        ContentHash.hex(bytes.withUnsafeBytes { value(of: $0) })
    }

    /// The hash of `text`'s UTF-8.
    public static func value(of text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { value(of: UnsafeRawBufferPointer($0)) }
    }

    /// The hash of `text`'s UTF-8 as 16 lowercase hex digits.
    public static func hex(of text: String) -> String {
        ContentHash.hex(value(of: text))
    }
}
