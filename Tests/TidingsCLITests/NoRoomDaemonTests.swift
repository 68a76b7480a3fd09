import Foundation
import TidingsTestSupport
import XCTest

/// The daemon when the store has no room to write: it pauses instead of fetching every feed again
/// and again, keeps running, and stores everything once there is room.
final class NoRoomDaemonTests: XCTestCase {
    var folder: TemporaryDirectory!
    /// A small file system mounted for a test, when the test may mount one.
    var mounted: String?

    override func setUpWithError() throws { folder = try TemporaryDirectory() }

    override func tearDown() {
        // Lazily: a daemon a failed test left running may still hold a file there.
        if let mounted { _ = try? run("/bin/umount", ["-l", mounted]) }
        folder.remove()
    }

    /// A feed of 40 entries of about 16 KB each, every word different: more than a megabyte to store.
    static let bigFeed: String = {
        let items = (0..<40).map { entry in
            let words = (0..<2_000).map { "w\(entry)x\($0)" }.joined(separator: " ")
            return "<item><guid>big-\(entry)</guid><title>Story \(entry)</title><description>\(words)</description></item>"
        }
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Big</title>\(items.joined())</channel></rss>"
    }()

    /// A server of `bigFeed` at /big.xml, counting its requests.
    private func serveBigFeed(counting hits: Counter) async throws -> FeedServer {
        try await FeedServer.start { server in
            await server.appendRoute("GET /big.xml") { _ in
                hits.increment()
                return response(200, body: NoRoomDaemonTests.bigFeed)
            }
        }
    }

    /// Writes a config of `settings` and subscribes the database to the server's big feed with it;
    /// returns the config's path.
    private func subscribe(_ server: FeedServer, db: String, settings: String) throws -> String {
        let config = folder.file("settings.toml")
        try settings.write(toFile: config, atomically: true, encoding: .utf8)
        XCTAssertEqual(try TidingsBinary.run(["--config", config, "--db", db, "add", server.url("/big.xml")]).status, 0)
        return config
    }

    private func startDaemon(config: String, db: String, socket: NotifySocket) throws -> Process {
        try DaemonProcess.start(config: config, db: db, socket: socket)
    }

    private func stop(_ process: Process) { DaemonProcess.stop(process) }

    @discardableResult
    private func run(_ tool: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    func testDaemonPastTheSizeLimitPausesInsteadOfFetchingAgainAndLosesNothing() async throws {
        let hits = Counter()
        let server = try await serveBigFeed(counting: hits)
        let db = folder.file("d.sqlite")
        let config = try subscribe(server, db: db, settings: "max_database_bytes = 1048576\n[poll]\nmin_retry = \"10m\"\n")
        let socket = try NotifySocket(path: folder.file("notify.sock"))
        defer { socket.close() }
        let daemon = try startDaemon(config: config, db: db, socket: socket)
        defer { if daemon.isRunning { daemon.terminate() } }

        let paused = socket.receive(until: { $0.contains("STATUS=paused until") })
        XCTAssertTrue(paused.last?.contains("max_database_bytes = 1048576") == true, "the status says why: \(paused)")
        // The feed's poll was not stored, so the feed is still due: without the pause, each check
        // of the schedule (every second) would fetch it again.
        try await Task.sleep(for: .seconds(3))
        XCTAssertEqual(hits.count, 1, "fetched once, then paused")
        stop(daemon)

        // Nothing lost: with room, the next poll fetches the feed again and stores every entry.
        let poll = try TidingsBinary.run(["--db", db, "poll"])
        XCTAssertTrue(poll.stdout.contains("new 40, updated 0, duplicates 0, errors 0"), poll.stdout + poll.stderr)
        await server.stop()
    }

    /// On a real full file system (a small tmpfs; skipped where the test may not mount one): the
    /// daemon starts even so, tries one feed at a time, and resumes by itself once there is room.
    func testDaemonOnAFullDiskKeepsRunningAndResumesWhenThereIsRoom() async throws {
        let disk = folder.file("disk")
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        guard getuid() == 0, try run("/bin/mount", ["-t", "tmpfs", "-o", "size=1m", "tidings-test", disk]) == 0 else {
            throw XCTSkip("mounting a small file system needs root")
        }
        mounted = disk
        let server = try await serveBigFeed(counting: Counter())
        let db = disk + "/d.sqlite"
        let config = try subscribe(server, db: db, settings: "[poll]\nmin_retry = \"1s\"\nstartup_spread = \"1s\"\n")
        let socket = try NotifySocket(path: folder.file("notify.sock"))
        defer { socket.close() }

        var daemon = try startDaemon(config: config, db: db, socket: socket)
        defer { if daemon.isRunning { daemon.terminate() } }
        let paused = socket.receive(until: { $0.contains("STATUS=paused until") })
        XCTAssertTrue(paused.last?.contains("the disk is full") == true, "\(paused)")
        stop(daemon)

        // Started again on the full disk: it runs, and waits.
        daemon = try startDaemon(config: config, db: db, socket: socket)
        XCTAssertFalse(socket.receive(until: { $0.contains("READY=1") }).isEmpty)
        try await Task.sleep(for: .seconds(1))
        XCTAssertTrue(daemon.isRunning, "a full disk does not stop the daemon")

        // Room again: a later try stores the feed, and polling resumes.
        XCTAssertEqual(try run("/bin/mount", ["-o", "remount,size=64m", disk]), 0)
        let resumed = socket.receive(until: { $0.contains("STATUS=polling resumed") })
        XCTAssertTrue(resumed.last?.contains("polling resumed") == true, "\(resumed)")
        stop(daemon)
        XCTAssertEqual(try TidingsBinary.run(["--db", db, "dump"]).stdoutLines.count, 40, "every entry stored")
        await server.stop()
    }
}
