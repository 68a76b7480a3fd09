import ArgumentParser
import TidingsFetch

/// The `tidings` command: one executable for the daemon and its control CLI.
@main
struct Tidings: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tidings",
        abstract: "An RSS and Atom feed aggregator: polls feeds, cleans and deduplicates articles, dumps them as JSON.",
        discussion: """
            Global options (--config, --db) may stand before the verb or after it:
              tidings --db feeds.sqlite poll   and   tidings poll --db feeds.sqlite
            """,
        version: TidingsVersion.string,
        subcommands: [
            AddCommand.self, RemoveCommand.self, ListCommand.self, ImportCommand.self, ExportCommand.self,
            PollCommand.self, DumpCommand.self, ConsumersCommand.self, SearchCommand.self, PurgeCommand.self,
            DaemonCommand.self, StatusCommand.self, ParseCommand.self, CleanCommand.self,
        ])

    static func main() {
        // Global options written before the verb are moved after it, where every verb reads them.
        let arguments = GlobalOptions.movingGlobalOptionsAfterVerb(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
