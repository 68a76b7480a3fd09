import Foundation
import TidingsCore

/// A feed's listed entries (`feeds.listed_entries`) as one BLOB: 16 bytes each, the markup hash then
/// the date in whole milliseconds since 1970 (`Int64.min` for none), both little-endian. About 640
/// bytes for a feed of 40 entries, read once per changed document.
enum ListedEntriesColumn {
    private static let noDate = Int64.min

    static func encode(_ entries: [ListedEntry]) -> Data {
        var data = Data(capacity: entries.count * 16)
        for entry in entries {
            let millis = entry.date.map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) } ?? noDate
            withUnsafeBytes(of: entry.markupHash.littleEndian) { data.append(contentsOf: $0) }
            withUnsafeBytes(of: millis.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    /// The entries in `data`; a trailing piece shorter than an entry (never written) is ignored.
    static func decode(_ data: Data) -> [ListedEntry] {
        data.withUnsafeBytes { bytes in
            stride(from: 0, to: bytes.count - 15, by: 16).map { offset in
                let hash = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                let millis = Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 8, as: Int64.self))
                return ListedEntry(markupHash: hash, date: millis == noDate ? nil : Date(timeIntervalSince1970: Double(millis) / 1000))
            }
        }
    }
}
