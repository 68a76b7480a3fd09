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
