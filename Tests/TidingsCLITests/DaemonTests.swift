import Foundation
import Synchronization
import TidingsTestSupport
import XCTest

/// The running daemon beside the CLI: a reload that takes effect, a feed removed while it runs, and
/// dumps while it ingests.
final class DaemonTests: XCTestCase {
    var folder: TemporaryDirectory!
    var db: String { folder.file("d.sqlite") }
    var config: String { folder.file("d.toml") }

    override func setUpWithError() throws { folder = try TemporaryDirectory() }
    override func tearDown() { folder.remove() }

    @discardableResult
    private func tidings(_ arguments: [String], expect status: Int32 = 0) throws -> TidingsBinary.Result {
        let result = try TidingsBinary.run(["--config", config, "--db", db] + arguments)
        XCTAssertEqual(result.status, status, "tidings \(arguments.joined(separator: " ")): \(result.stderr)")
        return result
    }

    private func startDaemon(socket: NotifySocket) throws -> Process {
        let process = try DaemonProcess.start(config: config, db: db, socket: socket)
        XCTAssertFalse(socket.receive(until: { $0.contains("READY=1") }).isEmpty, "the daemon is ready")
        return process
    }

    private func stop(_ process: Process) { DaemonProcess.stop(process) }

    private func waitUntil(_ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date() + 15
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    func testSIGHUPReloadsTheConfigForTheNextPolls() async throws {
        let agents = Mutex<[String: String]>([:])
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /*") { request in
                agents.withLock { $0[request.path] = request.headers[.init("User-Agent")] ?? "" }
                return response(200, body: CLITests.feed(guid: request.path, link: "https://a.example\(request.path)"))
            }
        }
        try "[fetch]\nuser_agent = \"before-reload\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        try tidings(["add", server.url("/first.xml")])
        let socket = try NotifySocket(path: folder.file("notify.sock"))
        defer { socket.close() }
        let daemon = try startDaemon(socket: socket)
        defer { if daemon.isRunning { daemon.terminate() } }
        XCTAssertTrue(waitUntil { agents.withLock { $0["/first.xml"] } != nil })

        try "[fetch]\nuser_agent = \"after-reload\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        kill(daemon.processIdentifier, SIGHUP)
        XCTAssertTrue(socket.receive(until: { $0.contains("READY=1") }).contains { $0.hasPrefix("RELOADING=1") })
        try tidings(["add", server.url("/second.xml")])
        XCTAssertTrue(waitUntil { agents.withLock { $0["/second.xml"] } != nil }, "the daemon polls a feed added since")
        XCTAssertEqual(agents.withLock { $0 }, ["/first.xml": "before-reload", "/second.xml": "after-reload"])

        // A config that does not load: the reload is refused and the one in force stays.
        try "[poll\n".write(toFile: config, atomically: true, encoding: .utf8)
        kill(daemon.processIdentifier, SIGHUP)
        XCTAssertTrue(socket.receive(until: { $0.contains("READY=1") }).contains { $0.hasPrefix("RELOADING=1") })
        try "".write(toFile: config, atomically: true, encoding: .utf8)
        try tidings(["add", server.url("/third.xml")])
        XCTAssertTrue(waitUntil { agents.withLock { $0["/third.xml"] } != nil })
        XCTAssertTrue(daemon.isRunning)
        XCTAssertEqual(agents.withLock { $0["/third.xml"] }, "after-reload", "the last config that loaded")
        stop(daemon)
        await server.stop()
    }

    /// SIGTERM or SIGINT in the middle of a round: the transfer still hanging is cut off after the
    /// grace (5 s) and is not counted as the feed's error; what was fetched is stored; exit 0.
    func testStopSignalMidRoundCutsOffWhatHangsKeepsWhatWasFetchedAndExitsZero() async throws {
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /*") { request in
                if request.path.hasPrefix("/hang") { try? await Task.sleep(for: .seconds(60)) }
                // A short text of its own: no copy of another feed's.
                return response(200, body: """
                    <rss version="2.0"><channel><title>\(request.path)</title><item><guid>\(request.path)</guid>
                    <title>\(request.path)</title><description>The story told at \(request.path).</description></item></channel></rss>
                    """)
            }
        }
        try "[fetch]\nhost_spacing = \"0s\"\nper_host = 4\n".write(toFile: config, atomically: true, encoding: .utf8)
        for (round, signal) in [(1, SIGTERM), (2, SIGINT)] {
            try tidings(["add", server.url("/hang\(round).xml")])
            try tidings(["add", server.url("/fast\(round).xml")])
            let socket = try NotifySocket(path: folder.file("notify\(round).sock"))
            defer { socket.close() }
            let daemon = try startDaemon(socket: socket)
            defer { if daemon.isRunning { daemon.terminate() } }
            XCTAssertTrue(try waitUntil { try tidings(["dump", "--peek", "--new", "--consumer", "x"]).stdoutLines.count == round })
            let signalled = Date()
            kill(daemon.processIdentifier, signal)
            daemon.waitUntilExit()
            XCTAssertEqual(daemon.terminationStatus, 0, "signal \(signal)")
            XCTAssertLessThan(Date().timeIntervalSince(signalled), 15, "the hanging transfer was cut off")
            let hanging = try tidings(["list"]).stdoutLines.first { $0.contains("/hang\(round).xml") } ?? ""
            XCTAssertTrue(hanging.contains("\tfetched never\tstatus -\terrors 0\t"), "interrupted, not failed: \(hanging)")
        }
        await server.stop()
    }

    /// A round held up by a slow server (here until the feed added meanwhile is fetched, or 20 s)
    /// takes in a feed added with the CLI: the user does not wait for the round's end.
    func testFeedAddedDuringALongRoundJoinsItWithinSeconds() async throws {
        let addedFetchedAt = Mutex<Date?>(nil)
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /*") { request in
                if request.path == "/added.xml" {
                    addedFetchedAt.withLock { $0 = $0 ?? Date() }
                } else {
                    let deadline = Date() + 20
                    while addedFetchedAt.withLock({ $0 }) == nil && Date() < deadline {
                        try? await Task.sleep(for: .milliseconds(50))
                    }
                }
                return response(200, body: """
                    <rss version="2.0"><channel><title>\(request.path)</title><item><guid>\(request.path)</guid>
                    <title>\(request.path)</title><description>The story told at \(request.path).</description></item></channel></rss>
                    """)
            }
        }
        try "[fetch]\nhost_spacing = \"0s\"\nper_host = 4\n".write(toFile: config, atomically: true, encoding: .utf8)
        try tidings(["add", server.url("/slow.xml")])
        let socket = try NotifySocket(path: folder.file("notify.sock"))
        defer { socket.close() }
        let daemon = try startDaemon(socket: socket)
        defer { if daemon.isRunning { daemon.terminate() } }
        try await Task.sleep(for: .seconds(1))

        let added = Date()
        try tidings(["add", server.url("/added.xml")])
        XCTAssertTrue(waitUntil { addedFetchedAt.withLock { $0 } != nil }, "the added feed is fetched while the round runs")
        let wait = (addedFetchedAt.withLock { $0 } ?? .distantFuture).timeIntervalSince(added)
        XCTAssertLessThan(wait, 5, "fetched \(wait) s after `add`")
        XCTAssertTrue(
            try waitUntil { try tidings(["dump", "--peek", "--new", "--consumer", "x"]).stdoutLines.count == 2 },
            "both feeds' articles stored")
        stop(daemon)
        await server.stop()
    }

    func testFeedRemovedWhileTheDaemonRunsIsNoLongerPolled() async throws {
        let hits = Counter()
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /failing.xml") { _ in
                hits.increment()
                return response(500)
            }
        }
        // A failing feed retried every second or two: the daemon keeps asking until it is removed.
        try "[poll]\nmin_retry = \"1s\"\nmax_backoff = \"2s\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        try tidings(["add", server.url("/failing.xml")])
        let socket = try NotifySocket(path: folder.file("notify.sock"))
        defer { socket.close() }
        let daemon = try startDaemon(socket: socket)
        defer { if daemon.isRunning { daemon.terminate() } }
        XCTAssertTrue(waitUntil { hits.count >= 2 }, "retried while it fails")

        try tidings(["remove", server.url("/failing.xml")])
        let afterRemoval = hits.count
        try await Task.sleep(for: .seconds(4))
        XCTAssertLessThanOrEqual(hits.count, afterRemoval + 1, "at most a poll already under way")
        stop(daemon)
        await server.stop()
    }

    /// `tidings dump --new --consumer` again and again while the daemon stores thousands of
    /// articles: no "database is locked", and every article delivered exactly once.
    func testDumpsWhileTheDaemonIngestsFailNeverAndDeliverEachArticleOnce() async throws {
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /*") { request in
                // Answers spread over a second or more, so that the round's batches land one by one.
                try? await Task.sleep(for: .milliseconds(200))
                let items = (0..<200).map { number in
                    "<item><guid>\(request.path)-\(number)</guid><title>Story \(number) of \(request.path)</title>"
                        + "<description>Entry \(number) of \(request.path), told once.</description></item>"
                }
                return response(200, body: "<rss version=\"2.0\"><channel><title>\(request.path)</title>\(items.joined())</channel></rss>")
            }
        }
        try "[poll]\nconcurrency = 4\n[fetch]\nhost_spacing = \"0s\"\nper_host = 4\n".write(toFile: config, atomically: true, encoding: .utf8)
        for number in 0..<20 { try tidings(["add", server.url("/feed\(number).xml")]) }
        let socket = try NotifySocket(path: folder.file("notify.sock"))
        defer { socket.close() }
        let daemon = try startDaemon(socket: socket)
        defer { if daemon.isRunning { daemon.terminate() } }

        var delivered: [Int] = []
        var dumpsWithArticles = 0
        var roundDone = false
        let deadline = Date() + 60
        while !roundDone && Date() < deadline {
            roundDone = try tidings(["status"]).stdout.contains("new articles")
            let lines = try tidings(["dump", "--new", "--consumer", "beside"]).stdoutLines
            for line in lines {
                let article = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                delivered.append(article["id"] as! Int)
            }
            if !lines.isEmpty { dumpsWithArticles += 1 }
        }
        XCTAssertEqual(delivered.count, 4_000, "every article of the round")
        XCTAssertEqual(Set(delivered).count, delivered.count, "none twice")
        XCTAssertGreaterThan(dumpsWithArticles, 1, "the dumps ran while the daemon ingested")
        stop(daemon)
        await server.stop()
    }
}
