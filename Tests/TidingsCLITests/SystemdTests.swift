import Foundation
import TidingsTestSupport
import XCTest

/// The daemon as systemd runs it: the notify protocol over a real socket, signals, and the unit file
/// checked by systemd's own tools.
final class SystemdTests: XCTestCase {
    var folder: TemporaryDirectory!
    var db: String { folder.file("d.sqlite") }

    override func setUpWithError() throws { folder = try TemporaryDirectory() }
    override func tearDown() { folder.remove() }

    func testDaemonSpeaksTheNotifyProtocolReloadsOnSIGHUPAndStopsOnSIGTERM() throws {
        let socket = try NotifySocket(path: folder.file("notify.sock"))
        defer { socket.close() }
        try "[fetch]\nallowed_schemes = [\"file\"]\n".write(toFile: folder.file("f.toml"), atomically: true, encoding: .utf8)
        let environment = ["XDG_STATE_HOME": folder.path]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TidingsBinary.path)
        process.arguments = ["daemon", "--config", folder.file("f.toml"), "--db", db]
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["NOTIFY_SOCKET": socket.path, "WATCHDOG_USEC": "2000000"]) { $1 }
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        let ready = socket.receive(until: { $0.contains("READY=1") })
        XCTAssertTrue(ready.first?.contains("READY=1") == true, "READY=1 comes first, once the database is open: \(ready)")
        XCTAssertTrue(ready.first?.contains("STATUS=") == true)
        XCTAssertFalse(socket.receive(until: { $0 == "WATCHDOG=1" }).isEmpty, "the scheduler loop feeds the watchdog")

        try TidingsBinary.run(["--db", db, "add", Fixtures.path("feeds/rss1.rdf")], environment: environment)
        let round = socket.receive(until: { $0.hasPrefix("STATUS=last round") })
        XCTAssertTrue(round.last?.contains("1 feeds, 2 new articles, 0 failed") == true, "\(round)")

        let status = try TidingsBinary.run(["--db", db, "status"], environment: environment)
        XCTAssertEqual(status.status, 0, status.stderr)
        XCTAssertTrue(status.stdout.hasPrefix("daemon: running (pid \(process.processIdentifier)"), status.stdout)
        XCTAssertTrue(status.stdout.contains("feeds: 1 (due now 0, failing 0, gone 0)"), status.stdout)
        XCTAssertTrue(status.stdout.contains("articles stored today (UTC): 2"), status.stdout)

        kill(process.processIdentifier, SIGHUP)
        let reload = socket.receive(until: { $0.contains("READY=1") })
        XCTAssertTrue(reload.contains { $0.hasPrefix("RELOADING=1") }, "\(reload)")
        XCTAssertTrue(reload.last?.contains("READY=1") == true)

        kill(process.processIdentifier, SIGTERM)
        XCTAssertFalse(socket.receive(until: { $0 == "STOPPING=1" }).isEmpty)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let after = try TidingsBinary.run(["--db", db, "status"], environment: environment)
        XCTAssertEqual(after.status, 3)
        XCTAssertTrue(after.stdout.hasPrefix("daemon: not running (stopped "), after.stdout)
    }

    /// systemd reads its socket, but a notify message must never wait for it: with a receiver that
    /// stopped reading (its queue full), the scheduler loop keeps running and a SIGTERM still stops
    /// the daemon at once.
    func testDaemonIsNotStalledByANotifySocketThatIsNotRead() throws {
        let socket = try NotifySocket(path: folder.file("full.sock"))
        defer { socket.close() }
        // A Unix datagram socket queues this many messages (10 here, 512 under systemd's sysctl);
        // each SIGHUP makes the daemon send two (RELOADING=1, READY=1), each turn of its loop a third.
        let queue = (try? String(contentsOfFile: "/proc/sys/net/unix/max_dgram_qlen", encoding: .utf8))
            .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 512
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TidingsBinary.path)
        process.arguments = ["daemon", "--db", db]
        process.environment = ProcessInfo.processInfo.environment.merging(["NOTIFY_SOCKET": socket.path]) { $1 }
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        Thread.sleep(forTimeInterval: 0.5)
        for _ in 0..<(queue / 2 + 10) {
            kill(process.processIdentifier, SIGHUP)
            Thread.sleep(forTimeInterval: 0.03)
        }
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date() + 5
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            return XCTFail("the daemon did not stop: stuck sending to the notify socket")
        }
        XCTAssertEqual(process.terminationStatus, 0)
    }

    func testUnitFileVerifiesAndScoresAtMostOnePointFive() throws {
        guard let analyze = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].first(where: FileManager.default.isExecutableFile)
        else { throw XCTSkip("systemd-analyze is not installed here") }
        // The shipped unit, with ExecStart pointing at the binary just built (verify checks it exists).
        var unit = try String(contentsOfFile: Fixtures.repositoryRoot.appendingPathComponent("systemd/tidings.service").path, encoding: .utf8)
        unit = unit.replacingOccurrences(of: "/usr/local/bin/tidings", with: TidingsBinary.path)
        let path = folder.file("tidings.service")
        try unit.write(toFile: path, atomically: true, encoding: .utf8)

        let verify = try run(analyze, ["verify", "--man=no", path])
        XCTAssertEqual(verify.status, 0, verify.output)
        XCTAssertEqual(verify.output.trimmingCharacters(in: .whitespacesAndNewlines), "", "verify reports nothing")

        let security = try run(analyze, ["security", "--offline=true", "--threshold=15", path])
        XCTAssertEqual(security.status, 0, security.output)
        let score = security.output.components(separatedBy: "Overall exposure level for tidings.service: ").last?
            .split(separator: " ").first.flatMap { Double($0) }
        XCTAssertNotNil(score, security.output)
        XCTAssertLessThanOrEqual(score ?? 10, 1.5)
    }

    /// `make install`'s copying (`install-files`, with the binary just built instead of a release
    /// build): under DESTDIR, at PREFIX and SYSCONFDIR, the unit pointing at the installed binary and
    /// config, and an edited config left alone by the next install.
    func testInstallPutsTheBinaryUnitAndConfigUnderPrefixAndDestdirAndKeepsAnEditedConfig() throws {
        let destdir = folder.file("pkg")
        let arguments = [
            "-C", Fixtures.repositoryRoot.path, "--no-print-directory", "install-files", "BINARY=\(TidingsBinary.path)",
            "DESTDIR=\(destdir)", "PREFIX=/opt/tidings", "SYSCONFDIR=/etc/opt",
        ]
        let first = try run("/usr/bin/make", arguments)
        XCTAssertEqual(first.status, 0, first.output)
        let binary = destdir + "/opt/tidings/bin/tidings"
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: binary))
        XCTAssertTrue(try run(binary, ["--version"]).output.hasPrefix("0."), "the installed binary runs")
        let unit = try String(contentsOfFile: destdir + "/etc/opt/systemd/system/tidings.service", encoding: .utf8)
        XCTAssertTrue(unit.contains("ExecStart=/opt/tidings/bin/tidings daemon --config /etc/opt/tidings/tidings.toml "), unit)
        let config = destdir + "/etc/opt/tidings/tidings.toml"
        let shipped = Fixtures.repositoryRoot.appendingPathComponent("Config/tidings.toml").path
        XCTAssertEqual(try String(contentsOfFile: config, encoding: .utf8), try String(contentsOfFile: shipped, encoding: .utf8))

        try "# mine\n".write(toFile: config, atomically: true, encoding: .utf8)
        XCTAssertEqual(try run("/usr/bin/make", arguments).status, 0)
        XCTAssertEqual(try String(contentsOfFile: config, encoding: .utf8), "# mine\n", "an existing config is never overwritten")
    }

    private func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// The receiving end of the notify protocol: a Unix datagram socket, as systemd binds one.
final class NotifySocket {
    let path: String
    private let fd: Int32

    init(path: String) throws {
        self.path = path
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw TestSupportError("socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8) + [0]) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw TestSupportError("bind \(path): \(String(cString: strerror(errno)))") }
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// The messages received until one satisfies `done` (included), or 15 seconds pass.
    func receive(until done: (String) -> Bool) -> [String] {
        var messages: [String] = []
        let deadline = Date() + 15
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline {
            let count = recv(fd, &buffer, buffer.count, 0)
            guard count > 0 else { continue }
            let message = String(decoding: buffer[0..<count], as: UTF8.self)
            messages.append(message)
            if done(message) { break }
        }
        return messages
    }

    func close() { Glibc.close(fd) }
}
