/// HTML's named character references (the whole HTML5 set) and the windows-1252 reading of
/// C1 code points, which feeds use as if XML knew them.
enum HTMLEntities {
    /// Name (without `&` and `;`) to the characters it stands for. Built on first use from the
    /// generated table (about a millisecond), so a document without named entities never pays it.
    static let byName: [String: String] = {
        var names: [String: String] = [:]
        names.reserveCapacity(2200)
        var source = HTMLEntities.table
        source.withUTF8 { bytes in
            var lineStart = 0
            while lineStart < bytes.count {
                var space = lineStart
                while space < bytes.count, bytes[space] != 0x20 { space += 1 }
                var end = space
                var value = String.UnicodeScalarView()
                var code: UInt32 = 0
                while end < bytes.count, bytes[end] != 0x0A {
                    let byte = bytes[end]
                    if byte == UInt8(ascii: ",") {
                        if let scalar = Unicode.Scalar(code) { value.append(scalar) }
                        code = 0
                    } else if byte >= 0x30 && byte <= 0x39 {
                        code = code * 10 + UInt32(byte - 0x30)
                    }
                    end += 1
                }
                if let scalar = Unicode.Scalar(code) { value.append(scalar) }
                if space < end {
                    names[String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<space]), as: UTF8.self)] = String(value)
                }
                lineStart = end + 1
            }
        }
        return names
    }()

    /// The names feeds use most, without building the whole table.
    private static func common(_ name: Substring) -> String? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return "\u{A0}"
        default: return nil
        }
    }

    /// The characters of `&name;`, or nil when HTML has no such name.
    static func characters(named name: some StringProtocol) -> String? {
        common(Substring(name)) ?? byName[String(name)]
    }

    /// What a browser shows for a numeric character reference: 128–159 read as windows-1252 (feeds
    /// write `&#150;` for an en dash), NUL, surrogates and values beyond Unicode as U+FFFD.
    static func scalar(forReference code: UInt32) -> Unicode.Scalar {
        if code >= 0x80 && code <= 0x9F { return windows1252C1[Int(code - 0x80)] }
        if code == 0 { return "\u{FFFD}" }
        return Unicode.Scalar(code) ?? "\u{FFFD}"
    }

    /// windows-1252 bytes 0x80–0x9F; the five it leaves undefined stay as the C1 code point.
    static let windows1252C1: [Unicode.Scalar] = [
        "\u{20AC}", "\u{81}", "\u{201A}", "\u{192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}",
        "\u{2C6}", "\u{2030}", "\u{160}", "\u{2039}", "\u{152}", "\u{8D}", "\u{17D}", "\u{8F}",
        "\u{90}", "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}",
        "\u{2DC}", "\u{2122}", "\u{161}", "\u{203A}", "\u{153}", "\u{9D}", "\u{17E}", "\u{178}",
    ]

    /// Decodes every character reference in `text` (named, decimal, hex) as a browser would; text
    /// that only looks like a reference stays as it is.
    static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var rest = Substring(text)
        while let ampersand = rest.utf8.firstIndex(of: UInt8(ascii: "&")) {
            out += rest[..<ampersand]
            let afterAmpersand = rest.utf8.index(after: ampersand)
            // A reference is at most 40 bytes up to its `;`.
            let window = rest.utf8[afterAmpersand...].prefix(40)
            guard let semicolon = window.firstIndex(of: UInt8(ascii: ";")), semicolon > afterAmpersand,
                let decoded = reference(Substring(rest.utf8[afterAmpersand..<semicolon]))
            else {
                out += "&"
                rest = rest[afterAmpersand...]
                continue
            }
            out += decoded
            rest = rest[rest.utf8.index(after: semicolon)...]
        }
        out += rest
        return out
    }

    /// The characters of the reference whose body (between `&` and `;`) is `body`.
    private static func reference(_ body: Substring) -> String? {
        if body.hasPrefix("#") {
            let digits = body.dropFirst()
            let code: UInt32?
            if digits.first == "x" || digits.first == "X" {
                code = UInt32(digits.dropFirst(), radix: 16)
            } else {
                code = UInt32(digits)
            }
            return code.map { String(scalar(forReference: $0)) }
        }
        return common(body) ?? byName[String(body)]
    }
}
