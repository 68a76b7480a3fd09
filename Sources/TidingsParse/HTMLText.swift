/// Small text helpers for titles and text constructs; article bodies go through the cleaner.
enum HTMLText {
    /// Escapes text so it reads the same inside HTML (`quotes`: also inside a quoted attribute).
    static func escape(_ text: String, quotes: Bool = true) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || (quotes && $0 == 0x22) }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Plain text as HTML: paragraphs at blank lines, line breaks kept (JSON Feed's `content_text`,
    /// Atom's `type="text"`).
    static func html(fromPlainText text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n").map { $0.trimmingXMLSpace() }
            .filter { !$0.isEmpty }
            .map { "<p>" + escape($0).replacingOccurrences(of: "\n", with: "<br>") + "</p>" }.joined()
    }

    /// A title-sized piece of HTML as plain text, as a browser shows it: tags dropped, character
    /// references decoded (once: a double-escaped `&amp;lt;` shows as `&lt;`), white space collapsed.
    static func plain(fromHTML html: String) -> String {
        if isAlreadyPlain(html) { return html }
        var text = html
        if html.utf8.contains(UInt8(ascii: "<")) {
            // Tags become a space (a browser breaks words at block tags; a space is the safe side).
            var out = ""
            out.reserveCapacity(html.utf8.count)
            var rest = Substring(html)
            while let open = rest.utf8.firstIndex(of: UInt8(ascii: "<")) {
                out += rest[..<open]
                // As HTML's tokenizer has it, `<` opens a tag only before a letter, `/`, `!` or `?`:
                // "5 < 6", "<3" and "< $1M" are text.
                let next = rest.utf8.index(after: open)
                guard next < rest.utf8.endIndex, Self.opensTag(rest.utf8[next]) else {
                    out += "<"
                    rest = rest[next...]
                    continue
                }
                guard let close = rest.utf8[open...].firstIndex(of: UInt8(ascii: ">")) else {
                    rest = rest[rest.endIndex...]
                    break
                }
                out += " "
                rest = rest[rest.utf8.index(after: close)...]
            }
            out += rest
            text = out
        }
        let decoded = HTMLEntities.decode(text)
        if isAlreadyPlain(decoded, allowingMarkup: true) { return decoded }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in decoded.unicodeScalars {
            if isSpace(scalar) {
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

    /// Whether a `<` followed by `byte` starts markup: a start or end tag, a comment, a doctype or a
    /// processing instruction.
    private static func opensTag(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "/"),
            UInt8(ascii: "!"), UInt8(ascii: "?"):
            return true
        default: return false
        }
    }

    /// White space as HTML rendering collapses it, Unicode's spaces included.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// True when `text` has no markup, no reference (unless `allowingMarkup`: the text is final) and
    /// no white space to collapse: the usual title.
    private static func isAlreadyPlain(_ text: String, allowingMarkup: Bool = false) -> Bool {
        guard !text.isEmpty else { return true }
        return text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            var previousSpace = true  // a leading space needs work
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "<"), UInt8(ascii: "&"):
                    if !allowingMarkup { return false }
                    previousSpace = false
                case 0x09...0x0D:
                    return false
                case 0x20:
                    if previousSpace { return false }
                    previousSpace = true
                case 0xC2, 0xE1, 0xE2, 0xE3:
                    // Perhaps a Unicode space: decode that one scalar.
                    var iterator = UnsafeBufferPointer(rebasing: bytes[index...]).makeIterator()
                    var decoder = UTF8()
                    if case .scalarValue(let scalar) = decoder.decode(&iterator), isSpace(scalar) { return false }
                    previousSpace = false
                default:
                    previousSpace = false
                }
                index += 1
            }
            return !previousSpace
        } ?? false
    }
}
