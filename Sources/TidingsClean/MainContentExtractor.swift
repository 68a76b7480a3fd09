/// Finds the main article in a whole web page, Readability-style: paragraphs score their ancestors
/// (by length and commas), class and id names and `<article>` / `itemprop="articleBody"` hint,
/// link-heavy blocks lose, the best-scored block and the siblings that look like it are the
/// article. Then the article's own furniture (share bars, related lists, forms) is dropped.
///
/// The first attempt also removes, before scoring, blocks whose class, id or role say they are
/// not the article (navigation, comments, sidebars, promotions); when that leaves too little,
/// a second attempt keeps them, as real pages name their blocks in every possible way.
struct MainContentExtractor {
    /// Texts shorter than this (in characters) do not score as paragraphs.
    static let minimumParagraphLength = 25
    /// An extraction shorter than this (in characters) is retried without class-based pruning.
    static let minimumArticleLength = 250

    let tree: PageTree
    /// A hint from the page's JSON-LD: the article's text, as the publisher states it.
    let statedBody: String?

    private(set) var textLength: [Int] = []
    private(set) var linkLength: [Int] = []
    private(set) var commas: [Int] = []
    /// Characters of text inside `<p>` elements under the node.
    private(set) var paragraphLength: [Int] = []
    private(set) var holdsBodyHint: [Bool] = []
    /// What each element's class and id say, read once (the passes below ask it several times).
    private(set) var classNames: [ClassNames] = []
    /// Whether the element itself is marked as the article's body (itemprop or class).
    private var isBodyHint: [Bool] = []
    /// Whether the element is a card of a list, or inside one (`isCard`).
    private var inCard: [Bool] = []
    /// Whether the element is the marked body or inside it.
    private var inBodyHint: [Bool] = []
    /// When the page holds several articles (an infinite-scroll page appends the next story), the
    /// one whose headline is the page's own title: nothing outside it is the article.
    private var ownArticle: Int?
    /// The page's title, in `TextNormalizer.comparable` form.
    private var titleWords = ""

    /// - Parameter pageTitle: the title the page gives itself (og:title, else `<title>`), to tell
    ///   its own article from others on the page.
    init(tree: PageTree, statedBody: String?, pageTitle: String? = nil) {
        self.tree = tree
        self.statedBody = statedBody
        measure()
        ownArticle = pageTitle.flatMap(article(titled:))
        titleWords = pageTitle.map(TextNormalizer.comparable) ?? ""
    }

    /// The main article's nodes as a value tree, or nil when the page has no text to speak of.
    func extract() -> [HTMLNode]? {
        for strict in [true, false] {
            var removed = prune(strict: strict)
            guard let content = selectContent(removed: removed) else { continue }
            cleanConditionally(under: content, removed: &removed)
            let length = content.reduce(0) { $0 + visibleLength(of: $1, removed: removed) }
            if strict && length < Self.minimumArticleLength { continue }
            return content.map { tree.htmlNode($0, isRemoved: { removed[$0] }) }
        }
        return nil
    }

    // MARK: Measuring

