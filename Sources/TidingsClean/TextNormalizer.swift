import Foundation
import TidingsCore

/// Normalizes one line of text: Unicode NFC, no zero-width or control characters, whitespace
/// (including no-break spaces) collapsed to single spaces, trimmed.
///
/// Both forms work on the line's UTF-8 bytes: ASCII (most text) byte by byte, other characters
/// decoded only where they occur. Every line of every article passes through here.
enum TextNormalizer {
    static func normalize(_ line: String) -> String {
        var line = line
        return line.withUTF8 { bytes in
            // NFC through Foundation is costly; text with no scalar that NFC could change is already
            // NFC, and that is most text.
            guard needsComposition(bytes) else { return collapse(bytes) }
            var composed = String(decoding: bytes, as: UTF8.self).precomposedStringWithCanonicalMapping
            return composed.withUTF8(collapse)
        }
    }

    /// A line of preformatted text (`<pre>`): its indentation and inner spacing kept, invisible
    /// characters removed, no-break spaces made spaces, trailing white space dropped; empty when it
    /// holds nothing visible.
    static func normalizePreformatted(_ line: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in line.unicodeScalars {
            if isInvisible(scalar.value) || (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F { continue }
            scalars.append(scalar.value == 0xA0 ? " " : scalar)
        }
        while let last = scalars.last, last == " " || last == "\t" || isWhiteSpace(last.value) { scalars.removeLast() }
        return String(scalars)
    }

    /// Whether NFC could change the text: it holds a scalar from U+0300 (where combining marks start)
    /// on, outside U+2002–U+20CF (typographic spaces, quotes, dashes, currency signs).
    private static func needsComposition(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            // Lead bytes below 0xCC start scalars below U+0300; continuation bytes are below 0xC0.
            if byte < 0xCC {
                index += 1
                continue
            }
            // U+2002–U+20CF is E2 80 82 … E2 83 8F.
            guard byte == 0xE2, index + 2 < count else { return true }
            let second = bytes[index + 1]
            let third = bytes[index + 2]
            let inRange =
                (second == 0x80 && third >= 0x82) || second == 0x81 || second == 0x82 || (second == 0x83 && third <= 0x8F)
            guard inRange else { return true }
            index += 3
        }
        return false
    }

    /// The line with invisible characters removed and white space collapsed and trimmed. The result
    /// is never longer than the input: every change removes or shortens.
    private static func collapse(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { out in
            var written = 0
            var pendingSpace = false
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                if byte < 0x80 {
                    index += 1
                    if byte == 0x7F { continue }
                    if byte <= 0x20 {
                        pendingSpace = written > 0
                        continue
                    }
                    if pendingSpace {
                        out[written] = 0x20
                        written += 1
                        pendingSpace = false
                    }
                    out[written] = byte
                    written += 1
                    continue
                }
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                let value = scalarValue(bytes, at: index, length: length)
                let start = index
                index += length
                if isInvisible(value) { continue }
                if isWhiteSpace(value) {
                    pendingSpace = written > 0
                    continue
                }
                if pendingSpace {
                    out[written] = 0x20
                    written += 1
                    pendingSpace = false
                }
                for offset in 0..<length { out[written + offset] = bytes[start + offset] }
                written += length
            }
            return written
        }
    }

    /// The scalar encoded at `index` in valid UTF-8 (a Swift string's bytes always are).
    @inline(__always)
    private static func scalarValue(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, length: Int) -> UInt32 {
        var value = UInt32(bytes[index]) & (0x7F >> UInt32(length))
        for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return value
    }

    /// Zero-width characters, byte-order marks, soft hyphens and C1 controls.
    private static func isInvisible(_ value: UInt32) -> Bool {
        switch value {
        case 0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x7F...0x9F: return true
        default: return false
        }
    }

    /// Unicode's White_Space characters outside ASCII (a fixed list since Unicode 4.1, bar the
    /// removal of U+180E in 6.3).
    private static func isWhiteSpace(_ value: UInt32) -> Bool {
        switch value {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// Letters and digits only, lowercased, words separated by one space: the form in which two
    /// copies of one text compare equal whatever their punctuation, quotes or spacing.
    static func comparable(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        forEachComparableByte(of: text) { out.append($0) }
        return String(decoding: out, as: UTF8.self)
    }

    /// A hash of `comparable(text)` (the content hash's), without making that string; nil when it is
    /// empty.
    static func comparableHash(_ text: String) -> UInt64? {
        var hash = ContentHash.Accumulator()
        var empty = true
        forEachComparableByte(of: text) { byte in
            hash.add(byte)
            empty = false
        }
        return empty ? nil : hash.value
    }

    /// Calls `emit` with each byte of the comparable form of `text`, in order.
    @inline(__always)
    private static func forEachComparableByte(of text: String, _ emit: (UInt8) -> Void) {
        var pendingSpace = false
        var started = false
        @inline(__always) func startWord() {
            if pendingSpace && started { emit(0x20) }
            pendingSpace = false
            started = true
        }
        // ASCII byte by byte (most text, read straight from the UTF-8); other scalars by their
        // Unicode properties.
        var text = text
        text.withUTF8 { bytes in
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                let byte = lead
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    startWord()
                    emit(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    startWord()
                    emit(byte | 0x20)
                default: pendingSpace = true
                }
                continue
            }
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            let scalar = Unicode.Scalar(scalarValue(bytes, at: index, length: length))!
            index += length
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                startWord()
                for byte in scalar.properties.lowercaseMapping.utf8 { emit(byte) }
            } else if scalar.properties.generalCategory == .nonspacingMark {
                // A combining accent belongs to the letter before it.
                if !pendingSpace {
                    for byte in String(scalar).utf8 { emit(byte) }
                    started = true
                }
            } else {
                pendingSpace = true
            }
        }
        }
    }
}
