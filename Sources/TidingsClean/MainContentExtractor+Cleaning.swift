extension MainContentExtractor {
    /// Drops, inside the article, the blocks that are not its text: lists of links, blocks of
    /// images and little text, furniture by class name. Headings that repeat nothing stay.
    func cleanConditionally(under roots: [Int], removed: inout [Bool]) {
        for root in roots { cleanConditionally(root, removed: &removed, isRoot: true) }
    }

    private func cleanConditionally(_ index: Int, removed: inout [Bool], isRoot: Bool) {
        let node = tree[index]
        if removed[index] || node.isText { return }
        if !isRoot && shouldDrop(index) {
            removed[index] = true
            return
        }
        for child in node.children { cleanConditionally(child, removed: &removed, isRoot: false) }
    }

    private func shouldDrop(_ index: Int) -> Bool {
        let node = tree[index]
        if node.name == "h1" { return true }
        if holdsBodyHint[index] { return false }
        // The article's header (headline, byline, date) and footer (tags, share buttons).
        if (node.name == "header" || node.name == "footer") && paragraphLength[index] < 200 { return true }
        let names = classNames[index]
        if isProseInMarkedBody(index) { return false }
        if names.isComments || (names.isFurniture && !names.isContent) { return true }
        switch node.name {
        case "ul", "ol", "table", "div", "section", "figure", "header", "footer", "dl":
            break
        default:
            return false
        }
        guard commas[index] < 10 else { return false }
        let density = linkDensity(index)
        let length = textLength[index]
        let isList = node.name == "ul" || node.name == "ol" || node.name == "dl"
        // A list or block mostly of links: related stories, tags, share buttons.
        if density > 0.5 && length < 2000 { return true }
        if isList { return false }
        var paragraphs = 0
        var images = 0
        var items = 0
        countDescendants(index, paragraphs: &paragraphs, images: &images, items: &items)
        if node.name == "figure" { return false }
        if images > 1 && Double(paragraphs) / Double(images) < 0.5 && length < 200 { return true }
        if items > paragraphs * 2 + 10 && density > 0.2 { return true }
        if length < Self.minimumParagraphLength && images == 0 && paragraphs == 0 && density > 0 { return true }
        if density > 0.25 && paragraphLength[index] < length / 2 { return true }
        return false
    }

    private func countDescendants(_ index: Int, paragraphs: inout Int, images: inout Int, items: inout Int) {
        for child in tree[index].children {
            switch tree[child].name {
            case "p": paragraphs += 1
            case "img": images += 1
            case "li": items += 1
            default: break
            }
            countDescendants(child, paragraphs: &paragraphs, images: &images, items: &items)
        }
    }
}
