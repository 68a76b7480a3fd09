import Foundation
import TidingsTestSupport
import XCTest

/// `tidings daemon` run by a test, with a notify socket to hear from it.
enum DaemonProcess {
    /// Starts the daemon on `db` with `config`, its notify messages going to `socket`.
    static func start(config: String, db: String, socket: NotifySocket) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TidingsBinary.path)
        process.arguments = ["daemon", "--config", config, "--db", db]
        process.environment = ProcessInfo.processInfo.environment.merging(["NOTIFY_SOCKET": socket.path]) { $1 }
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        return process
    }

    /// SIGTERM, and a clean exit.
    static func stop(_ process: Process, file: StaticString = #filePath, line: UInt = #line) {
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "a clean stop", file: file, line: line)
    }
}
