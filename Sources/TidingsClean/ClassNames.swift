/// What an element's class and id names say about it, word by word ("post-share-bar" says share).
struct ClassNames {
    let isContent: Bool
    let isFurniture: Bool
    let isComments: Bool
    let isArticleBody: Bool
    /// A post embedded from a social network (its own text, not the article's).
    let isEmbed: Bool
    /// The first class name, hashed (0 for none): cards of one list share it.
    let firstClass: Int

    /// An element with no class or id.
    static let none = ClassNames(isContent: false, isFurniture: false, isComments: false, isArticleBody: false, isEmbed: false)

    private init(isContent: Bool, isFurniture: Bool, isComments: Bool, isArticleBody: Bool, isEmbed: Bool) {
        (self.isContent, self.isFurniture, self.isComments, self.isArticleBody) = (isContent, isFurniture, isComments, isArticleBody)
        self.isEmbed = isEmbed
        self.firstClass = 0
    }

    static let embedPrefixes = ["embed", "tweet", "twitter", "instagram", "tiktok", "bluesky", "youtube", "facebook", "mastodon", "threads"]

    /// Words that name the article's container.
    static let contentWords = [
        "article", "body", "content", "entry", "main", "post", "story", "text", "blog", "prose", "richtext",
    ]
    /// Word beginnings that name page furniture.
    static let furniturePrefixes = [
        "sidebar", "share", "sharing", "social", "related", "recommend", "promo", "advert", "sponsor", "newsletter",
        "subscri", "signup", "cookie", "consent", "gdpr", "banner", "popup", "modal", "breadcrumb", "pagination",
        "pager", "widget", "outbrain", "taboola", "masthead", "toolbar", "ticker", "trending", "popular", "teaser",
        "paywall", "login", "footer", "navbar", "navigation", "menu", "byline", "dateline", "author", "tags",
        "taglist", "keywords", "caption", "credit", "disclaimer", "skip", "print", "topbar", "offcanvas", "footnote",
        "endnote",
    ]
    /// Whole words that name page furniture (too short to match as beginnings).
    static let furnitureWords: Set<String> = [
        "ad", "ads", "nav", "tag", "meta", "more", "header", "hidden", "sr", "visually", "aside", "extra", "most",
        "rail", "promoted", "partner", "partners", "embed", "bio",
        // Fact boxes beside the story: summaries, not its text.
        "facts", "factbox", "keyfacts", "keypoints", "takeaways", "lineup", "lineups", "standings", "scorecard", "verdict",
        "tldr",
    ]
    static let commentPrefixes = ["comment", "disqus", "respond", "reply", "replies", "discussion", "guestbook"]

    init(_ node: PageTree.Node) {
        let classes = node.attribute("class") ?? ""
        firstClass = Self.firstClassHash(classes)
        var names = Self.withoutModifiers(classes)
        if let id = node.attribute("id") { names += " " + id }
        guard !names.isEmpty else {
            (isContent, isFurniture, isComments, isArticleBody, isEmbed) = (false, false, false, false, false)
            return
        }
        let words = Self.words(names)
        var content = false
        var furniture = false
        var comments = false
        var articleBody = false
        for word in words {
            if Self.contentWords.contains(where: word.hasPrefix) { content = true }
            if Self.furnitureWords.contains(word) || Self.furniturePrefixes.contains(where: word.hasPrefix) {
                furniture = true
            }
            if Self.commentPrefixes.contains(where: word.hasPrefix) { comments = true }
            if word == "articlebody" || word == "storybody" || word == "entrycontent" || word == "postbody" {
                articleBody = true
            }
        }
        // Pairs of words: "article-body", "entry-content", "story-text".
        for (first, second) in zip(words, words.dropFirst())
        where ["article", "story", "entry", "post"].contains(first) && ["body", "content", "text"].contains(second) {
            articleBody = true
        }
        (isContent, isFurniture, isComments, isArticleBody) = (content, furniture, comments, articleBody)
        isEmbed = words.contains { word in Self.embedPrefixes.contains(where: word.hasPrefix) }
    }

    /// FNV-1a of the bytes up to the first space; 0 for none.
    static func firstClassHash(_ classes: String) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var length = 0
        for byte in classes.utf8 {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A {
                if length > 0 { break }
                continue
            }
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            length += 1
        }
        return length == 0 ? 0 : Int(truncatingIfNeeded: hash | 1)
    }

    /// The class names without those that describe what an element has rather than what it is:
    /// "has-footer", "no-sidebar", "with-share-bar" on an article.
    static func withoutModifiers(_ classes: String) -> String {
        // Nearly every class attribute has none: one pass over the bytes says so.
        let bytes = Array(classes.utf8)
        var start = 0
        var found = false
        while start < bytes.count && !found {
            found = modifierPrefixes.contains { prefix in
                start + prefix.count <= bytes.count && prefix.indices.allSatisfy { bytes[start + $0] | 0x20 == prefix[$0] | 0x20 }
            }
            guard let space = bytes[start...].firstIndex(of: 0x20) else { break }
            start = space + 1
        }
        guard found else { return classes }
        return classes.split(separator: " ").filter { name in
            !modifierPrefixes.contains { name.utf8.starts(with: $0) || name.lowercased().utf8.starts(with: $0) }
        }.joined(separator: " ")
    }

    private static let modifierPrefixes: [[UInt8]] = ["has-", "has_", "no-", "no_", "with-", "with_", "without-"].map { Array($0.utf8) }

    /// Lowercase words of the names: split at anything not a letter or digit, and at camelCase humps.
    static func words(_ names: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        var previousWasLower = false
        for scalar in names.unicodeScalars {
            let isLetter = scalar.properties.isAlphabetic
            if isLetter || scalar.properties.numericType != nil {
                if isLetter && scalar.properties.isUppercase && previousWasLower {
                    words.append(String(current))
                    current = String.UnicodeScalarView()
                }
                if scalar.isASCII {
                    current.append(Unicode.Scalar(UInt8(scalar.value) | (scalar.properties.isUppercase ? 0x20 : 0)))
                } else {
                    current.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                }
                previousWasLower = scalar.properties.isLowercase
            } else {
                if !current.isEmpty { words.append(String(current)) }
                current = String.UnicodeScalarView()
                previousWasLower = false
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }
}
