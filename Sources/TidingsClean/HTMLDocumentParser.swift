import CLibXML2
import TidingsCore

/// Parses HTML with libxml2's forgiving HTML parser and hands back Swift values: a value tree
/// (`HTMLNode`) for an article's body, a flat `PageTree` for a whole page. The libxml2 document
/// lives only inside this file's functions.
enum HTMLDocumentParser {
    /// Deeper elements than this are flattened into their ancestor: hostile nesting must not
    /// exhaust the stack.
    static let maxDepth = 200

    /// The children of `<body>` (or of the root, for a fragment without one).
    static func parse(_ html: String) -> [HTMLNode] {
        var html = html
        var builder = ValueTreeBuilder()
        let parsed = html.withUTF8 { build(UnsafeRawBufferPointer($0), encoding: "UTF-8", into: &builder) }
        guard parsed, let root = builder.root else { return [] }
        if let body = findElement(named: "body", in: root.children) { return body.children }
        return root.children.filter {
            if case .element(let e) = $0, e.name == "head" { return false }
            return true
        }
    }

    /// A whole page, `<head>` included, as a flat tree.
    static func parsePage(_ html: String) -> PageTree? {
        var html = html
        return html.withUTF8 { parsePage(UnsafeRawBufferPointer($0), encoding: "UTF-8") }
    }

    /// A whole page from bytes in `encoding` (an IANA name), or, when nil, in the encoding the
    /// page declares (`<meta charset>`), as libxml2 detects it.
    static func parsePage(_ bytes: UnsafeRawBufferPointer, encoding: String?) -> PageTree? {
        var tree = PageTree()
        return build(bytes, encoding: encoding, into: &tree) ? tree : nil
    }

    /// A whole page from fetched bytes: UTF-8, the charset of `contentType`, or the one the page's
    /// `<meta>` declares.
    static func parsePage(_ bytes: [UInt8], contentType: String?) -> PageTree? {
        let charset = contentType.flatMap(ContentType.charset(of:))
        return bytes.withUnsafeBytes { bytes in
            if charset == nil, String(validating: bytes, as: UTF8.self) != nil {
                return parsePage(bytes, encoding: "UTF-8")
            }
            return parsePage(bytes, encoding: charset)
        }
    }

    static func findElement(named name: String, in nodes: [HTMLNode]) -> HTMLElement? {
        for node in nodes {
            if case .element(let element) = node, element.name == name { return element }
        }
        return nil
    }

    /// Parses the document and walks it from its root element into `builder`; false when libxml2
    /// made no document of it.
    private static func build(
        _ bytes: UnsafeRawBufferPointer, encoding: String?, into builder: inout some HTMLTreeBuilder
    ) -> Bool {
        guard let base = bytes.baseAddress, bytes.count > 0, bytes.count <= Int(Int32.max) else { return false }
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)
        // For UTF-8 the encoding must be given: without it libxml2 reads ISO-8859-1 and mangles it.
        guard
            let document = htmlReadMemory(
                base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil, encoding, options)
        else { return false }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { return false }
        walkElement(root, depth: 0, into: &builder)
        return true
    }

    private static func walkElement(_ node: xmlNodePtr, depth: Int, into builder: inout some HTMLTreeBuilder) {
        let name = node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
        var attributes: [(name: String, value: String)] = []
        var property = node.pointee.properties
        while let attribute = property {
            if let rawName = attribute.pointee.name {
                var value = ""
                if let list = xmlNodeListGetString(node.pointee.doc, attribute.pointee.children, 1) {
                    value = String(cString: list)
                    tidings_xml_free(list)
                }
                attributes.append((String(cString: rawName).lowercased(), value))
            }
            property = attribute.pointee.next
        }
        builder.open(name: name, attributes: attributes)
        if voidElements.contains(name) {
            // libxml2's HTML 4 parser does not know HTML5's void elements (`embed`, `source`, `wbr`,
            // `track`) and nests what follows them inside them: it belongs after them, and the
            // sanitizer would drop it with an `embed`.
            builder.close()
            walkChildren(of: node, depth: depth, into: &builder)
            return
        }
        walkChildren(of: node, depth: depth, into: &builder)
        builder.close()
    }

    /// Elements that never have content, in HTML5 (and the obsolete `param` and `keygen`).
    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param",
        "keygen",
    ]

    private static func walkChildren(of node: xmlNodePtr, depth: Int, into builder: inout some HTMLTreeBuilder) {
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                if depth < maxDepth {
                    walkElement(current, depth: depth + 1, into: &builder)
                } else {
                    walkChildren(of: current, depth: depth, into: &builder)
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { builder.text(String(cString: content)) }
            default:
                break
            }
            child = current.pointee.next
        }
    }
}

/// What a walk over a parsed document builds: elements opened and closed in document order, text in
/// between. Comments and processing instructions never reach it; names are lowercase.
protocol HTMLTreeBuilder {
    mutating func open(name: String, attributes: [(name: String, value: String)])
    mutating func text(_ text: String)
    mutating func close()
}

/// Builds the value tree (`HTMLNode`) of a document.
private struct ValueTreeBuilder: HTMLTreeBuilder {
    /// The elements opened and not yet closed, outermost first.
    private var open: [HTMLElement] = []
    private(set) var root: HTMLElement?

    mutating func open(name: String, attributes: [(name: String, value: String)]) {
        open.append(HTMLElement(name: name, attributes: attributes, children: []))
    }

    mutating func text(_ text: String) {
        open[open.count - 1].children.append(.text(text))
    }

    mutating func close() {
        let element = open.removeLast()
        if open.isEmpty {
            root = element
        } else {
            open[open.count - 1].children.append(.element(element))
        }
    }
}
