import Foundation

/// The systemd notify protocol, without libsystemd: one datagram per message to the socket named by
/// `$NOTIFY_SOCKET` (a path, or an abstract name written with a leading "@"). Without the variable
/// (not run by systemd, or a unit that is not Type=notify) every call does nothing.
public struct SystemdNotifier: Sendable {
    let socketPath: String?
    /// How often systemd expects WATCHDOG=1, when the unit sets WatchdogSec.
    public let watchdogInterval: TimeInterval?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        socketPath = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        // WATCHDOG_PID, when set, names the process the watchdog is meant for.
        let forUs = environment["WATCHDOG_PID"].map { Int32($0) == getpid() } ?? true
        watchdogInterval = forUs ? environment["WATCHDOG_USEC"].flatMap(Double.init).map { $0 / 1_000_000 } : nil
    }

    public var isActive: Bool { socketPath != nil }

    /// The service is up: its database is open and the scheduler runs.
    public func ready(status: String? = nil) { send(["READY=1"] + (status.map { ["STATUS=\($0)"] } ?? [])) }
    /// A short progress line for `systemctl status`.
    public func status(_ text: String) { send(["STATUS=\(text)"]) }
    /// The scheduler loop is alive.
    public func watchdog() { send(["WATCHDOG=1"]) }
    /// A reload began; `ready` ends it.
    public func reloading() {
        // systemd 253+ matches RELOADING=1 to MONOTONIC_USEC; older ones ignore the extra field.
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        send(["RELOADING=1", "MONOTONIC_USEC=\(Int64(now.tv_sec) * 1_000_000 + Int64(now.tv_nsec) / 1000)"])
    }
    public func stopping() { send(["STOPPING=1"]) }

    func send(_ fields: [String]) {
        guard let socketPath else { return }
        let message = fields.joined(separator: "\n")
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var path = Array(socketPath.utf8)
        if path.first == UInt8(ascii: "@") { path[0] = 0 }  // abstract namespace
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.count < capacity else { return }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: path)
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + path.count + (path.first == 0 ? 0 : 1))
        _ = message.withCString { text in
            withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    // Never waits: a receiver that stopped reading must not stall the scheduler loop
                    // that sends WATCHDOG=1 (a message dropped is one ping missed).
                    sendto(fd, text, strlen(text), Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT), $0, length)
                }
            }
        }
    }
}
