import Foundation

/// Buffered writes to standard output that report failure (a closed pipe, a full disk) instead of
/// dying on SIGPIPE, so that a caller can decide what was delivered.
struct StandardOutput {
    private var buffer: [UInt8] = []
    private let flushThreshold = 64 * 1024

    init() {
        signal(SIGPIPE, SIG_IGN)
        buffer.reserveCapacity(2 * flushThreshold)
    }

    mutating func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= flushThreshold { try flush() }
    }

    mutating func writeLine(_ text: String) throws {
        try write(text)
        buffer.append(0x0A)
    }

    /// Writes `value` as compact JSON, straight into the buffer.
    mutating func write(json value: JSONValue) throws {
        value.write(to: &buffer)
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Writes `value` as compact JSON and a newline: one line of JSON Lines.
    mutating func writeLine(json value: JSONValue) throws {
        value.write(to: &buffer)
        buffer.append(0x0A)
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Writes out everything buffered and flushes it to the file descriptor.
    mutating func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer[offset...].withUnsafeBytes { Foundation.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw CLIError("cannot write to standard output: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
