#if canImport(Glibc)
    import Glibc
#endif

/// Makes the URLs inside a piece of HTML absolute (href, src, srcset, poster), against the
/// xml:base in force or the document's URL, as feed readers must before the HTML leaves its feed.
enum HTMLURLResolver {
    /// `html` with relative URLs resolved against `base`; unchanged (and cheap) when it has none.
    static func resolve(_ html: String, against base: String?) -> String {
        guard let base, !base.isEmpty else { return html }
        var copy = html
        let edits: [Edit] = copy.withUTF8 { bytes in Self.edits(bytes, base) }
        guard !edits.isEmpty else { return html }
        // Rebuild from slices of the original: no re-validation of the bytes that did not change.
        let utf8 = html.utf8
        var result = ""
        result.reserveCapacity(utf8.count + 64 * edits.count)
        var last = utf8.startIndex
        for edit in edits {
            let start = utf8.index(utf8.startIndex, offsetBy: edit.start)
            result += html[last..<start]
            result += edit.replacement
            last = utf8.index(utf8.startIndex, offsetBy: edit.end)
        }
        result += html[last...]
        return result
    }

    /// HTML given as UTF-8 bytes (valid: from the element arena), made into a string once, with
    /// relative URLs resolved on the way.
    static func string(fromHTML bytes: UnsafeBufferPointer<UInt8>, against base: String?) -> String {
        guard let base, !base.isEmpty else { return String(knownValidUTF8: bytes) }
        let edits = Self.edits(bytes, base)
        guard !edits.isEmpty else { return String(knownValidUTF8: bytes) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64 * edits.count)
        var last = 0
        for edit in edits {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[last..<edit.start]))
            out.append(contentsOf: edit.replacement.utf8)
            last = edit.end
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[last...]))
        // Valid bytes cut at attribute-value quotes, and valid replacements: valid UTF-8.
        return out.withUnsafeBufferPointer { String(knownValidUTF8: $0) }
    }

    /// A value to replace: its byte range in the HTML, and what goes there.
    private struct Edit {
        var start: Int
        var end: Int
        var replacement: String
    }

    /// Which of the URL attributes a name is (case-insensitive): href, src, srcset, poster.
    private enum URLAttribute { case single, sourceSet }

    private static func urlAttribute(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> URLAttribute? {
        let length = end - start
        guard length >= 3 && length <= 6 else { return nil }
        func matches(_ name: StaticString) -> Bool {
            guard name.utf8CodeUnitCount == length else { return false }
            for offset in 0..<length where bytes[start + offset] | 0x20 != name.utf8Start[offset] { return false }
            return true
        }
        if matches("href") || matches("src") || matches("poster") { return .single }
        if matches("srcset") { return .sourceSet }
        return nil
    }

    /// The attribute values to rewrite, in order.
    private static func edits(_ bytes: UnsafeBufferPointer<UInt8>, _ base: String) -> [Edit] {
        var edits: [Edit] = []
        var index = 0
        let count = bytes.count
        @inline(__always) func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C }
        while index < count {
            guard let found = memchr(bytes.baseAddress! + index, Int32(UInt8(ascii: "<")), count - index) else { break }
            index = UnsafeRawPointer(found) - UnsafeRawPointer(bytes.baseAddress!) + 1
            guard index < count, bytes[index] | 0x20 >= UInt8(ascii: "a"), bytes[index] | 0x20 <= UInt8(ascii: "z") else { continue }
            // Inside a start tag: skip the name, then read attributes up to `>`.
            while index < count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
            while index < count, bytes[index] != UInt8(ascii: ">") {
                if isSpace(bytes[index]) || bytes[index] == UInt8(ascii: "/") { index += 1; continue }
                let nameStart = index
                while index < count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "="), bytes[index] != UInt8(ascii: ">") { index += 1 }
                let kind = urlAttribute(bytes, nameStart, index)
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
                guard let kind, valueEnd > valueStart else { continue }
                // Absolute URLs are the rule: tell them from the bytes before making any string.
                if kind == .single && startsWithScheme(bytes, valueStart, valueEnd) { continue }
                let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[valueStart..<valueEnd]), as: UTF8.self)
                let resolved = kind == .sourceSet ? resolveSourceSet(value, base) : resolveOne(value, base)
                guard resolved != value else { continue }
                edits.append(Edit(start: valueStart, end: valueEnd, replacement: escapeAttribute(resolved)))
            }
        }
        return edits
    }

    private static func startsWithScheme(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var index = start
        while index < end, bytes[index] == 0x20 { index += 1 }
        guard index < end, bytes[index] | 0x20 >= UInt8(ascii: "a"), bytes[index] | 0x20 <= UInt8(ascii: "z") else { return false }
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: ":") { return true }
            let isSchemeByte = (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || (byte >= 0x30 && byte <= 0x39)
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
            if !isSchemeByte { return false }
            index += 1
        }
        return false
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
