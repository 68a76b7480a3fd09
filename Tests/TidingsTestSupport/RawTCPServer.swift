import Foundation

/// A TCP server on 127.0.0.1 that misbehaves on purpose, below HTTP: it reads a request and then runs
/// `script` on the connection's socket (drip bytes, reset, hang up). Each connection gets a thread;
/// the server stops accepting when stopped, and at most `maxConnections` are served.
public final class RawTCPServer: @unchecked Sendable {
    public let port: UInt16
    private let listener: Int32
    private let script: @Sendable (Int32) -> Void
    private let lock = NSLock()
    private var stopped = false

    public init(maxConnections: Int = 16, script: @escaping @Sendable (_ socket: Int32) -> Void) throws {
        self.script = script
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestSupportError("socket: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else { throw TestSupportError("bind/listen: \(String(cString: strerror(errno)))") }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = UInt16(bigEndian: actual.sin_port)
        listener = fd
        Thread.detachNewThread { [self] in
            for _ in 0..<maxConnections {
                let connection = accept(fd, nil, nil)
                guard connection >= 0, !isStopped else { break }
                Thread.detachNewThread { [script] in
                    // Read the request head (up to the blank line) before misbehaving.
                    var buffer = [UInt8](repeating: 0, count: 4096)
                    var head: [UInt8] = []
                    while !head.suffix(4).elementsEqual([13, 10, 13, 10]) {
                        let count = recv(connection, &buffer, buffer.count, 0)
                        guard count > 0 else { break }
                        head += buffer[0..<count]
                    }
                    script(connection)
                    close(connection)
                }
            }
        }
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    public func stop() {
        lock.withLock { stopped = true }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    /// Sends `text` whole.
    public static func send(_ socket: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Closes with a TCP reset instead of an orderly close.
    public static func reset(_ socket: Int32) {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(socket, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
    }
}
