import ArgumentParser
import Foundation
import TidingsCore
import TidingsStore

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Say whether the daemon runs and what it did lately.",
        discussion: """
            Exits 0 when the daemon runs, 3 when it does not (as `systemctl status` does), so that scripts \
            can ask.
            """)

    @Flag(help: "Print one JSON object instead of lines.")
    var json = false

    @OptionGroup var global: GlobalOptions

    /// A heartbeat older than this means the daemon is gone even if its PID was reused.
    static let staleAfter: TimeInterval = 10 * 60

    func run() throws {
        let store = try global.openStore(try global.loadConfiguration())
        let now = Date()
        let state = try store.daemonState()
        let running = state.map { Self.isRunning($0, now: now) } ?? false
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let overview = try store.overview(at: now, articlesSince: calendar.startOfDay(for: now))

        var output = StandardOutput()
        if json {
            var members: [(String, JSONValue)] = []
            members.append(("running", .bool(running)))
            members.append(("pid", state.map { .int(Int64($0.pid)) } ?? .null))
            members.append(("started", ArticleJSON.date(state?.startedAt)))
            members.append(("heartbeat", ArticleJSON.date(state?.heartbeatAt)))
            members.append(("stopped", ArticleJSON.date(state?.stoppedAt)))
            members.append(("last_round", ArticleJSON.date(state?.lastRoundAt)))
            members.append(("last_round_summary", .optional(state?.lastRound)))
            members.append(("feeds", .int(Int64(overview.feeds))))
            members.append(("due", .int(Int64(overview.due))))
            members.append(("failing", .int(Int64(overview.failing))))
            members.append(("gone", .int(Int64(overview.gone))))
            members.append(("articles_today", .int(Int64(overview.articlesStoredSince))))
            try output.writeLine(json: .object(members))
        } else {
            if let state, running {
                try output.writeLine(
                    "daemon: running (pid \(state.pid), since \(Timestamp.string(from: state.startedAt)), "
                        + "heartbeat \(Int(now.timeIntervalSince(state.heartbeatAt)))s ago)")
            } else if let state, let stopped = state.stoppedAt {
                try output.writeLine("daemon: not running (stopped \(Timestamp.string(from: stopped)))")
            } else if let state {
                try output.writeLine(
                    "daemon: not running (last heard from \(Timestamp.string(from: state.heartbeatAt)); it did not stop cleanly)")
            } else {
                try output.writeLine("daemon: never ran on this database")
            }
            try output.writeLine("last round: \(state?.lastRound ?? "none")")
            try output.writeLine(
                "feeds: \(overview.feeds) (due now \(overview.due), failing \(overview.failing), gone \(overview.gone))")
            try output.writeLine("articles stored today (UTC): \(overview.articlesStoredSince)")
        }
        try output.flush()
        if !running { throw ExitCode(3) }
    }

    /// Alive: not stopped cleanly, its process exists (EPERM: it does, under another user, as with
    /// the unit's DynamicUser), and its heartbeat is recent.
    static func isRunning(_ state: DaemonState, now: Date) -> Bool {
        guard state.stoppedAt == nil, now.timeIntervalSince(state.heartbeatAt) < staleAfter else { return false }
        return kill(state.pid, 0) == 0 || errno == EPERM
    }
}
