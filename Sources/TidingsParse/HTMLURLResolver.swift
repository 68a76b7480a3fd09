/// Makes the URLs inside a piece of HTML absolute (href, src, srcset, poster), against the
/// xml:base in force or the document's URL, as feed readers must before the HTML leaves its feed.
enum HTMLURLResolver {
    private static let urlAttributes: Set<String> = ["href", "src", "srcset", "poster"]

    /// `html` with relative URLs resolved against `base`; unchanged (and cheap) when it has none.
    static func resolve(_ html: String, against base: String?) -> String {
        guard let base, !base.isEmpty, html.utf8.contains(UInt8(ascii: "<")), html.utf8.contains(UInt8(ascii: "=")) else { return html }
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        var copied = 0
        var index = 0
        let count = bytes.count
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C }
        while index < count {
            guard bytes[index] == UInt8(ascii: "<"), index + 1 < count, bytes[index + 1] | 0x20 >= UInt8(ascii: "a"),
                bytes[index + 1] | 0x20 <= UInt8(ascii: "z")
            else {
                index += 1
                continue
            }
            // Inside a start tag: skip the name, then read attributes up to `>`.
            index += 1
            while index < count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
            while index < count, bytes[index] != UInt8(ascii: ">") {
                if isSpace(bytes[index]) || bytes[index] == UInt8(ascii: "/") { index += 1; continue }
                let nameStart = index
                while index < count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "="), bytes[index] != UInt8(ascii: ">") { index += 1 }
                let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
                while index < count, isSpace(bytes[index]) { index += 1 }
                guard index < count, bytes[index] == UInt8(ascii: "=") else { continue }
                index += 1
                while index < count, isSpace(bytes[index]) { index += 1 }
                guard index < count else { break }
                var valueStart = index
                var valueEnd: Int
                let quote = bytes[index]
                if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    valueStart = index + 1
                    valueEnd = valueStart
                    while valueEnd < count, bytes[valueEnd] != quote { valueEnd += 1 }
                    index = min(count, valueEnd + 1)
                } else {
                    valueEnd = index
                    while valueEnd < count, !isSpace(bytes[valueEnd]), bytes[valueEnd] != UInt8(ascii: ">") { valueEnd += 1 }
                    index = valueEnd
                }
                guard urlAttributes.contains(name) else { continue }
                let value = String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self)
                let resolved = name == "srcset" ? resolveSourceSet(value, base) : resolveOne(value, base)
                guard resolved != value else { continue }
                out.append(contentsOf: bytes[copied..<valueStart])
                out.append(contentsOf: escapeAttribute(resolved).utf8)
                copied = valueEnd
            }
        }
        guard copied > 0 else { return html }
        out.append(contentsOf: bytes[copied...])
        return String(decoding: out, as: UTF8.self)
    }

    /// True when `value` starts with a URL scheme (`https:`, `mailto:`, `data:`…).
    private static func hasScheme(_ value: Substring) -> Bool {
        guard let first = value.unicodeScalars.first, first.isASCIILetter else { return false }
        for scalar in value.unicodeScalars {
            if scalar == ":" { return true }
            if !(scalar.isASCIILetter || ("0"..."9").contains(scalar) || scalar == "+" || scalar == "." || scalar == "-") { return false }
        }
        return false
    }

    private static func resolveOne(_ value: String, _ base: String) -> String {
        // Attribute values arrive with entities still in them; `&amp;` in a query must survive.
        let trimmed = value.trimmingXMLSpace()
        guard !trimmed.isEmpty, !hasScheme(Substring(trimmed)) else { return value }
        let decoded = HTMLEntities.decode(trimmed)
        return URIReference.resolve(decoded, against: base)
    }

    private static func resolveSourceSet(_ value: String, _ base: String) -> String {
        var changed = false
        let candidates = value.split(separator: ",").map { candidate -> String in
            let parts = candidate.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
            guard let url = parts.first else { return String(candidate) }
            let resolved = resolveOne(String(url), base)
            if resolved != url { changed = true }
            return ([resolved] + parts.dropFirst().map(String.init)).joined(separator: " ")
        }
        return changed ? candidates.joined(separator: ", ") : value
    }

    private static func escapeAttribute(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }) else { return value }
        return value.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
