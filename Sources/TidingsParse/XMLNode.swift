/// One element of a feed document, as the readers see it: names by namespace key, attributes,
/// children and text in document order, and the xml:base and xml:lang in force.
///
/// Only small parts of a document exist as nodes at any time: the tree builder hands each entry
/// to the reader as soon as it ends and then lets it go.
final class XMLNode {
    struct Attribute {
        var namespace: String
        var name: String
        var value: String
    }

    enum Item {
        case text(String)
        case element(XMLNode)
    }

    let namespace: String
    let name: String
    let attributes: [Attribute]
    /// The base URI for relative references inside this element.
    let base: String?
    let language: String?
    /// The content, in order; a leaf with only text keeps it in `soleText` instead (most elements
    /// are such leaves, and this saves an array for each).
    private var storage: [Item] = []
    private var soleText: String?

    var items: [Item] {
        if let soleText { return [.text(soleText)] }
        return storage
    }

    func append(_ item: Item) {
        if storage.isEmpty && soleText == nil, case .text(let text) = item {
            soleText = text
            return
        }
        if let soleText {
            storage.append(.text(soleText))
            self.soleText = nil
        }
        storage.append(item)
    }

    init(namespace: String, name: String, attributes: [Attribute], base: String?, language: String?) {
        self.namespace = namespace
        self.name = name
        self.attributes = attributes
        self.base = base
        self.language = language
    }

    func `is`(_ namespace: String, _ name: String) -> Bool {
        self.name == name && self.namespace == namespace
    }

    /// The element children, in order.
    var children: [XMLNode] {
        storage.compactMap { if case .element(let node) = $0 { return node } else { return nil } }
    }

    var hasElementChildren: Bool {
        storage.contains { if case .element = $0 { return true } else { return false } }
    }

    /// The text of this element and its descendants, trimmed.
    var text: String {
        if let soleText { return soleText.trimmingXMLSpace() }
        if storage.isEmpty { return "" }
        var out = ""
        appendText(to: &out)
        return out.trimmingXMLSpace()
    }

    /// `text`, or nil when it is empty.
    var nonEmptyText: String? {
        let value = text
        return value.isEmpty ? nil : value
    }

    private func appendText(to out: inout String) {
        if let soleText {
            out += soleText
            return
        }
        for item in storage {
            switch item {
            case .text(let text): out += text
            case .element(let node): node.appendText(to: &out)
            }
        }
    }

    /// A copy of this element with only the content before the first item that fails `keep`.
    func prefix(while keep: (Item) -> Bool) -> XMLNode {
        let copy = XMLNode(namespace: namespace, name: name, attributes: attributes, base: base, language: language)
        for item in items {
            guard keep(item) else { break }
            copy.append(item)
        }
        return copy
    }

    func attribute(_ name: String, namespace: String = "") -> String? {
        attributes.first { $0.name == name && $0.namespace == namespace }?.value
    }

    func child(_ namespace: String, _ name: String) -> XMLNode? {
        for case .element(let node) in storage where node.name == name && node.namespace == namespace { return node }
        return nil
    }

    /// The markup inside this element, serialized as (X)HTML: elements by local name, text escaped.
    var innerMarkup: String {
        var out = ""
        for item in items { Self.serialize(item, into: &out) }
        return out
    }

    private static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    ]

    private static func serialize(_ item: Item, into out: inout String) {
        switch item {
        case .text(let text):
            out += escape(text, quotes: false)
        case .element(let node):
            out += "<" + node.name
            for attribute in node.attributes where attribute.namespace.isEmpty {
                out += " " + attribute.name + "=\"" + escape(attribute.value, quotes: true) + "\""
            }
            if node.items.isEmpty && voidElements.contains(node.name) {
                out += ">"
                return
            }
            out += ">"
            for child in node.items { serialize(child, into: &out) }
            out += "</" + node.name + ">"
        }
    }

    private static func escape(_ text: String, quotes: Bool) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || (quotes && $0 == 0x22) }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}

extension String {
    /// Without leading and trailing XML white space (space, tab, CR, LF); fast when there is none.
    func trimmingXMLSpace() -> String {
        let utf8 = self.utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
        guard let first = utf8.first, let last = utf8.last else { return self }
        if !isSpace(first) && !isSpace(last) { return self }
        guard let start = utf8.firstIndex(where: { !isSpace($0) }), let end = utf8.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }
}
