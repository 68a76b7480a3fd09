import Foundation

/// An HTTPS server on 127.0.0.1 that speaks only HTTP/2 (`nghttpd`, Debian's nghttp2-server, which
/// `make test` installs): the files of a folder, under the test certificate in `Tests/Fixtures/tls`.
/// A client that does not negotiate HTTP/2 gets nothing from it.
public final class HTTPSFeedServer {
    public let port: UInt16
    private let process: Process

    /// The test certificate, for the client to trust.
    public static let certificate = Fixtures.path("tls/127.0.0.1.crt")

    public static var nghttpd: String? {
        ["/usr/sbin/nghttpd", "/usr/bin/nghttpd"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Serves the files of `directory`; waits until the server takes connections.
    public init(serving directory: String) throws {
        guard let nghttpd = Self.nghttpd else { throw TestSupportError("nghttpd is missing: `make deps` installs nghttp2-server") }
        port = try Self.freePort()
        process = Process()
        process.executableURL = URL(fileURLWithPath: nghttpd)
        process.arguments = [
            "--htdocs=\(directory)", "--address=127.0.0.1", String(port),
            Fixtures.path("tls/127.0.0.1.key"), Self.certificate,
        ]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        let deadline = Date() + 10
        while !Self.accepts(port) {
            guard process.isRunning, Date() < deadline else {
                stop()
                throw TestSupportError("nghttpd did not start listening on 127.0.0.1:\(port)")
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    public func url(_ path: String) -> String { "https://127.0.0.1:\(port)\(path)" }

    public func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    deinit { stop() }

    /// A port the kernel just handed out and took back: free, barring a race with another process.
    private static func freePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestSupportError("socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw TestSupportError("bind: \(String(cString: strerror(errno)))") }
        return UInt16(bigEndian: address.sin_port)
    }

    private static func accepts(_ port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        return address
    }
}