    private mutating func measure() {
        let count = tree.nodes.count
        textLength = Array(repeating: 0, count: count)
        linkLength = Array(repeating: 0, count: count)
        commas = Array(repeating: 0, count: count)
        paragraphLength = Array(repeating: 0, count: count)
        holdsBodyHint = Array(repeating: false, count: count)
        var leadsWithHeadline = Array(repeating: false, count: count)
        classNames = tree.nodes.map { $0.isText ? .none : ClassNames($0) }
        // Children come after their parent in the array: a backward pass sums bottom-up.
        for index in stride(from: count - 1, through: 0, by: -1) {
            let node = tree[index]
            if node.isText {
                (textLength[index], commas[index]) = Self.lengthAndCommas(node.text)
            } else if !Self.silentTags.contains(node.name) {
                var leadFound = false
                for child in node.children {
                    if !leadFound && textLength[child] > 0 {
                        leadFound = true
                        leadsWithHeadline[index] = !tree[child].isText && leadsWithHeadline[child]
                    }
                    textLength[index] += textLength[child]
                    linkLength[index] += linkLength[child]
                    commas[index] += commas[child]
                    paragraphLength[index] += paragraphLength[child]
                }
                if node.name == "a" { linkLength[index] = textLength[index] }
                if node.name == "p" { paragraphLength[index] = textLength[index] }
                if node.name.utf8.count <= 2 && (node.name == "a" || Self.cardHeadings.contains(node.name)) {
                    leadsWithHeadline[index] = textLength[index] > 0
                }
            }
        }
        // Parents come before their children: forward passes.
        inCard = Array(repeating: false, count: count)
        for index in tree.nodes.indices where !tree[index].isText {
            let parent = tree[index].parent
            inCard[index] = parent >= 0 && (inCard[parent] || isCard(index, leadsWithHeadline: leadsWithHeadline[index]))
        }
        isBodyHint = tree.nodes.indices.map { index in
            let node = tree[index]
            // The <body>'s classes describe the page ("sans-serif-article-body" is a font setting).
            if node.isText || inCard[index] || node.name == "body" || node.name == "html" { return false }
            if node.attribute("itemprop")?.lowercased().contains("articlebody") == true { return true }
            return classNames[index].isArticleBody
        }
        inBodyHint = isBodyHint
        for index in tree.nodes.indices where tree[index].parent >= 0 && inBodyHint[tree[index].parent] {
            inBodyHint[index] = true
        }
        for index in stride(from: count - 1, through: 0, by: -1) where isBodyHint[index] {
            var ancestor = index
            while ancestor >= 0 && !holdsBodyHint[ancestor] {
                holdsBodyHint[ancestor] = true
                ancestor = tree[ancestor].parent
            }
        }
    }

    /// Headings that title a card (so does a link that comes first).
    static let cardHeadings: Set<String> = ["h2", "h3", "h4"]
    /// Text of a card, at most (in characters): a headline and a teaser, not an article's section.
    static let cardLength = 600

    /// Whether an element is a card of a list (teasers, a "latest stories" grid, a "More news" rail):
    /// an `<article>` beside another of its kind (the same first class name), or a short block that
    /// opens with a headline (a heading or a link) beside another of its class. The "post",
    /// "article" and "article-body" classes of cards are the list's, not signs of the page's own
    /// article. An article beside "next-article" or "article-view-header" is not a card.
    private func isCard(_ index: Int, leadsWithHeadline: Bool) -> Bool {
        let nodes = tree.nodes
        let parent = nodes[index].parent
        guard parent >= 0 else { return false }
        let kind = classNames[index].firstClass
        let isArticle = nodes[index].name == "article"
        guard
            isArticle
                || (leadsWithHeadline && kind != 0 && textLength[index] <= Self.cardLength
                    && Self.cardTags.contains(nodes[index].name))
        else { return false }
        return nodes[parent].children.contains {
            $0 != index && classNames[$0].firstClass == kind && nodes[$0].name == nodes[index].name
        }
    }

    static let cardTags: Set<String> = ["div", "li", "section"]

