/// Repairs, on UTF-8 and chunk by chunk, the lexical faults that real feeds ship and that would
/// otherwise stop or mislead libxml2, and counts each kind for the feed's warnings:
///
/// - junk before the XML declaration (a PHP warning, blank lines) is dropped;
/// - the prolog (XML declaration, DOCTYPE, comments) is replaced by its newlines, so libxml2 never
///   sees a DTD: no external entity or DTD can be loaded, and entity declarations are read here;
/// - HTML named entities (`&nbsp;`, the whole HTML5 set) become numeric references;
/// - numeric references to 128–159 are read as windows-1252, as browsers do;
/// - a bare `&` becomes `&amp;`;
/// - control characters XML forbids are removed;
/// - entities the document declares are expanded one level; one that refers to another entity
///   (the "billion laughs" shape) or expansion past a byte budget (quadratic blowup) stops the
///   parse with a clear error.
///
/// CDATA sections, comments and processing instructions pass through untouched.
final class XMLRepairFilter {
    private enum State { case prolog, content, cdata, comment, processingInstruction }
    private enum DeclaredEntity { case text([UInt8]), nested, external }

    private var state = State.prolog
    private var pending: [UInt8] = []
    private var declared: [String: DeclaredEntity] = [:]
    private var expandedBytes = 0
    private let expansionLimit: Int

    /// The public identifier of the document's DOCTYPE (tells RSS 0.91 Netscape from Userland).
    private(set) var doctypePublicID: String?

    private var htmlEntityCount = 0
    private var firstHTMLEntity: String?
    private var bareAmpersandCount = 0
    private var windows1252ReferenceCount = 0
    private var controlCharacterCount = 0
    private var junkByteCount = 0
    private var externalEntityCount = 0
    /// Bytes that were not valid UTF-8 (read as windows-1252).
    private(set) var invalidUTF8Count = 0

    static let prologLimit = 1 << 20

    init(expansionLimit: Int = 1 << 20) {
        self.expansionLimit = expansionLimit
    }

    /// What was repaired, one line per kind.
    var warnings: [String] {
        var lines: [String] = []
        if junkByteCount > 0 { lines.append("skipped \(junkByteCount) bytes of junk before the XML document") }
        if htmlEntityCount > 0 {
            lines.append("decoded \(htmlEntityCount) HTML entities that XML does not declare (first: &\(firstHTMLEntity ?? "");)")
        }
        if bareAmpersandCount > 0 { lines.append("escaped \(bareAmpersandCount) bare '&' characters") }
        if windows1252ReferenceCount > 0 {
            lines.append("read \(windows1252ReferenceCount) character references in the range 128–159 as windows-1252")
        }
        if controlCharacterCount > 0 { lines.append("removed \(controlCharacterCount) control characters that XML forbids") }
        if externalEntityCount > 0 { lines.append("left out \(externalEntityCount) references to external entities (never loaded)") }
        return lines
    }

    /// Filters `chunk`, handing the repaired bytes to `sink` in one or more pieces.
    func write(_ chunk: UnsafeRawBufferPointer, final: Bool, into sink: (UnsafeRawBufferPointer) -> Void) throws(ParseError) {
        if pending.isEmpty && state != .prolog {
            let consumed = try filter(chunk, final: final, into: sink)
            if consumed < chunk.count { pending.append(contentsOf: chunk[consumed...]) }
            return
        }
        if state != .prolog {
            // A construct cut by the last chunk: finish it with the first bytes of this one rather
            // than copying the whole chunk, then go on in place.
            let carried = pending.count
            let borrowed = min(chunk.count, 256)
            var joined = pending
            pending.removeAll()
            joined.append(contentsOf: chunk[..<borrowed])
            let isLast = borrowed == chunk.count
            let consumed = try joined.withBytes { (bytes) throws(ParseError) in try filter(bytes, final: final && isLast, into: sink) }
            if isLast {
                if consumed < joined.count { pending.append(contentsOf: joined[consumed...]) }
                return
            }
            if consumed >= carried {
                let rest = UnsafeRawBufferPointer(rebasing: chunk[(consumed - carried)...])
                let restConsumed = try filter(rest, final: final, into: sink)
                if restConsumed < rest.count { pending.append(contentsOf: rest[restConsumed...]) }
                return
            }
            pending = Array(joined[consumed...])
            pending.append(contentsOf: chunk[borrowed...])
            let whole = pending
            pending.removeAll()
            let wholeConsumed = try whole.withBytes { (bytes) throws(ParseError) in try filter(bytes, final: final, into: sink) }
            if wholeConsumed < whole.count { pending.append(contentsOf: whole[wholeConsumed...]) }
            return
        }
        var joined = pending
        joined.append(contentsOf: chunk.assumingMemoryBound(to: UInt8.self))
        pending.removeAll()
        try joined.withBytes { (bytes) throws(ParseError) in
            var start = 0
            if state == .prolog {
                guard let rootStart = try readProlog(bytes, final: final, into: sink) else {
                    pending.append(contentsOf: bytes)
                    return
                }
                start = rootStart
            }
            let rest = UnsafeRawBufferPointer(rebasing: bytes[start...])
            let consumed = try filter(rest, final: final, into: sink)
            if consumed < rest.count { pending.append(contentsOf: rest[consumed...]) }
        }
    }

