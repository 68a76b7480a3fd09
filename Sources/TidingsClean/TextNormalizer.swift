import Foundation

/// Normalizes one line of text: Unicode NFC, no zero-width or control characters, whitespace
/// (including no-break spaces) collapsed to single spaces, trimmed.
enum TextNormalizer {
    static func normalize(_ line: String) -> String {
        // NFC through Foundation is costly; text with no scalar that NFC could change is already NFC,
        // and that is most text: below U+0300 (where combining marks start) nothing changes, nor in
        // U+2002–U+20CF (typographic spaces, quotes, dashes, currency signs).
        let composed =
            line.unicodeScalars.allSatisfy { $0.value < 0x300 || (0x2002...0x20CF).contains($0.value) }
            ? line : line.precomposedStringWithCanonicalMapping
        var out: [UInt8] = []
        out.reserveCapacity(composed.utf8.count)
        var pendingSpace = false
        for scalar in composed.unicodeScalars {
            let value = scalar.value
            let isSpace: Bool
            if value < 0x80 {
                isSpace = value <= 0x20 || value == 0x7F
                if value == 0x7F { continue }
            } else {
                if isInvisible(scalar) { continue }
                isSpace = scalar.properties.isWhitespace
            }
            if isSpace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(0x20)
                pendingSpace = false
            }
            if value < 0x80 {
                out.append(UInt8(value))
            } else {
                out.append(contentsOf: String(scalar).utf8)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Zero-width characters, byte-order marks, soft hyphens and C1 controls.
    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x7F...0x9F: return true
        default: return false
        }
    }

    /// Letters and digits only, lowercased, words separated by one space: the form in which two
    /// copies of one text compare equal whatever their punctuation, quotes or spacing.
    static func comparable(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        func word(_ append: (inout [UInt8]) -> Void) {
            if pendingSpace && !out.isEmpty { out.append(0x20) }
            pendingSpace = false
            append(&out)
        }
        // ASCII byte by byte (most text); other scalars by their Unicode properties.
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(value)
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word { $0.append(byte) }
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): word { $0.append(byte | 0x20) }
                default: pendingSpace = true
                }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                word { $0.append(contentsOf: scalar.properties.lowercaseMapping.utf8) }
            } else if scalar.properties.generalCategory == .nonspacingMark {
                // A combining accent belongs to the letter before it.
                if !pendingSpace { out.append(contentsOf: String(scalar).utf8) }
            } else {
                pendingSpace = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
