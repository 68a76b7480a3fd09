import ArgumentParser
import TidingsClean

struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean", abstract: "Run the article cleaner on a document and print the clean text.")

    @Argument(help: "The document, or - for standard input.")
    var file: String

    @Flag(help: "The document is HTML (default: plain text).")
    var html = false

    @Option(help: "The article's URL, for relative links.")
    var url: String?

    @Option(help: "The article's title: lines that only repeat it are dropped.")
    var title: String?

    @Flag(help: "With --html: print the safe HTML instead of the text.")
    var safeHTML = false

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if safeHTML && !html { throw ValidationError("--safe-html needs --html") }
    }

    func run() throws {
        let bytes = try InputFile.read(file)
        let text = String(decoding: bytes, as: UTF8.self)
        let cleaner = ArticleCleaner()
        let document = html ? cleaner.clean(html: text, baseURL: url, title: title) : cleaner.clean(text: text, title: title)
        var output = StandardOutput()
        try output.writeLine(safeHTML ? (document.html ?? "") : document.text)
        try output.flush()
    }
}
