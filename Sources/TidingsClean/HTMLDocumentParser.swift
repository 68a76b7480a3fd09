import CLibXML2

/// Parses HTML with libxml2's forgiving HTML parser and hands back a Swift tree. The libxml2
/// document lives only inside `parse`.
enum HTMLDocumentParser {
    /// Deeper elements than this are flattened into their ancestor: hostile nesting must not
    /// exhaust the stack.
    static let maxDepth = 200

    /// The children of `<body>` (or of the root, for a fragment without one).
    static func parse(_ html: String) -> [HTMLNode] {
        guard let root = parseDocument(html) else { return [] }
        if let body = findElement(named: "body", in: root.children) { return body.children }
        return root.children.filter {
            if case .element(let e) = $0, e.name == "head" { return false }
            return true
        }
    }

    /// The whole document, `<head>` included, from its root element.
    static func parseDocument(_ html: String) -> HTMLElement? {
        var html = html
        return html.withUTF8 { parseDocument(UnsafeRawBufferPointer($0), encoding: "UTF-8") }
    }

    /// The whole document from bytes in `encoding` (an IANA name), or, when nil, in the encoding
    /// the document declares (`<meta charset>`), as libxml2 detects it.
    static func parseDocument(_ bytes: UnsafeRawBufferPointer, encoding: String?) -> HTMLElement? {
        guard let base = bytes.baseAddress, bytes.count > 0, bytes.count <= Int(Int32.max) else { return nil }
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)
        // For UTF-8 the encoding must be given: without it libxml2 reads ISO-8859-1 and mangles it.
        guard
            let document = htmlReadMemory(
                base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil, encoding, options)
        else { return nil }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { return nil }
        return convertElement(root, depth: 0)
    }

    static func findElement(named name: String, in nodes: [HTMLNode]) -> HTMLElement? {
        for node in nodes {
            if case .element(let element) = node, element.name == name { return element }
        }
        return nil
    }

    private static func convertElement(_ node: xmlNodePtr, depth: Int) -> HTMLElement {
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
        var children: [HTMLNode] = []
        appendChildren(of: node, to: &children, depth: depth)
        return HTMLElement(name: name, attributes: attributes, children: children)
    }

    private static func appendChildren(of node: xmlNodePtr, to children: inout [HTMLNode], depth: Int) {
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                if depth < maxDepth {
                    children.append(.element(convertElement(current, depth: depth + 1)))
                } else {
                    appendChildren(of: current, to: &children, depth: depth)
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { children.append(.text(String(cString: content))) }
            default:
                break
            }
            child = current.pointee.next
        }
    }
}
