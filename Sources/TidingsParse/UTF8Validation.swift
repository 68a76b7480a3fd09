/// UTF-8 checks on raw bytes, with an eight-bytes-at-a-time path for ASCII.
enum UTF8Validation {
    /// True when `bytes` are valid UTF-8 (a sequence cut off at the very end counts as valid) and
    /// hold at least one multi-byte character: evidence that a Latin-1 label is wrong.
    static func isValidWithMultibyte(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var sawMultibyte = false
        var index = 0
        while index < bytes.count {
            let length = sequenceLength(bytes, at: index)
            if length == 0 { return bytes.count - index < 4 && truncatedSequence(bytes, at: index) }
            if length > 1 { sawMultibyte = true }
            index += length
        }
        return sawMultibyte
    }

    /// The length of the valid UTF-8 sequence at `index`, or 0 when the bytes there are not one
    /// (invalid, or cut off by the end of the buffer).
    @inline(__always)
    static func sequenceLength(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Int {
        let lead = bytes[index]
        if lead < 0x80 { return 1 }
        let remaining = bytes.count - index
        @inline(__always) func continuation(_ offset: Int) -> Bool { bytes[index + offset] & 0xC0 == 0x80 }
        switch lead {
        case 0xC2...0xDF:
            return remaining >= 2 && continuation(1) ? 2 : 0
        case 0xE0...0xEF:
            guard remaining >= 3, continuation(1), continuation(2) else { return 0 }
            let second = bytes[index + 1]
            if lead == 0xE0 && second < 0xA0 { return 0 }  // overlong
            if lead == 0xED && second > 0x9F { return 0 }  // surrogate
            return 3
        case 0xF0...0xF4:
            guard remaining >= 4, continuation(1), continuation(2), continuation(3) else { return 0 }
            let second = bytes[index + 1]
            if lead == 0xF0 && second < 0x90 { return 0 }
            if lead == 0xF4 && second > 0x8F { return 0 }
            return 4
        default:
            return 0
        }
    }

    /// True when the bytes from `index` to the end are the valid start of a sequence that the end
    /// of the buffer cut off.
    static func truncatedSequence(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Bool {
        let lead = bytes[index]
        let needed: Int
        switch lead {
        case 0xC2...0xDF: needed = 2
        case 0xE0...0xEF: needed = 3
        case 0xF0...0xF4: needed = 4
        default: return false
        }
        let available = bytes.count - index
        guard available < needed else { return false }
        for offset in 1..<available where bytes[index + offset] & 0xC0 != 0x80 { return false }
        return true
    }

    /// The index of the first byte at or after `start` that is not ASCII, or `bytes.count`.
    @inline(__always)
    static func firstNonASCII(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var index = start
        let count = bytes.count
        while index + 8 <= count {
            let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 { break }
            index += 8
        }
        while index < count, bytes[index] < 0x80 { index += 1 }
        return index
    }
}
