/// Builds the elements of a document into an `XMLArena` from parser events, one entry at a time: an
/// element the reader calls a record (an RSS item, an Atom entry) is handed over when it ends and
/// then dropped from the arena, so memory stays flat however long the feed is.
///
/// It also repairs structure that libxml2's recovery leaves wrong: an end tag closes the element of
/// its name even when elements inside it were left open, and an end tag that matches nothing open
/// closes nothing.
final class XMLTreeBuilder {
    let arena = XMLArena()
    /// Elements deeper than this are dropped with their text (a warning says so).
    let maxDepth: Int
    /// Called once with the root element, before any of its children.
    var onRoot: (XMLNode) -> Void = { _ in }
    /// Whether an element that just started, at a depth (root = 0), is a record.
    var isRecord: (XMLNode, Int) -> Bool = { _, _ in false }
    /// Receives each record once it is complete, with the arena mark its content starts at; the
    /// node is valid during the call only.
    var onRecord: (XMLNode, XMLArena.Mark) -> Void = { _, _ in }

    private(set) var root: XMLNode?
    /// Open elements; a record carries the arena mark to go back to once it has been read.
    private var stack: [(element: Int, record: XMLArena.Mark?)] = []
    private let documentBase: Int
    private var skippedDepth = 0
    private(set) var droppedTooDeep = 0
    /// The name in the end tag libxml2 just reported as mismatched (from its error).
    var mismatchedEndName: String?

    init(maxDepth: Int, documentURL: String?) {
        self.maxDepth = maxDepth
        let arena = self.arena
        documentBase = documentURL.map { arena.addString($0) } ?? -1
    }

    var depth: Int { stack.count }

    /// Whether the next element is kept; when not, its whole subtree is skipped.
    func acceptsElement() -> Bool {
        if skippedDepth > 0 || stack.count >= maxDepth || (root != nil && stack.isEmpty) {
            if skippedDepth == 0 && root != nil && !stack.isEmpty { droppedTooDeep += 1 }
            skippedDepth += 1
            return false
        }
        return true
    }

    /// Adds an element whose attributes the caller just put in the arena (after `mark`).
    func startElement(namespace: Int, name: Int, attributes: Range<Int>, xmlBase: String?, xmlLang: String?, mark: XMLArena.Mark) {
        let parent = stack.last?.element
        let inheritedBase = parent.map { arena.elements[$0].base } ?? documentBase
        var base = inheritedBase
        if let xmlBase {
            base = arena.addString(URIReference.resolve(xmlBase, against: inheritedBase >= 0 ? arena.strings[inheritedBase] : nil))
        }
        var language = parent.map { arena.elements[$0].language } ?? -1
        if let xmlLang { language = arena.addString(xmlLang) }
        arena.elements.append(
            XMLArena.Element(namespace: namespace, name: name, attributes: attributes, base: base, language: language))
        let index = arena.elements.count - 1
        let node = XMLNode(arena: arena, index: index)
        guard let parent else {
            root = node
            stack.append((index, nil))
            onRoot(node)
            return
        }
        if isRecord(node, stack.count) {
            stack.append((index, mark))
        } else {
            arena.appendItem(XMLArena.Item(element: index, text: 0..<0), to: parent)
            stack.append((index, nil))
        }
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
            guard let match = stack.lastIndex(where: { arena.names[arena.elements[$0.element].name] == local }) else { return }
            closing = stack.count - match
        }
        for _ in 0..<closing { popElement() }
    }

    func characters(_ bytes: UnsafeRawBufferPointer) {
        guard skippedDepth == 0, let (element, record) = stack.last else { return }
        // Indentation between the elements of the root, the channel and an entry carries nothing;
        // deeper down (markup inside a description, xhtml) white space can matter, so it stays.
        if record != nil || stack.count <= 2, bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return }
        arena.appendText(bytes, to: element)
    }

    /// Closes what the document left open (a truncated feed): open records still count.
    /// - Returns: how many elements were left open.
    @discardableResult
    func finish() -> Int {
        let open = stack.count
        while !stack.isEmpty { popElement() }
        return open
    }

    private func popElement() {
        let (element, record) = stack.removeLast()
        guard let record else { return }
        onRecord(XMLNode(arena: arena, index: element), record)
        arena.truncate(to: record)
    }
}
