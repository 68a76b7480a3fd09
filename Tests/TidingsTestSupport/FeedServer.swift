import FlyingFox
import Foundation

/// A real HTTP server on 127.0.0.1, on a port the kernel picks, for tests that fetch over HTTP.
public final class FeedServer: Sendable {
    public let port: UInt16
    private let server: HTTPServer
    private let task: Task<Void, any Error>

    /// Starts a server; `configure` adds its routes before it listens.
    public static func start(_ configure: @Sendable (HTTPServer) async -> Void) async throws -> FeedServer {
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: 0), timeout: 30, logger: .disabled)
        await configure(server)
        let task = Task { try await server.run() }
        try await server.waitUntilListening(timeout: 10)
        guard case .ip4(_, let port) = await server.listeningAddress else {
            task.cancel()
            throw TestSupportError("the test HTTP server is not listening on IPv4")
        }
        return FeedServer(server: server, task: task, port: port)
    }

    private init(server: HTTPServer, task: Task<Void, any Error>, port: UInt16) {
        self.server = server
        self.task = task
        self.port = port
    }

    /// The absolute URL of `path` on this server.
    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    public func stop() async {
        await server.stop(timeout: 1)
        task.cancel()
    }
}

/// A response with a body and headers, in one call.
public func response(
    _ status: Int = 200, body: String = "", headers: [String: String] = [:]
) -> HTTPResponse {
    var httpHeaders = HTTPHeaders()
    for (name, value) in headers { httpHeaders[HTTPHeader(name)] = value }
    return HTTPResponse(statusCode: HTTPStatusCode(status, phrase: "Status \(status)"), headers: httpHeaders, body: Data(body.utf8))
}

/// A response with a body of raw bytes (a document in a legacy encoding, say).
public func response(_ status: Int = 200, data: Data, headers: [String: String] = [:]) -> HTTPResponse {
    var httpHeaders = HTTPHeaders()
    for (name, value) in headers { httpHeaders[HTTPHeader(name)] = value }
    return HTTPResponse(statusCode: HTTPStatusCode(status, phrase: "Status \(status)"), headers: httpHeaders, body: data)
}

/// Counts calls from concurrent handlers.
public final class Counter: Sendable {
    private let lock = NSLock()
    nonisolated(unsafe) private var value = 0

    public init() {}

    @discardableResult
    public func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }

    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}

public struct TestSupportError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
