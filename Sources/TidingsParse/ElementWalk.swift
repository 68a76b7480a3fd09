import Foundation

extension XMLStreamReader {
    /// The name of an element: its namespace URI and local name.
    struct Name: Hashable {
        var namespace: String
        var local: String
    }

    var name: Name { Name(namespace: namespaceURI, local: localName) }

    /// Calls `body` for each child element of the element the reader is on. `body` consumes the
    /// child it is handed (with `text()`, `skip()` or a nested `forEachChild`); a child it leaves
    /// alone is skipped. On return the reader has moved past the element's end tag.
    func forEachChild(_ body: (Name) -> Void) {
        if isEmptyElement {
            read()
            return
        }
        let parentDepth = depth
        var more = read()
        while more {
            if kind == .endElement && depth == parentDepth {
                read()
                return
            }
            if depth <= parentDepth { return }
            if kind == .element && depth == parentDepth + 1 {
                let mark = moves
                body(name)
                more = moves == mark ? skip() : !finished
            } else {
                more = read()
            }
        }
    }

    /// The trimmed text of the current element; the reader moves past it.
    func text() -> String {
        let value = elementText().trimmingCharacters(in: .whitespacesAndNewlines)
        skip()
        return value
    }

    /// The text of the current element or nil when empty; the reader moves past it.
    func optionalText() -> String? {
        let value = text()
        return value.isEmpty ? nil : value
    }
}
