import ArgumentParser
import Foundation
import TidingsCore

struct PurgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge", abstract: "Delete old articles; tombstones keep them from coming back.")

    @Option(help: ArgumentHelp("Purge articles fetched longer ago than this (90d, 12w, 36h).", valueName: "duration"))
    var olderThan: String

    @OptionGroup var global: GlobalOptions

    func run() throws {
        guard let seconds = DurationText.seconds(from: olderThan), seconds > 0 else {
            throw CLIError("--older-than: '\(olderThan)' is not a duration (e.g. 90d, 12w, 36h)")
        }
        let store = try global.openStore(try global.loadConfiguration())
        let purged = try store.purge(fetchedBefore: Date() - Double(seconds))
        var output = StandardOutput()
        try output.writeLine("purged \(purged) articles fetched before \(Timestamp.string(from: Date() - Double(seconds)))")
        try output.flush()
    }
}