    /// Characters (whitespace runs counted as one) and commas, in any script's comma.
    static func lengthAndCommas(_ text: String) -> (Int, Int) {
        var length = 0
        var commas = 0
        var inSpace = true
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                if !inSpace { length += 1 }
                inSpace = true
                continue
            }
            inSpace = false
            // Count scalars, not bytes: skip UTF-8 continuation bytes.
            if byte & 0xC0 != 0x80 { length += 1 }
            if byte == UInt8(ascii: ",") { commas += 1 }
        }
        // "，" (U+FF0C), "、" (U+3001) and "،" (U+060C) are commas too.
        if length != text.utf8.count {
            for scalar in text.unicodeScalars where scalar.value == 0xFF0C || scalar.value == 0x3001 || scalar.value == 0x060C {
                commas += 1
            }
        }
        return (length, commas)
    }

    func linkDensity(_ index: Int) -> Double {
        textLength[index] == 0 ? 0 : Double(linkLength[index]) / Double(textLength[index])
    }

    private func visibleLength(of index: Int, removed: [Bool]) -> Int {
        if removed[index] { return 0 }
        let node = tree[index]
        if node.isText { return textLength[index] }
        return node.children.reduce(0) { $0 + visibleLength(of: $1, removed: removed) }
    }

    // MARK: Pruning

    static let silentTags: Set<String> = [
        "script", "style", "noscript", "template", "iframe", "object", "embed", "applet", "svg", "math", "canvas",
        "head", "title", "meta", "link", "button", "input", "select", "textarea", "option", "dialog",
    ]
    /// Elements that are never the article, whatever they contain.
    static let furnitureTags: Set<String> = ["nav", "aside", "menu"]
    /// ARIA roles of page furniture.
    static let furnitureRoles: Set<String> = [
        "navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "menu", "menubar",
        "search", "toolbar", "tablist", "doc-endnotes", "doc-footnote", "doc-noteref",
    ]

    /// Marks what goes before scoring: silent and hidden elements always; with `strict`, also what
    /// class, id, role or tag names as furniture.
    private func prune(strict: Bool) -> [Bool] {
        var removed = Array(repeating: false, count: tree.nodes.count)
        let pageParagraphs = max(paragraphLength[0], 1)
        let outside = ownArticle.map(outsideOfSubtree) ?? []
        for index in tree.nodes.indices {
            let node = tree[index]
            if (node.parent >= 0 && removed[node.parent]) || (!outside.isEmpty && outside[index]) {
                removed[index] = true
                continue
            }
            if node.isText { continue }
            if Self.silentTags.contains(node.name) || isHidden(node, index) {
                removed[index] = true
                continue
            }
            // A form is a search box or a sign-up, not the article; but ASP.NET pages put the whole
            // page in one: a form that holds most of the page's paragraphs is the page.
            if node.name == "form" && paragraphLength[index] * 2 < pageParagraphs {
                removed[index] = true
                continue
            }
            guard strict, !holdsBodyHint[index], node.name != "body", node.name != "html" else { continue }
            if Self.furnitureTags.contains(node.name) { removed[index] = true; continue }
            if let role = node.attribute("role")?.lowercased(), Self.furnitureRoles.contains(role) {
                removed[index] = true
                continue
            }
            if (node.name == "header" || node.name == "footer") && paragraphLength[index] < 200 {
                removed[index] = true
                continue
            }
            let names = classNames[index]
            if isProseInMarkedBody(index) { continue }
            if names.isComments {
                removed[index] = true
            } else if names.isFurniture && paragraphLength[index] * 2 <= pageParagraphs
                && (!names.isContent || (!inBodyHint[index] && paragraphLength[index] * 5 < pageParagraphs * 2))
            {
                // A block that holds most of the page's paragraphs is the article, whatever it is
                // called ("col-aside", "promo"): no sidebar holds most of a page's prose. A block
                // named both ways ("content-sidebar") stays when it holds much of the page's text,
                // or when it is inside the marked body: there "content-text extra-styles" names the
                // body's own paragraphs.
                removed[index] = true
            }
        }
        return removed
    }

    /// The top-level `<article>` whose headline (its first h1, else h2) is `title`, when the page
    /// holds more than one and exactly one of them is so titled.
    private func article(titled title: String) -> Int? {
        let wanted = TextNormalizer.comparable(title)
        let articles = tree.all(named: "article").filter { !hasAncestor(named: "article", $0) }
        guard articles.count > 1, !wanted.isEmpty else { return nil }
        let titled = articles.filter { article in
            guard let headline = tree.first(named: "h1", under: article) ?? tree.first(named: "h2", under: article)
            else { return false }
            let words = TextNormalizer.comparable(tree.text(of: headline))
            // The page's title often carries the site's name after the headline.
            return words.split(separator: " ").count >= 3 && wanted.contains(words)
        }
        return titled.count == 1 ? titled[0] : nil
    }

    /// The `<main>` around `index`, when the page has one; else the `<article>` around it, when the
    /// page has one that is not a card.
    private func enclosingLandmark(of index: Int, removed: [Bool]) -> Int? {
        for name in ["main", "article"] {
            let landmarks = tree.all(named: name).filter { !removed[$0] && !inCard[$0] }
            guard landmarks.count == 1 else { continue }
            return isAncestor(landmarks[0], of: index) ? landmarks[0] : nil
        }
        return nil
    }

    /// Characters of paragraph text under `index` that pruning left, cards' text aside.
    private func visibleParagraphLength(of index: Int, removed: [Bool]) -> Int {
        if removed[index] || inCard[index] { return 0 }
        if tree[index].name == "p" { return paragraphLength[index] }
        return tree[index].children.reduce(0) { $0 + (tree[$1].isText ? 0 : visibleParagraphLength(of: $1, removed: removed)) }
    }

    /// The block that the page's headline heads: the nearest ancestor of the element whose text is
    /// the page's title (an h1, else an h2, else any element) that holds 300 characters of text
    /// beside it. Nil when no element carries the title, or when the headline stands alone (in a
    /// header of its own, the block would be most of the page).
    private func headlineBlock(removed: [Bool]) -> Int? {
        let titleLength = titleWords.unicodeScalars.count
        guard titleLength >= 15, titleWords.split(separator: " ").count >= 3 else { return nil }
        var headline: (index: Int, rank: Int)?
        for index in tree.nodes.indices where !removed[index] && !tree[index].isText {
            let length = textLength[index]
            guard length >= 15, length <= titleLength + 2 else { continue }
            let rank = ["h1": 0, "h2": 1][tree[index].name] ?? 2
            if let found = headline, found.rank <= rank { continue }
            let words = TextNormalizer.comparable(tree.text(of: index))
            // The page's title often carries the site's name after the headline.
            guard words.split(separator: " ").count >= 3, titleWords.contains(words) else { continue }
            headline = (index, rank)
        }
        guard let headline else { return nil }
        var block = tree[headline.index].parent
        while block > 0 && tree[block].name != "body" {
            if textLength[block] - textLength[headline.index] >= 300 { return block }
            block = tree[block].parent
        }
        return nil
    }

    private func hasAncestor(named name: String, _ index: Int) -> Bool {
        var current = tree[index].parent
        while current >= 0 {
            if tree[current].name == name { return true }
            current = tree[current].parent
        }
        return false
    }

    /// For each node: whether it is neither inside `root` nor one of its ancestors.
    private func outsideOfSubtree(_ root: Int) -> [Bool] {
        var outside = Array(repeating: true, count: tree.nodes.count)
        var ancestor = root
        while ancestor >= 0 {
            outside[ancestor] = false
            ancestor = tree[ancestor].parent
        }
        // Parents come before their children: one forward pass from the root on.
        for index in root..<tree.nodes.count where index == root || (tree[index].parent >= root && !outside[tree[index].parent]) {
            outside[index] = false
        }
        return outside
    }

    /// A block inside the marked body that holds a paragraph of prose or more: article text, whatever
    /// the block is called ("subscriber-only" holds the rest of the article on a paywalled page).
    func isProseInMarkedBody(_ index: Int) -> Bool {
        inBodyHint[index] && !classNames[index].isEmbed && paragraphLength[index] >= 80 && linkDensity(index) < 0.3
    }

    private func isHidden(_ node: PageTree.Node, _ index: Int) -> Bool {
        if node.attribute("hidden") != nil { return true }
        // aria-hidden hides icons, clones and duplicates from screen readers; a paywall also sets it
        // on the rest of an article that it blurs, which is still the article: paragraphs of prose
        // count as shown.
        if node.attribute("aria-hidden")?.lowercased() == "true" && node.name != "span" && node.name != "i" {
            return paragraphLength[index] < Self.hiddenProseLength
        }
        guard let style = node.attribute("style")?.lowercased() else { return false }
        let compact = style.filter { $0 != " " }
        return compact.contains("display:none") || compact.contains("visibility:hidden")
    }


    // MARK: Scoring

    /// Paragraph text (in characters) under an aria-hidden element from which on it is article text.
    static let hiddenProseLength = 200

    /// Tags whose text scores as a paragraph.
    static let paragraphTags: Set<String> = ["p", "pre", "td", "blockquote"]
    /// Containers that a div's text can run inside without being a block of its own.
    static let inlineTags: Set<String> = [
        "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em", "font", "i", "img", "kbd", "mark",
        "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
    ]

    /// The best block and the blocks beside it that belong to the article.
    private func selectContent(removed: [Bool]) -> [Int]? {
        var scores: [Int: Double] = [:]
        for index in tree.nodes.indices where !removed[index] {
            let node = tree[index]
            guard !node.isText, node.parent >= 0 else { continue }
            let (length, commaCount) = paragraphMeasure(index, removed: removed)
            guard length >= Self.minimumParagraphLength else { continue }
            let score = 1 + Double(commaCount) + min(Double(length / 100), 3)
            // A div's own text is a paragraph inside the div (Readability wraps it in a <p>): the div
            // is the first to score from it.
            var ancestor = Self.paragraphTags.contains(node.name) ? node.parent : index
            var level = 0
            while ancestor >= 0 && level < 5 {
                let ancestorNode = tree[ancestor]
                if ancestorNode.name == "html" { break }
                // A card's text is its own: a list of teasers does not add up to an article.
                if inCard[index] && !inCard[ancestor] { break }
                if scores[ancestor] == nil { scores[ancestor] = initialScore(ancestor) }
                let share = level == 0 ? 1 : (level == 1 ? 2 : Double(level) * 3)
                scores[ancestor]! += score / share
                ancestor = ancestorNode.parent
                level += 1
            }
        }
        guard !scores.isEmpty else { return nil }
        var ranked = scores.map { (index: $0.key, score: $0.value * (1 - linkDensity($0.key))) }
        ranked.sort { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
        var top = ranked[0].index
        var topScore = ranked[0].score
        // The block under the page's headline is the article, even when a block beside it (a police
        // log, a list of briefs with the same markup) holds more text.
        let headlined = headlineBlock(removed: removed)
        if let headlined, top != headlined, !isAncestor(headlined, of: top), !isAncestor(top, of: headlined),
            let own = ranked.first(where: { ($0.index == headlined || isAncestor(headlined, of: $0.index)) && $0.score >= topScore * 0.25 })
        {
            (top, topScore) = (own.index, own.score)
        }

        // Several strong candidates under one ancestor: the article is split into blocks
        // (paragraphs between ads), and the ancestor is the article.
        // (Ancestors and descendants of the top block score from its own paragraphs: not counted.)
        let strong = ranked.filter { $0.index != top }.prefix(5).filter { candidate in
            candidate.score >= topScore * 0.75 && !isAncestor(candidate.index, of: top) && !isAncestor(top, of: candidate.index)
                && (headlined.map { candidate.index == $0 || isAncestor($0, of: candidate.index) } ?? true)
        }.map(\.index)
        if strong.count >= 2 {
            var ancestor = tree[top].parent
            while ancestor > 0 && tree[ancestor].name != "body" {
                if strong.filter({ isAncestor(ancestor, of: $0) }).count >= 2 {
                    top = ancestor
                    break
                }
                ancestor = tree[ancestor].parent
            }
        }
        // The page's one <main> (or one <article>) around a block that holds less than half of its
        // prose: the article runs through the landmark's own paragraphs and sections, and the block
        // is a part of it (a note box, one section).
        if let landmark = enclosingLandmark(of: top, removed: removed),
            visibleParagraphLength(of: top, removed: removed) * 2 < visibleParagraphLength(of: landmark, removed: removed)
        {
            top = landmark
        }
        // A publisher's stated body picks, among the top block and its ancestors, the smallest
        // that holds most of it.
        if let statedBody, let better = coverStatedBody(statedBody, from: top, removed: removed) { top = better }
        // A lone child's parent holds nothing else: take the parent, for the siblings test below.
        while tree[top].parent > 0, tree[tree[top].parent].name != "body",
            tree[tree[top].parent].children.filter({ !removed[$0] && textLength[$0] > 0 }).count == 1
        {
            top = tree[top].parent
        }

        let finalScore = (scores[top] ?? topScore) * (1 - linkDensity(top))
        let threshold = max(10, finalScore * 0.2)
        let parent = tree[top].parent
        guard parent >= 0 else { return [top] }
        var content: [Int] = []
        let topClass = tree[top].attribute("class")
        for sibling in tree[parent].children where !removed[sibling] {
            if sibling == top {
                content.append(sibling)
                continue
            }
            let node = tree[sibling]
            if node.isText { continue }
            var bonus = 0.0
            if let topClass, !topClass.isEmpty, node.attribute("class") == topClass { bonus += finalScore * 0.2 }
            if let score = scores[sibling], score * (1 - linkDensity(sibling)) + bonus >= threshold {
                content.append(sibling)
            } else if bonus > 0 && paragraphLength[sibling] >= 80 && linkDensity(sibling) < 0.25 {
                // A block of the top block's own kind (the same class: a page builder's text block
                // between image blocks) that holds prose, however short, is more of the article.
                content.append(sibling)
            } else if node.name == "p" {
                let length = textLength[sibling]
                let density = linkDensity(sibling)
                if length > 80 && density < 0.25 {
                    content.append(sibling)
                } else if length > 0 && length <= 80 && density == 0 && tree.text(of: sibling).contains(". ") {
                    content.append(sibling)
                }
            }
        }
        return content
    }

    /// A paragraph's length and commas: a paragraph tag's text, or the text a div (or section,
    /// article) holds directly, outside its child blocks.
    private func paragraphMeasure(_ index: Int, removed: [Bool]) -> (Int, Int) {
        let node = tree[index]
        if Self.paragraphTags.contains(node.name) {
            if node.name == "td" || node.name == "blockquote",
                node.children.contains(where: { !tree[$0].isText && TextExtractor.blockTags.contains(tree[$0].name) })
            {
                return (0, 0)
            }
            return (textLength[index], commas[index])
        }
        guard node.name == "div" || node.name == "section" || node.name == "article" || node.name == "main" else {
            return (0, 0)
        }
        var length = 0
        var commaCount = 0
        for child in node.children where !removed[child] {
            let childNode = tree[child]
            if childNode.isText || Self.inlineTags.contains(childNode.name) {
                length += textLength[child]
                commaCount += commas[child]
            }
        }
        return (length, commaCount)
    }

    private func initialScore(_ index: Int) -> Double {
        let node = tree[index]
        var score: Double
        let listItem = inCard[index]
        switch node.name {
        case "article": score = listItem ? 0 : 10
        case "div", "main": score = 5
        case "pre", "td", "blockquote", "section": score = 3
        case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": score = -3
        case "h1", "h2", "h3", "h4", "h5", "h6", "th": score = -5
        default: score = 0
        }
        let names = classNames[index]
        if names.isContent && !listItem { score += 25 }
        if names.isFurniture || names.isComments { score -= 25 }
        if isBodyHint[index] { score += 50 }
        return score
    }

    private func isAncestor(_ ancestor: Int, of index: Int) -> Bool {
        var current = tree[index].parent
        while current >= 0 {
            if current == ancestor { return true }
            current = tree[current].parent
        }
        return false
    }

    /// Among `top` and its ancestors, the smallest whose words cover 80% of the stated body's.
    private func coverStatedBody(_ body: String, from top: Int, removed: [Bool]) -> Int? {
        let stated = Set(TextNormalizer.comparable(body).split(separator: " "))
        guard stated.count >= 40 else { return nil }
        var candidate = top
        while candidate > 0 {
            let words = Set(TextNormalizer.comparable(visibleText(of: candidate, removed: removed)).split(separator: " "))
            if Double(stated.intersection(words).count) >= Double(stated.count) * 0.8 {
                return candidate == top ? nil : candidate
            }
            if tree[candidate].name == "body" { break }
            candidate = tree[candidate].parent
        }
        return nil
    }

    private func visibleText(of index: Int, removed: [Bool]) -> String {
        if removed[index] { return "" }
        let node = tree[index]
        if node.isText { return node.text }
        return node.children.map { visibleText(of: $0, removed: removed) }.joined(separator: " ")
    }
}
