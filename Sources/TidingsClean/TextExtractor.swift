/// Turns an HTML tree into lines of text: one block (paragraph, heading, list item, caption) a line.
struct TextExtractor {
    static let blockTags: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
        "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre",
        "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    ]
    /// Elements whose text is never article text.
    static let silentTags: Set<String> = [
        "script", "style", "noscript", "template", "iframe", "object", "embed", "applet", "svg", "math", "head",
        "title", "button", "select", "textarea", "input", "option", "canvas", "audio", "video",
    ]

    private var lines: [String] = []
    /// The indices in `lines` of the lines of `<pre>` blocks, whose spacing is kept.
    private var preformatted: Set<Int> = []
    private var current = ""
    private var currentIsPreformatted = false
    /// Whether figure captions are text. In a feed entry a caption is often all the context a
    /// photo has; on a whole page it sits beside an article that is complete without it.
    private let includesCaptions: Bool

    private init(includesCaptions: Bool) {
        self.includesCaptions = includesCaptions
    }

    /// The lines of text, and which of them are preformatted (`<pre>`).
    static func lines(of nodes: [HTMLNode], includesCaptions: Bool = true) -> (lines: [String], preformatted: Set<Int>) {
        var extractor = TextExtractor(includesCaptions: includesCaptions)
        for node in nodes { extractor.visit(node, preformatted: false) }
        extractor.breakLine()
        return (extractor.lines, extractor.preformatted)
    }

    private mutating func visit(_ node: HTMLNode, preformatted: Bool) {
        switch node {
        case .text(let text):
            if preformatted {
                let parts = text.split(separator: "\n", omittingEmptySubsequences: false)
                for (index, part) in parts.enumerated() {
                    if index > 0 { breakLine() }
                    current += part
                    if !part.isEmpty { currentIsPreformatted = true }
                }
            } else {
                current += text
            }
        case .element(let element):
            if Self.silentTags.contains(element.name) { return }
            if !includesCaptions && element.name == "figcaption" { return }
            if element.name == "br" {
                breakLine()
                return
            }
            if element.name == "img" {
                // An image says nothing in text; its alt text is usually a caption repeated nearby.
                return
            }
            if element.name == "td" || element.name == "th" {
                // A table row is one line, its cells set apart: a row's figures mean nothing
                // without its name, and a lone "12,345" or "52%" line reads as a stray token. Not
                // " | ": a line of words split by bars is a menu to the boilerplate filter.
                if !current.isEmpty { current += "; " }
                for child in element.children { visit(child, preformatted: preformatted) }
                return
            }
            let isBlock = Self.blockTags.contains(element.name)
            if isBlock { breakLine() }
            for child in element.children { visit(child, preformatted: preformatted || element.name == "pre") }
            if isBlock { breakLine() }
        }
    }

    private mutating func breakLine() {
        if !current.isEmpty {
            if currentIsPreformatted { preformatted.insert(lines.count) }
            lines.append(current)
        }
        current = ""
        currentIsPreformatted = false
    }
}
