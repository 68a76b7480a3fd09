import Foundation

/// A port on 127.0.0.1 whose listening socket never accepts and whose accept queue is already full,
/// so that the kernel drops every further SYN: a connection to it neither succeeds nor is refused,
/// as with a host that has gone silent behind a firewall. Only a connect timeout ends the wait.
public final class FullListener: @unchecked Sendable {
    public let port: UInt16
    private var sockets: [Int32] = []

    public init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw TestSupportError("socket: \(String(cString: strerror(errno)))") }
        sockets.append(listener)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        // A backlog of 0 still queues one connection: the fillers below take it.
        guard bound == 0, listen(listener, 0) == 0 else { throw TestSupportError("bind/listen: \(String(cString: strerror(errno)))") }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = UInt16(bigEndian: actual.sin_port)
        actual.sin_addr.s_addr = inet_addr("127.0.0.1")
        for _ in 0..<3 {
            let filler = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            guard filler >= 0 else { continue }
            sockets.append(filler)
            _ = withUnsafePointer(to: &actual) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(filler, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        Thread.sleep(forTimeInterval: 0.2)
    }

    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    public func stop() {
        sockets.forEach { close($0) }
        sockets.removeAll()
    }

    deinit { stop() }
}
