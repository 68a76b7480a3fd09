import Foundation

/// Which character encoding a feed document is in, decided as RFC 7303 and browsers do: a byte
/// order mark first, then the HTTP charset, then the XML declaration, else UTF-8, with the
/// classic lies corrected.
struct DocumentEncoding: Hashable, Sendable {
    enum Source: String, Sendable { case byteOrderMark = "byte order mark", http = "HTTP charset",
        declaration = "XML declaration", sniffed = "byte pattern", assumed = "default" }

    /// The canonical name: `UTF-8`, `windows-1252`, `UTF-16LE`, or a name iconv knows.
    var name: String
    var source: Source
    /// Bytes of byte order mark to drop.
    var byteOrderMarkLength: Int

    static let utf8Name = "UTF-8"
    static let windows1252Name = "windows-1252"

    var isUTF8: Bool { name == Self.utf8Name }

    /// Decides from the document's first bytes (a few KB are plenty) and the HTTP charset.
    /// `warnings` gets a line when a label was overruled.
    static func detect(prefix: UnsafeRawBufferPointer, httpCharset: String?, warnings: inout [String]) -> DocumentEncoding {
        let bytes = Array(prefix.prefix(4))
        func starts(_ pattern: [UInt8]) -> Bool { bytes.count >= pattern.count && Array(bytes.prefix(pattern.count)) == pattern }
        if starts([0xEF, 0xBB, 0xBF]) { return DocumentEncoding(name: utf8Name, source: .byteOrderMark, byteOrderMarkLength: 3) }
        if starts([0xFF, 0xFE, 0, 0]) { return DocumentEncoding(name: "UTF-32LE", source: .byteOrderMark, byteOrderMarkLength: 4) }
        if starts([0, 0, 0xFE, 0xFF]) { return DocumentEncoding(name: "UTF-32BE", source: .byteOrderMark, byteOrderMarkLength: 4) }
        if starts([0xFF, 0xFE]) { return DocumentEncoding(name: "UTF-16LE", source: .byteOrderMark, byteOrderMarkLength: 2) }
        if starts([0xFE, 0xFF]) { return DocumentEncoding(name: "UTF-16BE", source: .byteOrderMark, byteOrderMarkLength: 2) }
        // "<" or "<?" in a wide encoding without a mark (XML 1.0, appendix F): no label can be right
        // against these bytes.
        if starts([0x3C, 0, 0, 0]) { return DocumentEncoding(name: "UTF-32LE", source: .sniffed, byteOrderMarkLength: 0) }
        if starts([0, 0, 0, 0x3C]) { return DocumentEncoding(name: "UTF-32BE", source: .sniffed, byteOrderMarkLength: 0) }
        if starts([0x3C, 0, 0x3F, 0]) { return DocumentEncoding(name: "UTF-16LE", source: .sniffed, byteOrderMarkLength: 0) }
        if starts([0, 0x3C, 0, 0x3F]) { return DocumentEncoding(name: "UTF-16BE", source: .sniffed, byteOrderMarkLength: 0) }

        var label: (name: String, source: Source)?
        if let httpCharset, let name = canonicalName(httpCharset) {
            label = (name, .http)
        } else if let declared = declaredEncoding(in: prefix), let name = canonicalName(declared) {
            label = (name, .declaration)
        }
        guard let label else { return DocumentEncoding(name: utf8Name, source: .assumed, byteOrderMarkLength: 0) }
        if label.name.hasPrefix("UTF-16") || label.name.hasPrefix("UTF-32") {
            // A wide label on bytes that read as ASCII (checked above): the label is wrong.
            warnings.append("document is labelled \(label.name) (\(label.source.rawValue)) but its bytes are ASCII-compatible; read as UTF-8")
            return DocumentEncoding(name: utf8Name, source: .sniffed, byteOrderMarkLength: 0)
        }
        if label.name == windows1252Name, UTF8Validation.isValidWithMultibyte(prefix) {
            warnings.append("document is labelled as Latin-1 (\(label.source.rawValue)) but is UTF-8; read as UTF-8")
            return DocumentEncoding(name: utf8Name, source: .sniffed, byteOrderMarkLength: 0)
        }
        return DocumentEncoding(name: label.name, source: label.source, byteOrderMarkLength: 0)
    }

    /// A label's canonical name. Latin-1 and ASCII labels mean windows-1252, as in every browser:
    /// feeds that say ISO-8859-1 send curly quotes from 0x80–0x9F.
    static func canonicalName(_ label: String) -> String? {
        let lower = label.trimmingWhitespace().lowercased()
        guard !lower.isEmpty, lower.count < 40 else { return nil }
        switch lower {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8": return utf8Name
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819", "ibm819", "us-ascii",
            "ascii", "iso-ir-100", "windows-1252", "cp1252", "x-cp1252", "iso_8859-1:1987", "csisolatin1":
            return windows1252Name
        case "utf-16", "utf-16le", "unicode", "ucs-2": return "UTF-16LE"
        case "utf-16be": return "UTF-16BE"
        case "utf-32", "utf-32le": return "UTF-32LE"
        case "utf-32be": return "UTF-32BE"
        default: return lower.uppercased()
        }
    }

    /// The `encoding="…"` of an XML declaration at the start of ASCII-compatible bytes.
    static func declaredEncoding(in bytes: UnsafeRawBufferPointer) -> String? {
        let window = UnsafeRawBufferPointer(rebasing: bytes.prefix(1024))
        func find(_ needle: StaticString, from start: Int) -> Int? {
            let length = needle.utf8CodeUnitCount
            guard window.count >= length else { return nil }
            var index = start
            while index + length <= window.count {
                var matches = true
                for offset in 0..<length where window[index + offset] != needle.utf8Start[offset] {
                    matches = false
                    break
                }
                if matches { return index }
                index += 1
            }
            return nil
        }
        guard let declaration = find("<?xml", from: 0), let end = find("?>", from: declaration),
            let key = find("encoding", from: declaration), key < end
        else { return nil }
        var index = key + 8
        while index < end, window[index] == 0x20 || window[index] == 0x09 || window[index] == UInt8(ascii: "=") { index += 1 }
        guard index < end, window[index] == UInt8(ascii: "\"") || window[index] == UInt8(ascii: "'") else { return nil }
        let quote = window[index]
        let start = index + 1
        guard let close = window[start..<end].firstIndex(of: quote) else { return nil }
        return String(decoding: window[start..<close], as: UTF8.self)
    }
}
