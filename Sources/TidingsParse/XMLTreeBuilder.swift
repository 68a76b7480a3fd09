/// Builds `XMLNode`s from parser events, one entry at a time: an element the reader calls a record
/// (an RSS item, an Atom entry) is handed over when it ends and is not kept, so memory stays flat
/// however long the feed is.
///
/// It also repairs structure that libxml2's recovery leaves wrong: an end tag closes the element of
/// its name even when elements inside it were left open, and an end tag that matches nothing open
/// closes nothing.
final class XMLTreeBuilder {
    /// Elements deeper than this are dropped with their text (a warning says so).
    let maxDepth: Int
    let documentURL: String?
    /// Called once with the root element, before any of its children.
    var onRoot: (XMLNode) -> Void = { _ in }
    /// Whether an element that just started, at a depth (root = 0), is a record.
    var isRecord: (XMLNode, Int) -> Bool = { _, _ in false }
    /// Receives each record once it is complete.
    var onRecord: (XMLNode) -> Void = { _ in }

    private(set) var root: XMLNode?
    private var stack: [(node: XMLNode, isRecord: Bool)] = []
    private var pendingText: [UInt8] = []
    private var skippedDepth = 0
    private(set) var droppedTooDeep = 0
    /// The name in the end tag libxml2 just reported as mismatched (from its error).
    var mismatchedEndName: String?

    init(maxDepth: Int, documentURL: String?) {
        self.maxDepth = maxDepth
        self.documentURL = documentURL
    }

    var depth: Int { stack.count }

    func startElement(namespace: String, name: String, attributes: [XMLNode.Attribute], xmlBase: String?, xmlLang: String?) {
        if skippedDepth > 0 || stack.count >= maxDepth || (root != nil && stack.isEmpty) {
            if skippedDepth == 0 { droppedTooDeep += 1 }
            skippedDepth += 1
            return
        }
        flushText()
        let parent = stack.last?.node
        let inheritedBase = parent?.base ?? documentURL
        let base = xmlBase.map { URIReference.resolve($0, against: inheritedBase) } ?? inheritedBase
        let language = xmlLang ?? parent?.language
        let node = XMLNode(namespace: namespace, name: name, attributes: attributes, base: base, language: language)
        if root == nil {
            root = node
            stack.append((node, false))
            onRoot(node)
            return
        }
        stack.append((node, isRecord(node, stack.count)))
    }

    func endElement() {
        if skippedDepth > 0 {
            skippedDepth -= 1
            mismatchedEndName = nil
            return
        }
        defer { mismatchedEndName = nil }
        guard !stack.isEmpty else { return }
        var closing = 1
        if let mismatched = mismatchedEndName {
            let local = mismatched.split(separator: ":").last.map(String.init) ?? mismatched
            guard let match = stack.lastIndex(where: { $0.node.name == local }) else { return }
            closing = stack.count - match
        }
        flushText()
        for _ in 0..<closing { popElement() }
    }

    func characters(_ bytes: UnsafeRawBufferPointer) {
        guard skippedDepth == 0, !stack.isEmpty else { return }
        pendingText.append(contentsOf: bytes)
    }

    /// Closes what the document left open (a truncated feed): open records still count.
    /// - Returns: how many elements were left open.
    @discardableResult
    func finish() -> Int {
        flushText()
        let open = stack.count
        while !stack.isEmpty { popElement() }
        return open
    }

    private func popElement() {
        let (node, isRecord) = stack.removeLast()
        if isRecord {
            onRecord(node)
        } else if let parent = stack.last?.node {
            parent.append(.element(node))
        }
    }

    private func flushText() {
        guard !pendingText.isEmpty, let (node, isRecord) = stack.last else { return }
        defer { pendingText.removeAll(keepingCapacity: true) }
        // Indentation between the elements of the root, the channel and an entry carries nothing;
        // deeper down (markup inside a description, xhtml) white space can matter, so it stays.
        if isRecord || stack.count <= 2, pendingText.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return }
        node.append(.text(String(decoding: pendingText, as: UTF8.self)))
    }
}
