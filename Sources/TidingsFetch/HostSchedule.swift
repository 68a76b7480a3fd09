import Foundation

/// Politeness towards hosts: at most `perHost` transfers at once to one host, and at least
/// `spacing` seconds between the starts of two transfers to it, within a global limit.
struct HostSchedule {
    let globalLimit: Int
    let perHost: Int
    let spacing: TimeInterval
    private(set) var active = 0
    private var activeByHost: [String: Int] = [:]
    private var lastStartByHost: [String: TimeInterval] = [:]

    init(globalLimit: Int, perHost: Int, spacing: TimeInterval) {
        self.globalLimit = max(1, globalLimit)
        self.perHost = max(1, perHost)
        self.spacing = max(0, spacing)
    }

    /// Whether a transfer to `host` may start at `now`.
    func mayStart(host: String, at now: TimeInterval) -> Bool {
        guard active < globalLimit, activeByHost[host, default: 0] < perHost else { return false }
        guard let last = lastStartByHost[host] else { return true }
        return now - last >= spacing
    }

    /// When a transfer to `host` could start, as far as spacing goes (nil: a slot must free first).
    func earliestStart(host: String) -> TimeInterval? {
        guard activeByHost[host, default: 0] < perHost else { return nil }
        return (lastStartByHost[host] ?? -.infinity) + spacing
    }

    mutating func started(host: String, at now: TimeInterval) {
        active += 1
        activeByHost[host, default: 0] += 1
        lastStartByHost[host] = now
    }

    mutating func finished(host: String) {
        active -= 1
        activeByHost[host, default: 1] -= 1
    }

    /// The host part of a URL, lowercased, which the limits count by ("" for a file).
    static func host(of url: String) -> String {
        URLComponents(string: url)?.host?.lowercased() ?? ""
    }
}
