/// Small text helpers for titles and text constructs; article bodies go through the cleaner.
enum HTMLText {
    /// Escapes text so it reads the same inside HTML.
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A title-sized piece of HTML as plain text, as a browser shows it: tags dropped, character
    /// references decoded (once: a double-escaped `&amp;lt;` shows as `&lt;`), white space collapsed.
    static func plain(fromHTML html: String) -> String {
        var text = String.UnicodeScalarView()
        var inTag = false
        var sawMarkup = false
        for scalar in html.unicodeScalars {
            if scalar == "<" {
                inTag = true
                sawMarkup = true
            } else if scalar == ">" && inTag {
                inTag = false
                text.append(" ")
            } else if !inTag {
                text.append(scalar)
            }
        }
        var result = sawMarkup ? String(text) : html
        result = HTMLEntities.decode(result)
        return result.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
