import TidingsCore

/// The elements of the part of a document being read (the feed's own elements, then one entry at a
/// time), stored flat: element records, content items and text bytes in a few arrays that are
/// truncated once an entry has been read. No object per element, and no string until a reader asks
/// for one.
final class XMLArena {
    struct Element {
        var namespace: Int
        var name: Int
        var attributes: Range<Int>
        /// First and last content item (text or child element), -1 when empty.
        var firstItem = -1
        var lastItem = -1
        /// Index into `strings`, -1 when none.
        var base: Int
        var language: Int
    }

    struct Item {
        /// The child element, or -1 for text.
        var element: Int
        var text: Range<Int>
        var next = -1
    }

    struct Attribute {
        var namespace: Int
        var name: Int
        var value: Range<Int>
    }

    /// A point to truncate back to.
    struct Mark {
        var elements: Int
        var items: Int
        var attributes: Int
        var bytes: Int
        var strings: Int
    }

    var elements: [Element] = []
    var items: [Item] = []
    var attributes: [Attribute] = []
    /// Text and attribute values, UTF-8.
    let bytes = TextBytes()
    /// Interned names and namespace keys.
    private(set) var names: [String] = []
    /// `ChangeHash` of each name, for markup hashes.
    private(set) var nameHashes: [UInt64] = []
    private var nameIndex: [String: Int] = [:]
    /// xml:base and xml:lang values.
    private(set) var strings: [String] = []
    /// Scratch space of `markupHash(since:context:)`, kept between records.
    var markupWords: [UInt64] = []

    init() {
        elements.reserveCapacity(256)
        items.reserveCapacity(512)
    }

    func intern(_ name: String) -> Int {
        if let index = nameIndex[name] { return index }
        names.append(name)
        nameHashes.append(ChangeHash.value(of: name))
        nameIndex[name] = names.count - 1
        return names.count - 1
    }

    func addString(_ value: String) -> Int {
        strings.append(value)
        return strings.count - 1
    }

    var mark: Mark {
        Mark(elements: elements.count, items: items.count, attributes: attributes.count, bytes: bytes.count, strings: strings.count)
    }

    func truncate(to mark: Mark) {
        elements.removeSubrange(mark.elements...)
        items.removeSubrange(mark.items...)
        attributes.removeSubrange(mark.attributes...)
        bytes.truncate(to: mark.bytes)
        strings.removeSubrange(mark.strings...)
    }

    /// Adds an item to the end of `parent`'s content.
    func appendItem(_ item: Item, to parent: Int) {
        items.append(item)
        let index = items.count - 1
        if elements[parent].lastItem >= 0 {
            items[elements[parent].lastItem].next = index
        } else {
            elements[parent].firstItem = index
        }
        elements[parent].lastItem = index
    }

    /// Appends text to `parent`, extending its last text item when the bytes follow on.
    func appendText(_ text: UnsafeRawBufferPointer, to parent: Int) {
        let start = bytes.count
        bytes.append(contentsOf: text)
        let last = elements[parent].lastItem
        if last >= 0, items[last].element < 0, items[last].text.upperBound == start {
            items[last].text = items[last].text.lowerBound..<bytes.count
        } else {
            appendItem(Item(element: -1, text: start..<bytes.count), to: parent)
        }
    }

    func string(_ range: Range<Int>) -> String {
        String(knownValidUTF8: bytes[range])
    }

    /// The text in `range` without leading and trailing XML white space, made into a string once.
    func trimmedString(_ range: Range<Int>) -> String {
        var lower = range.lowerBound
        var upper = range.upperBound
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
        while lower < upper, isSpace(bytes[lower]) { lower += 1 }
        while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
        return string(lower..<upper)
    }
}

/// One element of a feed document, as the readers see it: names by namespace key, attributes,
/// children and text in document order, and the xml:base and xml:lang in force. A view into an
/// `XMLArena`, valid while the reader that was handed it runs.
struct XMLNode {
    enum Item {
        case text(String)
        case element(XMLNode)
    }

    let arena: XMLArena
    let index: Int
    /// When set, only this many content items count (the text before an unclosed child).
    var itemLimit: Int?

    init(arena: XMLArena, index: Int, itemLimit: Int? = nil) {
        self.arena = arena
        self.index = index
        self.itemLimit = itemLimit
    }

    private var element: XMLArena.Element { arena.elements[index] }

    var namespace: String { arena.names[element.namespace] }
    var name: String { arena.names[element.name] }
    /// The base URI for relative references inside this element.
    var base: String? { element.base >= 0 ? arena.strings[element.base] : nil }
    var language: String? { element.language >= 0 ? arena.strings[element.language] : nil }

    /// Changes whenever content is added to this element (its last item's index).
    var contentVersion: Int { element.lastItem }

