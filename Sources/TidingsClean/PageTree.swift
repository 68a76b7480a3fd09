/// A whole web page as a flat array of nodes with parent links: the shape that scoring needs (a
/// paragraph adds to its ancestors' scores) and that the value tree `HTMLNode` does not give.
struct PageTree {
    struct Node {
        /// Lowercase tag name; empty for a text node.
        var name: String
        var text: String
        var attributes: [(name: String, value: String)]
        var parent: Int
        var children: [Int] = []

        var isText: Bool { name.isEmpty }

        func attribute(_ name: String) -> String? {
            attributes.first { $0.name == name }?.value
        }
    }

    private(set) var nodes: [Node] = []
    /// While the tree is built: the elements opened and not yet closed, innermost last.
    private var openElements: [Int] = []

    /// An empty tree, for `HTMLDocumentParser` to build; node 0 becomes the root.
    init() {
        nodes.reserveCapacity(1024)
    }

    subscript(index: Int) -> Node { nodes[index] }

    /// The node and its descendants back as a value tree, leaving out the subtrees `isRemoved` marks.
    func htmlNode(_ index: Int, isRemoved: (Int) -> Bool) -> HTMLNode {
        let node = nodes[index]
        if node.isText { return .text(node.text) }
        let children = node.children.filter { !isRemoved($0) }.map { htmlNode($0, isRemoved: isRemoved) }
        return .element(HTMLElement(name: node.name, attributes: node.attributes, children: children))
    }

    /// The first descendant element of `index` (itself included) with this name.
    func first(named name: String, under index: Int = 0) -> Int? {
        if nodes[index].name == name { return index }
        for child in nodes[index].children {
            if let found = first(named: name, under: child) { return found }
        }
        return nil
    }

    /// Every element of the tree with this name, in document order.
    func all(named name: String) -> [Int] {
        nodes.indices.filter { nodes[$0].name == name }
    }

    /// The text of the node and its descendants, as one string.
    func text(of index: Int) -> String {
        var out = ""
        appendText(of: index, to: &out)
        return out
    }

    private func appendText(of index: Int, to out: inout String) {
        let node = nodes[index]
        if node.isText {
            out += node.text
            return
        }
        for child in node.children { appendText(of: child, to: &out) }
    }
}

extension PageTree: HTMLTreeBuilder {
    mutating func open(name: String, attributes: [(name: String, value: String)]) {
        let index = nodes.count
        let parent = openElements.last ?? -1
        nodes.append(Node(name: name, text: "", attributes: attributes, parent: parent))
        if parent >= 0 { nodes[parent].children.append(index) }
        openElements.append(index)
    }

    mutating func text(_ text: String) {
        guard let parent = openElements.last else { return }
        nodes[parent].children.append(nodes.count)
        nodes.append(Node(name: "", text: text, attributes: [], parent: parent))
    }

    mutating func close() {
        openElements.removeLast()
    }
}
