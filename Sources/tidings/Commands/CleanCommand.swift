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

    @Flag(help: "The document is a whole web page: extract its main article first (implies --html).")
    var extract = false

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if safeHTML && !html && !extract { throw ValidationError("--safe-html needs --html or --extract") }
    }

    func run() throws {
        let bytes = try InputFile.read(file)
        let cleaner = ArticleCleaner()
        let document: CleanedDocument
        if extract {
            guard let page = cleaner.clean(page: bytes, contentType: nil, url: url, title: title) else {
                throw CLIError("no article text found in \(file == "-" ? "standard input" : file)")
            }
            document = page
        } else if html {
            document = cleaner.clean(html: String(decoding: bytes, as: UTF8.self), baseURL: url, title: title)
        } else {
            document = cleaner.clean(text: String(decoding: bytes, as: UTF8.self), title: title)
        }
        var output = StandardOutput()
        try output.writeLine(safeHTML ? (document.html ?? "") : document.text)
        try output.flush()
    }
}

