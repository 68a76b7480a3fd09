import Foundation

/// Normalizes one line of text: Unicode NFC, no zero-width or control characters, whitespace
/// (including no-break spaces) collapsed to single spaces, trimmed.
enum TextNormalizer {
    static func normalize(_ line: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in line.precomposedStringWithCanonicalMapping.unicodeScalars {
            if isInvisible(scalar) { continue }
            if scalar.properties.isWhitespace || scalar.value < 0x20 {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            out.append(scalar)
        }
        return String(out)
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
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(character)
            } else {
                pendingSpace = true
            }
        }
        return out
    }
}
