#if canImport(Glibc)
    import Glibc
#endif

/// Turns a document's bytes into UTF-8, chunk by chunk, whatever it was written in. UTF-8 passes
/// through (`XMLRepairFilter` validates it in its own pass); windows-1252 is decoded here; anything
/// else goes through iconv, and bytes iconv cannot read become U+FFFD and are counted.
final class UTF8Transcoder {
    private enum Mode { case utf8, windows1252, iconv(UnsafeMutableRawPointer) }

    private var mode: Mode
    /// Bytes of a character that the end of the last chunk cut in two.
    private var pending: [UInt8] = []
    /// Reused output space (a fresh large buffer per chunk costs page faults).
    private var scratch: [UInt8] = []
    /// Bytes that could not be read in the document's encoding.
    private(set) var repairedByteCount = 0

    /// - Returns: nil when the system has no converter for `encoding`.
    init?(encoding: DocumentEncoding) {
        switch encoding.name {
        case DocumentEncoding.utf8Name: mode = .utf8
        case DocumentEncoding.windows1252Name: mode = .windows1252
        default:
            guard let descriptor = iconv_open("UTF-8", encoding.name), Int(bitPattern: descriptor) != -1 else { return nil }
            mode = .iconv(descriptor)
        }
    }

    deinit {
        if case .iconv(let descriptor) = mode { iconv_close(descriptor) }
    }

    /// Converts `chunk`, handing UTF-8 to `sink` (possibly in several pieces). With `final`, a
    /// character left incomplete at the end counts as unreadable.
    func write<E: Error>(
        _ chunk: UnsafeRawBufferPointer, final: Bool, into sink: (UnsafeRawBufferPointer) throws(E) -> Void
    ) throws(E) {
        if pending.isEmpty {
            try convert(chunk, final: final, into: sink)
            return
        }
        // A character cut by the last chunk: finish it with the first bytes of this one (a few
        // bytes, not a copy of the whole chunk), then go on in place.
        let carried = pending.count
        let borrowed = min(chunk.count, 8)
        var joined = pending
        pending.removeAll()
        joined.append(contentsOf: chunk[..<borrowed])
        let isLast = borrowed == chunk.count
        try joined.withBytes { (bytes) throws(E) in try convert(bytes, final: final && isLast, into: sink) }
        if isLast { return }
        let consumed = joined.count - pending.count
        guard consumed >= carried else {
            // Still incomplete after eight more bytes (not a real character): take the rest whole.
            var rest = pending
            pending.removeAll()
            rest.append(contentsOf: chunk[borrowed...])
            try rest.withBytes { (bytes) throws(E) in try convert(bytes, final: final, into: sink) }
            return
        }
        // What the conversion kept back lies inside this chunk: take it up from there.
        pending.removeAll()
        try convert(UnsafeRawBufferPointer(rebasing: chunk[(consumed - carried)...]), final: final, into: sink)
    }

    private func convert<E: Error>(
        _ bytes: UnsafeRawBufferPointer, final: Bool, into sink: (UnsafeRawBufferPointer) throws(E) -> Void
    ) throws(E) {
        switch mode {
        case .utf8:
            // UTF-8 passes through: the repair filter validates it in its own pass over the bytes.
            try sink(bytes)
        case .windows1252: try decodeWindows1252(bytes, into: sink)
        case .iconv(let descriptor): try decodeWithIconv(descriptor, bytes, final: final, into: sink)
        }
    }

    private func decodeWindows1252<E: Error>(
        _ bytes: UnsafeRawBufferPointer, into sink: (UnsafeRawBufferPointer) throws(E) -> Void
    ) throws(E) {
        var out: [UInt8] = []
        swap(&out, &scratch)
        out.removeAll(keepingCapacity: true)
        out.reserveCapacity(bytes.count + bytes.count / 8)
        defer { scratch = out }
        var index = 0
        while index < bytes.count {
            let next = UTF8Validation.firstNonASCII(bytes, from: index)
            if next > index { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[index..<next]).assumingMemoryBound(to: UInt8.self)) }
            guard next < bytes.count else { break }
            Self.appendWindows1252(bytes[next], to: &out)
            index = next + 1
        }
        try out.withBytes { (piece) throws(E) in try sink(piece) }
    }

    /// One windows-1252 byte (0x80–0xFF) as UTF-8.
    static func appendWindows1252(_ byte: UInt8, to out: inout [UInt8]) {
        let scalar = byte >= 0x80 && byte <= 0x9F ? HTMLEntities.windows1252C1[Int(byte - 0x80)] : Unicode.Scalar(byte)
        out.append(contentsOf: UTF8.encode(scalar)!)
    }

    private func decodeWithIconv<E: Error>(
        _ descriptor: UnsafeMutableRawPointer, _ bytes: UnsafeRawBufferPointer, final: Bool,
        into sink: (UnsafeRawBufferPointer) throws(E) -> Void
    ) throws(E) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        var out = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
        var inputPointer = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: CChar.self))
        var inputLeft = bytes.count
        var produced = 0
        while inputLeft > 0 {
            let (result, written, failure) = out.withUnsafeMutableBytes { buffer in
                var outputPointer: UnsafeMutablePointer<CChar>? = (buffer.baseAddress! + produced).assumingMemoryBound(to: CChar.self)
                var outputLeft = buffer.count - produced
                var inputOptional: UnsafeMutablePointer<CChar>? = inputPointer
                let result = iconv(descriptor, &inputOptional, &inputLeft, &outputPointer, &outputLeft)
                let failure = result == -1 ? errno : 0
                inputPointer = inputOptional!
                return (result, buffer.count - produced - outputLeft, failure)
            }
            produced += written
            guard result == -1 else { break }
            if failure == E2BIG {
                out.append(contentsOf: [UInt8](repeating: 0, count: out.count))
            } else if failure == EINVAL && !final {
                // A character cut by the end of the chunk: keep its bytes for the next one.
                pending.append(contentsOf: UnsafeRawBufferPointer(start: inputPointer, count: inputLeft))
                break
            } else {
                // Unreadable (or cut off at the very end): one U+FFFD, then go on after it.
                if out.count - produced < 3 { out.append(contentsOf: [0, 0, 0]) }
                out.replaceSubrange(produced..<(produced + 3), with: [0xEF, 0xBF, 0xBD])
                produced += 3
                repairedByteCount += 1
                inputPointer += 1
                inputLeft -= 1
            }
        }
        try out.withBytes { (buffer) throws(E) in try sink(UnsafeRawBufferPointer(rebasing: buffer[..<produced])) }
    }
}
