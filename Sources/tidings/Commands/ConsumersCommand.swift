import ArgumentParser
import TidingsCore

struct ConsumersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consumers", abstract: "List the consumers of `dump --new` and how far behind each is.")

    @Flag(help: "Print a JSON array instead of a table.")
    var json = false

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let store = try global.openStore(try global.loadConfiguration())
        let consumers = try store.consumers()
        var output = StandardOutput()
        if json {
            let values = consumers.map { consumer -> JSONValue in
                var members: [(String, JSONValue)] = []
                members.append(("name", .string(consumer.name)))
                members.append(("cursor", .int(consumer.cursor)))
                members.append(("behind", .int(Int64(consumer.behind))))
                members.append(("updated_at", .string(Timestamp.string(from: consumer.updatedAt))))
                return .object(members)
            }
            try output.writeLine(JSONValue.array(values).serialized)
        } else if consumers.isEmpty {
            try output.writeLine("no consumers yet; `tidings dump --new --consumer NAME` makes one")
        } else {
            for consumer in consumers {
                try output.writeLine(
                    "\(consumer.name)\tcursor \(consumer.cursor)\tbehind \(consumer.behind)\tlast read \(Timestamp.string(from: consumer.updatedAt))")
            }
        }
        try output.flush()
    }
}