    func `is`(_ namespace: String, _ name: String) -> Bool {
        self.name == name && self.namespace == namespace
    }

    /// Calls `body` with each content item's arena record, in order.
    private func forEachItem(_ body: (XMLArena.Item) -> Bool) {
        var cursor = element.firstItem
        var remaining = itemLimit ?? Int.max
        while cursor >= 0, remaining > 0 {
            let item = arena.items[cursor]
            guard body(item) else { return }
            cursor = item.next
            remaining -= 1
        }
    }

    /// The content, in order.
    var items: [Item] {
        var list: [Item] = []
        forEachItem { item in
            list.append(item.element >= 0 ? .element(XMLNode(arena: arena, index: item.element)) : .text(arena.string(item.text)))
            return true
        }
        return list
    }

    /// The element children, in order.
    var children: [XMLNode] {
        var list: [XMLNode] = []
        forEachItem { item in
            if item.element >= 0 { list.append(XMLNode(arena: arena, index: item.element)) }
            return true
        }
        return list
    }

    var hasElementChildren: Bool {
        var found = false
        forEachItem { item in
            found = item.element >= 0
            return !found
        }
        return found
    }

    /// The text of this element and its descendants, trimmed.
    var text: String {
        let first = element.firstItem
        if first >= 0, itemLimit == nil, arena.items[first].next < 0, arena.items[first].element < 0 {
            // The usual leaf: one run of text.
            return arena.trimmedString(arena.items[first].text)
        }
        var bytes: [UInt8] = []
        appendText(to: &bytes)
        return String(decoding: bytes, as: UTF8.self).trimmingXMLSpace()
    }

    /// The text of a leaf that holds only text, as its trimmed byte range in the arena; nil for any
    /// other element (with children, or cut short).
    var leafTextRange: Range<Int>? {
        let first = element.firstItem
        guard first >= 0, itemLimit == nil, arena.items[first].next < 0, arena.items[first].element < 0 else { return nil }
        var range = arena.items[first].text
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
        while !range.isEmpty, isSpace(arena.bytes[range.lowerBound]) { range = (range.lowerBound + 1)..<range.upperBound }
        while !range.isEmpty, isSpace(arena.bytes[range.upperBound - 1]) { range = range.lowerBound..<(range.upperBound - 1) }
        return range
    }

    /// `text`, or nil when it is empty.
    var nonEmptyText: String? {
        let value = text
        return value.isEmpty ? nil : value
    }

    private func appendText(to out: inout [UInt8]) {
        forEachItem { item in
            if item.element >= 0 {
                XMLNode(arena: arena, index: item.element).appendText(to: &out)
            } else {
                out.append(contentsOf: arena.bytes[item.text])
            }
            return true
        }
    }

    /// A view of this element with only the content before the first item that fails `keep`.
    func prefix(while keep: (Item) -> Bool) -> XMLNode {
        var count = 0
        for item in items {
            guard keep(item) else { break }
            count += 1
        }
        return XMLNode(arena: arena, index: index, itemLimit: count)
    }

    func attribute(_ name: String, namespace: String = "") -> String? {
        for attribute in arena.attributes[element.attributes]
        where arena.names[attribute.name] == name && arena.names[attribute.namespace] == namespace {
            let value = arena.string(attribute.value)
            // Without entity substitution libxml2 hands `&` in attribute values on as "&#38;".
            return value.utf8.contains(0x26) ? value.replacingOccurrences(of: "&#38;", with: "&") : value
        }
        return nil
    }

    func child(_ namespace: String, _ name: String) -> XMLNode? {
        var found: XMLNode?
        forEachItem { item in
            if item.element >= 0 {
                let candidate = XMLNode(arena: arena, index: item.element)
                if candidate.is(namespace, name) { found = candidate }
            }
            return found == nil
        }
        return found
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
            out += HTMLText.escape(text, quotes: false)
        case .element(let node):
            out += "<" + node.name
            for attribute in node.arena.attributes[node.element.attributes] where node.arena.names[attribute.namespace].isEmpty {
                let name = node.arena.names[attribute.name]
                out += " " + name + "=\"" + HTMLText.escape(node.attribute(name) ?? "") + "\""
            }
            out += ">"
            let content = node.items
            if content.isEmpty && voidElements.contains(node.name) { return }
            for child in content { serialize(child, into: &out) }
            out += "</" + node.name + ">"
        }
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

extension String {
    /// A string of bytes that are valid UTF-8 by construction, without validating them again: all
    /// text in the arena comes from libxml2, whose input `XMLRepairFilter` has already validated, and
    /// validation was the single largest cost of making strings of entries. Debug builds (the tests)
    /// still check.
    init(knownValidUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        assert(String(validating: bytes, as: UTF8.self) != nil, "invalid UTF-8 reached the element arena")
        self = String(copying: UTF8Span(unchecked: bytes.span))
    }
}
