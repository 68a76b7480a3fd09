/// An HTML tree as plain Swift values: what libxml2's HTML parser made of a document, with
/// comments and processing instructions left out. Element and attribute names are lowercase.
enum HTMLNode {
    case element(HTMLElement)
    case text(String)
}

struct HTMLElement {
    var name: String
    var attributes: [(name: String, value: String)]
    var children: [HTMLNode]

    func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }
}
