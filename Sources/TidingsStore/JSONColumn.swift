import Foundation
import TidingsCore

/// The lists kept in one TEXT column as JSON: categories (an array of strings) and enclosures (an
/// array of {"url", "type", "length"} objects). Written and read by hand, because every ingested and
/// every dumped article passes through here and Foundation's JSON coders cost more than the rest of
/// a row; anything the fast reader does not expect (a database written by another tool) falls back
/// to `JSONDecoder`.
enum JSONColumn {
    static func encode(_ strings: [String]) -> String {
        if strings.isEmpty { return "[]" }
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (index, string) in strings.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            writeString(string, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    static func encode(_ enclosures: [Enclosure]) -> String {
        if enclosures.isEmpty { return "[]" }
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (index, enclosure) in enclosures.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"url":"#.utf8)
            writeString(enclosure.url, to: &out)
            if let type = enclosure.type {
                out.append(contentsOf: #","type":"#.utf8)
                writeString(type, to: &out)
            }
            if let length = enclosure.length {
                out.append(contentsOf: #","length":"#.utf8)
                out.append(contentsOf: String(length).utf8)
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    static func strings(from text: String?) -> [String] {
        guard let text, text != "[]" else { return [] }
        var reader = Reader(text)
        if let values = reader.stringArray() { return values }
        return (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }

    static func enclosures(from text: String?) -> [Enclosure] {
        guard let text, text != "[]" else { return [] }
        var reader = Reader(text)
        if let values = reader.enclosureArray() { return values }
        return (try? JSONDecoder().decode([Enclosure].self, from: Data(text.utf8))) ?? []
    }

    private static func writeString(_ value: String, to out: inout [UInt8]) { JSONString.append(value, to: &out) }

    /// A reader of exactly the two shapes above; nil from any method means "not that shape".
    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        init(_ text: String) { bytes = Array(text.utf8) }

        mutating func skipSpace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x09 || bytes[index] == 0x0D {
                index += 1
            }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        /// `[` item (`,` item)* `]`, or `[]`, read to the end of the text.
        mutating func array<T>(_ item: (inout Reader) -> T?) -> [T]? {
            guard take(UInt8(ascii: "[")) else { return nil }
            var values: [T] = []
            if !take(UInt8(ascii: "]")) {
                repeat {
                    guard let value = item(&self) else { return nil }
                    values.append(value)
                } while take(UInt8(ascii: ","))
                guard take(UInt8(ascii: "]")) else { return nil }
            }
            skipSpace()
            return index == bytes.count ? values : nil
        }

        mutating func stringArray() -> [String]? { array { $0.string() } }

        mutating func enclosureArray() -> [Enclosure]? {
            array { reader -> Enclosure? in
                guard reader.take(UInt8(ascii: "{")) else { return nil }
                var url: String?
                var type: String?
                var length: Int64?
                if !reader.take(UInt8(ascii: "}")) {
                    repeat {
                        guard let key = reader.string(), reader.take(UInt8(ascii: ":")) else { return nil }
                        switch key {
                        case "url": url = reader.string()
                        case "type": if !reader.null() { type = reader.string() }
                        case "length": if !reader.null() { guard let number = reader.integer() else { return nil }; length = number }
                        default: return nil
                        }
                    } while reader.take(UInt8(ascii: ","))
                    guard reader.take(UInt8(ascii: "}")) else { return nil }
                }
                guard let url else { return nil }
                return Enclosure(url: url, type: type, length: length)
            }
        }

        mutating func null() -> Bool {
            skipSpace()
            guard bytes[index...].starts(with: "null".utf8) else { return false }
            index += 4
            return true
        }

        mutating func integer() -> Int64? {
            skipSpace()
            let start = index
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            return Int64(String(decoding: bytes[start..<index], as: UTF8.self))
        }

        mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            var out: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""): return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard index < bytes.count else { return nil }
                    let escaped = bytes[index]
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
                    case UInt8(ascii: "u"):
                        guard var scalar = hex4() else { return nil }
                        if (0xD800..<0xDC00).contains(scalar) {
                            // A surrogate pair: the low half must follow.
                            guard take(UInt8(ascii: "\\")), index < bytes.count, bytes[index] == UInt8(ascii: "u") else { return nil }
                            index += 1
                            guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let value = Unicode.Scalar(scalar) else { return nil }
                        out.append(contentsOf: String(Character(value)).utf8)
                    default: return nil
                    }
                default: out.append(byte)
                }
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard index + 4 <= bytes.count, let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
            else { return nil }
            index += 4
            return value
        }
    }
}
