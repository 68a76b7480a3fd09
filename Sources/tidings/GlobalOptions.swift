import ArgumentParser
import Foundation
import Logging
import TidingsConfig
import TidingsStore

/// Options every verb takes: which config and which database.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The config file (TOML).", discussion: "Default: $TIDINGS_CONFIG, else /etc/tidings/tidings.toml where it exists, else built-in defaults.",
            valueName: "path"))
    var config: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The database file.",
            discussion: "Default: the config's `database`, else /var/lib/tidings/tidings.sqlite as root, else $XDG_STATE_HOME/tidings/tidings.sqlite.",
            valueName: "path"))
    var db: String?

    /// Options whose value is the next argument.
    static let valued: Set<String> = ["--config", "--db"]

    /// `tidings --db X poll` → `tidings poll --db X`: ArgumentParser reads options after the verb only.
    static func movingGlobalOptionsAfterVerb(_ arguments: [String]) -> [String] {
        var globals: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if valued.contains(argument), index + 1 < arguments.count {
                globals += [argument, arguments[index + 1]]
                index += 2
            } else if valued.contains(where: { argument.hasPrefix($0 + "=") }) {
                globals.append(argument)
                index += 1
            } else {
                break
            }
        }
        guard !globals.isEmpty, index < arguments.count else { return arguments }
        return [arguments[index]] + globals + arguments[(index + 1)...]
    }

    /// The configuration in force.
    func loadConfiguration() throws -> Configuration {
        let environment = ProcessInfo.processInfo.environment
        guard let path = Configuration.path(explicit: config, environment: environment) else {
            return Configuration()
        }
        return try Configuration.load(path: path)
    }

    /// Opens the database named by `--db`, the config, or the default location.
    func openStore(_ configuration: Configuration) throws -> FeedStore {
        let path =
            db ?? configuration.databasePath
            ?? Configuration.defaultDatabasePath(
                environment: ProcessInfo.processInfo.environment, isRoot: getuid() == 0)
        return try FeedStore(path: path, maximumBytes: configuration.maximumDatabaseBytes)
    }
}

/// An error of the CLI's own: printed as one line, with a non-zero exit.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Logs go to standard error, one line per event; standard output is for results.
enum LogSetup {
    static func bootstrap(level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
