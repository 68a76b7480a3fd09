import Foundation

/// A document named on the command line: a file path, or `-` for standard input.
enum InputFile {
    static func read(_ path: String) throws -> [UInt8] {
        if path == "-" { return [UInt8](FileHandle.standardInput.readDataToEndOfFile()) }
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                throw CLIError(isDirectory.boolValue ? "\(path): is a folder, not a file" : "\(path): cannot read the file")
            }
            throw CLIError("\(path): no such file")
        }
        return [UInt8](data)
    }

    /// Reads the file (or standard input) in pieces of `chunkSize` bytes, so that a document of
    /// any size costs one piece of memory.
    static func stream(_ path: String, chunkSize: Int = 64 * 1024, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw CLIError(errno == ENOENT ? "\(path): no such file" : "\(path): cannot read the file (\(reason))")
        }
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, chunkSize) }
            if count < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                throw CLIError(errno == EISDIR ? "\(path): is a folder, not a file" : "\(path): cannot read the file (\(reason))")
            }
            if count == 0 { return }
            try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        }
    }

    /// The `file://` URL of a local path, for relative references inside it.
    static func url(ofPath path: String) -> String? {
        guard path != "-" else { return nil }
        return URL(fileURLWithPath: path).standardizedFileURL.absoluteString
    }
}

/// Feed addresses as users type them.
enum FeedAddress {
    /// An absolute http(s) or file URL, percent-encoded where it holds what a URL may not (a space,
    /// non-ASCII letters; an international host name in its ASCII form), as browsers send it; a path
    /// of an existing local file becomes its file:// URL.
    static func normalize(_ text: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if !trimmed.contains("://"), FileManager.default.fileExists(atPath: trimmed) {
            return URL(fileURLWithPath: trimmed).standardizedFileURL.absoluteString
        }
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased() else {
            throw CLIError("not a feed URL: '\(text)' (expected an http://, https:// or file:// URL, or the path of a local file)")
        }
        switch scheme {
        case "http", "https":
            guard let host = components.host, !host.isEmpty else { throw CLIError("not a feed URL: '\(text)' has no host") }
        case "file":
            break
        default:
            throw CLIError("not a feed URL: '\(text)' (scheme '\(scheme)' is not http, https or file)")
        }
        // Kept as typed, libcurl refused "a b.xml" at every poll ("URL using bad/illegal format").
        return components.string ?? trimmed
    }
}
