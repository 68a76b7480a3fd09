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
    private var current = ""

    static func lines(of nodes: [HTMLNode]) -> [String] {
        var extractor = TextExtractor()
        for node in nodes { extractor.visit(node, preformatted: false) }
        extractor.breakLine()
        return extractor.lines
    }

    private mutating func visit(_ node: HTMLNode, preformatted: Bool) {
        switch node {
        case .text(let text):
            if preformatted {
                let parts = text.split(separator: "\n", omittingEmptySubsequences: false)
                for (index, part) in parts.enumerated() {
                    if index > 0 { breakLine() }
                    current += part
                }
            } else {
                current += text
            }
        case .element(let element):
            if Self.silentTags.contains(element.name) { return }
            if element.name == "br" {
                breakLine()
                return
            }
            if element.name == "img" {
                // An image says nothing in text; its alt text is usually a caption repeated nearby.
                return
            }
            let isBlock = Self.blockTags.contains(element.name)
            if isBlock { breakLine() }
            if element.name == "td" || element.name == "th" { current += " " }
            for child in element.children { visit(child, preformatted: preformatted || element.name == "pre") }
            if isBlock { breakLine() }
        }
    }

    private mutating func breakLine() {
        if !current.isEmpty { lines.append(current) }
        current = ""
    }
}