    // MARK: - Content

    private static let contentMask: UInt8 = 1, cdataMask: UInt8 = 2, commentMask: UInt8 = 4, piMask: UInt8 = 8

    /// Per byte: which states must look at it.
    private static let interesting: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for control in 0..<0x20 where control != 0x09 && control != 0x0A && control != 0x0D {
            table[control] = contentMask | cdataMask | commentMask | piMask
        }
        table[Int(UInt8(ascii: "&"))] |= contentMask
        table[Int(UInt8(ascii: "<"))] |= contentMask
        table[Int(UInt8(ascii: "]"))] |= cdataMask
        table[Int(UInt8(ascii: "-"))] |= commentMask
        table[Int(UInt8(ascii: "?"))] |= piMask
        for byte in 0x80...0xFF { table[byte] = contentMask | cdataMask | commentMask | piMask }
        return table
    }()

    /// Filters as much of `bytes` as can be decided now; returns how many bytes were consumed.
    private func filter(_ bytes: UnsafeRawBufferPointer, final: Bool, into sink: (UnsafeRawBufferPointer) -> Void) throws(ParseError) -> Int {
        let count = bytes.count
        var spanStart = 0
        var index = 0
        func flush(upTo end: Int) {
            if end > spanStart { sink(UnsafeRawBufferPointer(rebasing: bytes[spanStart..<end])) }
        }
        func emit(_ replacement: [UInt8]) { replacement.withUnsafeBytes { sink($0) } }
        func starts(with marker: StaticString, at position: Int) -> Bool? {
            let length = marker.utf8CodeUnitCount
            if position + length > count { return final ? false : nil }
            for offset in 0..<length where bytes[position + offset] != marker.utf8Start[offset] { return false }
            return true
        }
        return try Self.interesting.withUnsafeBufferPointer { (table) throws(ParseError) -> Int in
            while index < count {
                let mask: UInt8
                let special: UInt64
                switch state {
                case .content: (mask, special) = (Self.contentMask, 0x26)
                case .cdata: (mask, special) = (Self.cdataMask, 0x5D)
                case .comment: (mask, special) = (Self.commentMask, 0x2D)
                case .processingInstruction, .prolog: (mask, special) = (Self.piMask, 0x3F)
                }
                // Eight bytes at a time while none can matter: no control byte, no `special`, and
                // (in content) no `<`. A "maybe" falls through to the byte loop.
                let specialWord = special &* 0x0101_0101_0101_0101
                let lessThanWord: UInt64 = state == .content ? 0x3C3C_3C3C_3C3C_3C3C : specialWord
                while index + 8 <= count {
                    let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    // Control bytes, and (high bit) the bytes of multi-byte characters, to validate.
                    let controls = ((word &- 0x2020_2020_2020_2020) & ~word) | word
                    let first = word ^ specialWord
                    let second = word ^ lessThanWord
                    let zeros = ((first &- 0x0101_0101_0101_0101) & ~first) | ((second &- 0x0101_0101_0101_0101) & ~second)
                    if (controls | zeros) & 0x8080_8080_8080_8080 != 0 {
                        // Maybe: most often a line break. Look at these eight bytes one by one.
                        var offset = 0
                        while offset < 8, table[Int(bytes[index + offset])] & mask == 0 { offset += 1 }
                        if offset < 8 {
                            index += offset
                            break
                        }
                    }
                    index += 8
                }
                while index < count, table[Int(bytes[index])] & mask == 0 { index += 1 }
                guard index < count else { break }
                let byte = bytes[index]
                if byte >= 0x80 {
                    // UTF-8 is validated here, in the same pass: an invalid byte is read as
                    // windows-1252 (the usual cause), one cut off by the end of the piece waits.
                    let length = UTF8Validation.sequenceLength(bytes, at: index)
                    if length > 0 {
                        index += length
                        continue
                    }
                    if !final && UTF8Validation.truncatedSequence(bytes, at: index) {
                        flush(upTo: index)
                        return index
                    }
                    flush(upTo: index)
                    var replacement: [UInt8] = []
                    UTF8Transcoder.appendWindows1252(byte, to: &replacement)
                    emit(replacement)
                    invalidUTF8Count += 1
                    index += 1
                    spanStart = index
                    continue
                }
                if byte < 0x20 {
                    flush(upTo: index)
                    controlCharacterCount += 1
                    // A vertical tab or form feed separated words: keep a space; other controls go.
                    if byte == 0x0B || byte == 0x0C { emit(Self.space) }
                    index += 1
                    spanStart = index
                    continue
                }
                switch state {
                case .content:
                    if byte == UInt8(ascii: "<") {
                        guard index + 1 < count else {
                            if final { index += 1; continue }
                            flush(upTo: index)
                            return index
                        }
                        let next = bytes[index + 1]
                        if next == UInt8(ascii: "!") {
                            guard let isComment = starts(with: "<!--", at: index), let isCDATA = starts(with: "<![CDATA[", at: index) else {
                                flush(upTo: index)
                                return index
                            }
                            if isComment { state = .comment; index += 4; continue }
                            if isCDATA { state = .cdata; index += 9; continue }
                        } else if next == UInt8(ascii: "?") {
                            state = .processingInstruction
                            index += 2
                            continue
                        }
                        index += 1
                        continue
                    }
                    // An ampersand.
                    switch try examineReference(bytes, at: index, final: final) {
                    case .keep(let length):
                        index += length
                    case .replace(let replacement, let length):
                        flush(upTo: index)
                        emit(replacement)
                        index += length
                        spanStart = index
                    case .needMore:
                        flush(upTo: index)
                        return index
                    }
                case .cdata, .comment, .processingInstruction, .prolog:
                    let terminator: StaticString = state == .cdata ? "]]>" : state == .comment ? "-->" : "?>"
                    guard let ends = starts(with: terminator, at: index) else {
                        flush(upTo: index)
                        return index
                    }
                    if ends {
                        index += terminator.utf8CodeUnitCount
                        state = .content
                    } else {
                        index += 1
                    }
                }
            }
            flush(upTo: count)
            return count
        }
    }

    private enum Reference { case keep(Int), replace([UInt8], Int), needMore }

    private static let predefined: Set<String> = ["amp", "lt", "gt", "quot", "apos"]
    private static let ampersandEscape = Array("&amp;".utf8)
    private static let space: [UInt8] = [0x20]

    /// Decides what to do with the `&` at `start`.
    private func examineReference(_ bytes: UnsafeRawBufferPointer, at start: Int, final: Bool) throws(ParseError) -> Reference {
        let count = bytes.count
        let limit = min(count, start + 64)
        var end = start + 1
        func isNameByte(_ byte: UInt8) -> Bool {
            (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "#") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: ":")
        }
        while end < limit, isNameByte(bytes[end]) { end += 1 }
        if end == limit && limit == count && !final { return .needMore }
        guard end < count, bytes[end] == UInt8(ascii: ";"), end > start + 1 else { return bareAmpersand() }
        let length = end - start + 1
        // The five predefined entities and plain decimal references are the rule (escaped HTML is
        // full of them): decide those from the bytes, without making a string.
        if Self.isPredefined(bytes, start + 1, end) { return .keep(length) }
        if bytes[start + 1] == UInt8(ascii: "#"), end - start >= 3, end - start <= 9 {
            var code: UInt32 = 0
            var isDecimal = true
            for index in (start + 2)..<end {
                let digit = bytes[index] &- 0x30
                guard digit <= 9 else {
                    isDecimal = false
                    break
                }
                code = code * 10 + UInt32(digit)
            }
            if isDecimal && (code >= 0xA0 && code <= 0xD7FF || code == 0x9 || code == 0xA || code == 0xD || code >= 0x20 && code < 0x80) {
                return .keep(length)
            }
        }
        let name = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(start + 1)..<end]), as: UTF8.self)
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let code: UInt32?
            if digits.first == "x" || digits.first == "X" {
                code = UInt32(digits.dropFirst(), radix: 16)
            } else {
                code = digits.allSatisfy(\.isASCII) ? UInt32(digits) : nil
            }
            guard let code else { return bareAmpersand() }
            let scalar = HTMLEntities.scalar(forReference: code)
            if scalar.value == code && Self.isXMLCharacter(code) { return .keep(length) }
            if code >= 0x80 && code <= 0x9F { windows1252ReferenceCount += 1 } else { controlCharacterCount += 1 }
            return .replace(Self.numericReference([scalar]), length)
        }
        if Self.predefined.contains(name) { return .keep(length) }
        if let entity = declared[name] {
            switch entity {
            case .text(let value):
                expandedBytes += value.count
                guard expandedBytes <= expansionLimit else {
                    throw ParseError("entity expansion passed \(expansionLimit) bytes at '&\(name);': refused (an entity-expansion attack?)")
                }
                return .replace(value, length)
            case .nested:
                throw ParseError("entity '\(name)' expands to other entities: nested entity expansion is refused (a \"billion laughs\" attack?)")
            case .external:
                externalEntityCount += 1
                return .replace([], length)
            }
        }
        if let characters = HTMLEntities.characters(named: name) {
            htmlEntityCount += 1
            if firstHTMLEntity == nil { firstHTMLEntity = name }
            return .replace(Self.numericReference(Array(characters.unicodeScalars)), length)
        }
        return bareAmpersand()
    }

    private static func isPredefined(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
        switch end - start {
        case 2:
            return (bytes[start] == UInt8(ascii: "l") || bytes[start] == UInt8(ascii: "g")) && bytes[start + 1] == UInt8(ascii: "t")
        case 3:
            return bytes[start] == UInt8(ascii: "a") && bytes[start + 1] == UInt8(ascii: "m") && bytes[start + 2] == UInt8(ascii: "p")
        case 4:
            let word = bytes.loadUnaligned(fromByteOffset: start, as: UInt32.self)
            return word == UInt32(littleEndian: 0x746F_7571) || word == UInt32(littleEndian: 0x736F_7061)  // "quot", "apos"
        default:
            return false
        }
    }

    private func bareAmpersand() -> Reference {
        bareAmpersandCount += 1
        return .replace(Self.ampersandEscape, 1)
    }

    private static func isXMLCharacter(_ code: UInt32) -> Bool {
        code == 0x9 || code == 0xA || code == 0xD || (code >= 0x20 && code <= 0xD7FF) || (code >= 0xE000 && code <= 0xFFFD)
            || (code >= 0x10000 && code <= 0x10FFFF)
    }

    private static func numericReference(_ scalars: [Unicode.Scalar]) -> [UInt8] {
        var out: [UInt8] = []
        for scalar in scalars {
            let code = isXMLCharacter(scalar.value) ? scalar.value : 0xFFFD
            out.append(contentsOf: Array("&#\(code);".utf8))
        }
        return out
    }

    // MARK: - Prolog

    /// Reads the prolog once it is complete: drops junk, the declaration, comments and the DOCTYPE
    /// (keeping their newlines), records declared entities, and returns where the root element
    /// starts; nil when more bytes are needed.
    ///
    /// The limit is on where the root element starts, not on how many bytes came at once: a whole
    /// document of more than `prologLimit` bytes handed over in one piece (as a poll does) had been
    /// refused with "no root element" although its root began at byte 22.
    private func readProlog(_ bytes: UnsafeRawBufferPointer, final: Bool, into sink: (UnsafeRawBufferPointer) -> Void) throws(ParseError) -> Int? {
        let rootStart = try scanProlog(bytes, final: final, into: sink)
        if let rootStart, rootStart <= Self.prologLimit { return rootStart }
        if rootStart != nil || bytes.count > Self.prologLimit {
            throw ParseError("no root element in the first \(Self.prologLimit) bytes")
        }
        return nil
    }

    private func scanProlog(_ bytes: UnsafeRawBufferPointer, final: Bool, into sink: (UnsafeRawBufferPointer) -> Void) throws(ParseError) -> Int? {
        // Wait for a few KB (or the end) so that junk ahead of a late XML declaration is seen.
        let window = 4096
        if bytes.count < window && !final { return nil }
        var index = 0
        if let declaration = find(Array("<?xml".utf8), in: bytes, from: 0, before: min(bytes.count, window)), declaration > 0 {
            junkByteCount += bytes[..<declaration].filter { !Self.isSpace($0) }.count
            index = declaration
        }
        while index < bytes.count {
            let byte = bytes[index]
            if Self.isSpace(byte) { index += 1; continue }
            guard byte == UInt8(ascii: "<"), index + 1 < bytes.count else {
                if byte == UInt8(ascii: "<") && !final { return nil }
                junkByteCount += 1
                index += 1
                continue
            }
            let next = bytes[index + 1]
            if next == UInt8(ascii: "?") {
                guard let end = find(Array("?>".utf8), in: bytes, from: index + 2) else { return final ? bytes.count : nil }
                index = end + 2
            } else if next == UInt8(ascii: "!") {
                if hasPrefix("<!--", bytes, at: index) {
                    guard let end = find(Array("-->".utf8), in: bytes, from: index + 4) else { return final ? bytes.count : nil }
                    index = end + 3
                } else if hasPrefix("<!DOCTYPE", bytes, at: index) {
                    guard let end = try readDoctype(bytes, from: index + 9) else {
                        if final { throw ParseError("the DOCTYPE is not closed") }
                        return nil
                    }
                    index = end
                } else {
                    junkByteCount += 1
                    index += 1
                }
            } else if Self.isNameStart(next) {
                let newlines = bytes[..<index].filter { $0 == UInt8(ascii: "\n") }.count
                let filler = [UInt8](repeating: UInt8(ascii: "\n"), count: newlines)
                filler.withUnsafeBytes { sink($0) }
                state = .content
                return index
            } else {
                junkByteCount += 1
                index += 1
            }
        }
        if final { throw ParseError("not XML: no element in the document (binary data or plain text?)") }
        return nil
    }

    /// Reads a DOCTYPE from just after `<!DOCTYPE` to just after its `>`, recording the entities of
    /// its internal subset; nil when the bytes end first.
    private func readDoctype(_ bytes: UnsafeRawBufferPointer, from start: Int) throws(ParseError) -> Int? {
        var index = start
        var tokens: [String] = []
        while index < bytes.count {
            let byte = bytes[index]
            if Self.isSpace(byte) { index += 1; continue }
            if byte == UInt8(ascii: ">") {
                if tokens.count >= 3, tokens[1] == "PUBLIC" { doctypePublicID = tokens[2] }
                return index + 1
            }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                guard let end = bytes[(index + 1)...].firstIndex(of: byte) else { return nil }
                tokens.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(index + 1)..<end]), as: UTF8.self))
                index = end + 1
                continue
            }
            if byte == UInt8(ascii: "[") {
                guard let end = try readInternalSubset(bytes, from: index + 1) else { return nil }
                index = end
                continue
            }
            let tokenStart = index
            while index < bytes.count, !Self.isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">"), bytes[index] != UInt8(ascii: "[") {
                index += 1
            }
            tokens.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[tokenStart..<index]), as: UTF8.self))
        }
        return nil
    }

    /// Reads declarations up to the `]` that closes the internal subset; returns the index after it.
    private func readInternalSubset(_ bytes: UnsafeRawBufferPointer, from start: Int) throws(ParseError) -> Int? {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "]") { return index + 1 }
            if hasPrefix("<!--", bytes, at: index) {
                guard let end = find(Array("-->".utf8), in: bytes, from: index + 4) else { return nil }
                index = end + 3
                continue
            }
            if byte == UInt8(ascii: "<") {
                // A declaration: read to its `>`, minding quoted strings.
                var cursor = index + 1
                var parts: [(text: String, quoted: Bool)] = []
                var closed = false
                while cursor < bytes.count {
                    let current = bytes[cursor]
                    if current == UInt8(ascii: ">") { closed = true; cursor += 1; break }
                    if current == UInt8(ascii: "\"") || current == UInt8(ascii: "'") {
                        guard let end = bytes[(cursor + 1)...].firstIndex(of: current) else { return nil }
                        parts.append((String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(cursor + 1)..<end]), as: UTF8.self), true))
                        cursor = end + 1
                        continue
                    }
                    if Self.isSpace(current) { cursor += 1; continue }
                    let tokenStart = cursor
                    while cursor < bytes.count, !Self.isSpace(bytes[cursor]), bytes[cursor] != UInt8(ascii: ">"),
                        bytes[cursor] != UInt8(ascii: "\""), bytes[cursor] != UInt8(ascii: "'")
                    {
                        cursor += 1
                    }
                    parts.append((String(decoding: UnsafeRawBufferPointer(rebasing: bytes[tokenStart..<cursor]), as: UTF8.self), false))
                }
                guard closed else { return nil }
                recordEntity(parts)
                index = cursor
                continue
            }
            index += 1
        }
        return nil
    }

    /// Records `<!ENTITY name "value">` (general entities only; parameter entities are never used,
    /// since the DTD itself is not processed).
    private func recordEntity(_ parts: [(text: String, quoted: Bool)]) {
        guard parts.count >= 3, parts[0].text == "!ENTITY", !parts[1].quoted, parts[1].text != "%" else { return }
        let name = parts[1].text
        guard declared[name] == nil else { return }  // the first declaration binds
        if !parts[2].quoted {
            declared[name] = .external  // SYSTEM or PUBLIC
            return
        }
        let value = parts[2].text
        if value.contains("%") || Self.referencesEntity(value) {
            declared[name] = .nested
            return
        }
        var bytes: [UInt8] = []
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: Array("&#34;".utf8))
            case UInt8(ascii: "'"): bytes.append(contentsOf: Array("&#39;".utf8))
            default: bytes.append(byte)
            }
        }
        declared[name] = .text(bytes)
    }

    /// True when `value` holds a general entity reference other than the five XML predefines.
    private static func referencesEntity(_ value: String) -> Bool {
        var rest = Substring(value)
        while let ampersand = rest.firstIndex(of: "&") {
            let after = rest[rest.index(after: ampersand)...]
            guard let semicolon = after.firstIndex(of: ";") else { return false }
            let name = after[..<semicolon]
            if !name.hasPrefix("#") && !predefined.contains(String(name)) { return true }
            rest = after[after.index(after: semicolon)...]
        }
        return false
    }

    // MARK: - Bytes

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private static func isNameStart(_ byte: UInt8) -> Bool {
        (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    private func hasPrefix(_ prefix: StaticString, _ bytes: UnsafeRawBufferPointer, at index: Int) -> Bool {
        let length = prefix.utf8CodeUnitCount
        guard index + length <= bytes.count else { return false }
        for offset in 0..<length where bytes[index + offset] != prefix.utf8Start[offset] { return false }
        return true
    }

    private func find(_ needle: [UInt8], in bytes: UnsafeRawBufferPointer, from start: Int, before end: Int? = nil) -> Int? {
        let stop = (end ?? bytes.count) - needle.count
        guard start <= stop else { return nil }
        var index = start
        while index <= stop {
            guard let first = bytes[index...stop].firstIndex(of: needle[0]) else { return nil }
            var matches = true
            for offset in 1..<needle.count where bytes[first + offset] != needle[offset] {
                matches = false
                break
            }
            if matches { return first }
            index = first + 1
        }
        return nil
    }
}
