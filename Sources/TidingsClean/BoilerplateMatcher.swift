import Foundation

/// Finds the class of boilerplate a line belongs to, if any, at the cost of one pass over the line's
/// bytes for nearly every line: a regular expression runs only for a class one of whose trigger
/// fragments the line holds (every class has triggers, and a matching line always holds one).
///
/// Triggers of start-anchored classes are compared with the line's first bytes. The others are
/// found in one pass over the line: each window of four lowercased bytes is hashed into a bitmap
/// of the triggers' first four bytes, and only on a hit are the triggers that begin there compared.
struct BoilerplateMatcher: Sendable {
    static let shared = BoilerplateMatcher(BoilerplatePattern.all)

    /// A trigger that may stand anywhere in the line, by its first four bytes.
    private struct AnywhereTrigger: Sendable {
        let head: UInt32
        let bytes: [UInt8]
        let classBit: UInt64
    }

    private let patterns: [BoilerplatePattern]
    /// By lowercased first byte: the start-anchored classes with a trigger beginning with it.
    private let byFirstByte: [UInt64]
    private let anywhereTriggers: [AnywhereTrigger]
    /// One bit per hash slot of the anywhere-triggers' heads.
    private let headBitmap: [UInt64]
    /// For each word count up to the largest limit: the classes that allow that many words.
    private let byWordCount: [UInt64]
    /// The classes whose triggers may stand anywhere.
    private let anywhereClasses: UInt64

    private static let hashBits = 14

    init(_ patterns: [BoilerplatePattern]) {
        precondition(patterns.count <= 64, "one bit a class")
        self.patterns = patterns
        var byFirstByte = [UInt64](repeating: 0, count: 256)
        var anywhereTriggers: [AnywhereTrigger] = []
        var headBitmap = [UInt64](repeating: 0, count: (1 << Self.hashBits) / 64)
        var anywhere: UInt64 = 0
        let maxWords = patterns.map(\.maxWords).max() ?? 0
        var byWordCount = [UInt64](repeating: 0, count: maxWords + 1)
        for (index, pattern) in patterns.enumerated() {
            let bit = UInt64(1) << UInt64(index)
            precondition(!pattern.triggers.isEmpty, "every class needs triggers: \(pattern.kind)")
            for words in 0...pattern.maxWords { byWordCount[words] |= bit }
            if pattern.triggersStartLine {
                for trigger in pattern.triggers { byFirstByte[Int(trigger[0])] |= bit }
                continue
            }
            anywhere |= bit
            for trigger in pattern.triggers {
                precondition(trigger.count >= 4, "a trigger found anywhere needs four bytes or more")
                let head = Self.head(trigger[0], trigger[1], trigger[2], trigger[3])
                anywhereTriggers.append(AnywhereTrigger(head: head, bytes: trigger, classBit: bit))
                let slot = Self.slot(head)
                headBitmap[slot >> 6] |= 1 << UInt64(slot & 63)
            }
        }
        self.byFirstByte = byFirstByte
        self.anywhereTriggers = anywhereTriggers
        self.headBitmap = headBitmap
        self.byWordCount = byWordCount
        self.anywhereClasses = anywhere
    }

    /// The class of `text` (a normalized line of `words` words), or nil when it is article text.
    func kind(of text: String, words: Int) -> String? {
        guard words < byWordCount.count else { return nil }
        let allowed = byWordCount[words]
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard let first = bytes.first else { return nil }
            var found: UInt64 = 0
            var startCandidates = byFirstByte[Int(Self.lower(first))] & allowed
            while startCandidates != 0 {
                let index = startCandidates.trailingZeroBitCount
                startCandidates &= startCandidates - 1
                if patterns[index].triggers.contains(where: { Self.matches($0, in: bytes, at: 0) }) {
                    found |= 1 << UInt64(index)
                }
            }
            if allowed & anywhereClasses != 0 {
                found |= anywhereClassesFound(in: bytes) & allowed
            }
            // Rare from here on: the line holds a trigger of each class in `found`.
            guard found != 0 else { return nil }
            let string = String(decoding: bytes, as: UTF8.self)
            let range = NSRange(location: 0, length: string.utf16.count)
            while found != 0 {
                let pattern = patterns[found.trailingZeroBitCount]
                found &= found - 1
                if pattern.regex.firstMatch(in: string, range: range) != nil { return pattern.kind }
            }
            return nil
        }
    }

    /// The classes with a trigger somewhere in the line.
    private func anywhereClassesFound(in bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard bytes.count >= 4 else { return 0 }
        var found: UInt64 = 0
        var head = Self.head(Self.lower(bytes[0]), Self.lower(bytes[1]), Self.lower(bytes[2]), 0) << 8
        headBitmap.withUnsafeBufferPointer { bitmap in
            for end in 3..<bytes.count {
                head = head >> 8 | UInt32(Self.lower(bytes[end])) << 24
                let slot = Self.slot(head)
                guard bitmap[slot >> 6] & (1 << UInt64(slot & 63)) != 0 else { continue }
                for trigger in anywhereTriggers where trigger.head == head {
                    if Self.matches(trigger.bytes, in: bytes, at: end - 3) { found |= trigger.classBit }
                }
            }
        }
        return found
    }

    /// Whether the lowercased line holds `trigger` at `offset`.
    private static func matches(_ trigger: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        guard offset + trigger.count <= bytes.count else { return false }
        for (index, byte) in trigger.enumerated() where lower(bytes[offset + index]) != byte { return false }
        return true
    }

    @inline(__always)
    private static func lower(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    /// Four bytes, the first lowest.
    @inline(__always)
    private static func head(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8, _ b3: UInt8) -> UInt32 {
        UInt32(b0) | UInt32(b1) << 8 | UInt32(b2) << 16 | UInt32(b3) << 24
    }

    @inline(__always)
    private static func slot(_ head: UInt32) -> Int {
        Int((head &* 0x9E37_79B1) >> UInt32(32 - hashBits))
    }
}
