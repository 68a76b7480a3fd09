import Foundation
import TidingsCore

/// What the cleaner makes of one document.
public struct CleanedDocument: Sendable, Hashable {
    /// The article as plain text, one paragraph a line, boilerplate removed.
    public var text: String
    /// The document as safe, allowlisted HTML (nil for plain-text input).
    public var html: String?
    /// The page's title, for a whole page (nil for an article's body).
    public var title: String?
}

/// The one cleaner every article passes through before it is stored: safe HTML for display, clean
/// text for everything downstream, and the keys the store deduplicates on.
public struct ArticleCleaner: Sendable {
    /// Longest summary, in characters, when one is cut from the text.
    public static let summaryLength = 300

    public init() {}

    /// Cleans an HTML document. `baseURL` is the article's address, for relative links.
    public func clean(html: String, baseURL: String? = nil, title: String? = nil) -> CleanedDocument {
        let nodes = HTMLDocumentParser.parse(html)
        var text = cleanText(of: nodes, title: title)
        // A post that is its title (a micro-blog's, a status update's): the title is dropped from
        // the text as a repeat, and nothing was left. The text is the post.
        if text.isEmpty, title != nil { text = cleanText(of: nodes, title: nil) }
        let safe = SafeHTML(baseURL: baseURL).render(nodes)
        return CleanedDocument(text: text, html: safe.isEmpty ? nil : safe)
    }

    /// Extracts the main article from a whole web page (the page an entry links to), then cleans
    /// it as an article's HTML. Nil when the page holds no article text.
    public func clean(page html: String, url: String? = nil, title: String? = nil) -> CleanedDocument? {
        guard let tree = HTMLDocumentParser.parsePage(html) else { return nil }
        return extract(tree, url: url, title: title)
    }

    /// Extracts the main article from a fetched page, in whatever encoding it came: UTF-8, the
    /// charset of its Content-Type, or the one its `<meta>` declares.
    public func clean(page: FetchResult, title: String? = nil) -> CleanedDocument? {
        clean(page: page.body, contentType: page.contentType, url: page.finalURL, title: title)
    }

    /// Extracts the main article from a page's bytes: UTF-8, the charset of `contentType`, or the
    /// one the page's `<meta>` declares.
    public func clean(page bytes: [UInt8], contentType: String?, url: String?, title: String? = nil) -> CleanedDocument? {
        HTMLDocumentParser.parsePage(bytes, contentType: contentType).flatMap { extract($0, url: url, title: title) }
    }

    /// Cleans a feed entry whose full text is on the page it links to: the page's article becomes
    /// the content, the entry's own text the summary. Falls back to the entry alone when the page
    /// holds no article at least as long as the entry's text.
    public func clean(entry: ParsedEntry, page: FetchResult) -> CleanArticle {
        var article = clean(entry: entry)
        guard let document = clean(page: page, title: article.title),
            document.text.count > article.contentText.count
        else { return article }
        article.summary = article.contentText.isEmpty ? Self.summary(of: document.text) : article.contentText
        article.contentText = document.text
        article.contentHTML = document.html
        article.contentHash = Self.contentHash(of: document.text)
        return article
    }

    private func extract(_ tree: PageTree, url: String?, title: String?) -> CleanedDocument? {
        let metadata = PageMetadata(tree)
        let title = title ?? metadata.title
        if let nodes = MainContentExtractor(tree: tree, statedBody: metadata.statedBody, pageTitle: metadata.namedTitle)
            .extract() {
            let text = cleanText(of: nodes, title: title, includesCaptions: false)
            if !text.isEmpty {
                let safe = SafeHTML(baseURL: url).render(nodes)
                return CleanedDocument(text: text, html: safe.isEmpty ? nil : safe, title: title)
            }
        }
        // No block to extract, but the publisher states the text: take it as plain text.
        guard let stated = metadata.statedBody else { return nil }
        let document = clean(text: stated, title: title)
        return document.text.isEmpty ? nil : CleanedDocument(text: document.text, html: nil, title: title)
    }

    private func cleanText(of nodes: [HTMLNode], title: String?, includesCaptions: Bool = true) -> String {
        let extracted = TextExtractor.lines(of: nodes, includesCaptions: includesCaptions)
        var lines: [String] = []
        var verbatim = Set<Int>()
        for (index, line) in extracted.lines.enumerated() {
            // Code keeps its indentation and inner spacing; other lines are collapsed.
            let isPreformatted = extracted.preformatted.contains(index)
            let text = isPreformatted ? TextNormalizer.normalizePreformatted(line) : TextNormalizer.normalize(line)
            guard !text.isEmpty else { continue }
            if isPreformatted { verbatim.insert(lines.count) }
            lines.append(text)
        }
        return BoilerplateFilter().filter(lines, title: title, verbatim: verbatim).joined(separator: "\n")
    }

    /// Cleans plain text: each non-empty line is a paragraph.
    public func clean(text: String, title: String? = nil) -> CleanedDocument {
        let lines = text.split(whereSeparator: \.isNewline).map { TextNormalizer.normalize(String($0)) }
            .filter { !$0.isEmpty }
        return CleanedDocument(text: BoilerplateFilter().filter(lines, title: title).joined(separator: "\n"))
    }

    /// Cleans one feed entry into the article the store keeps.
    public func clean(entry: ParsedEntry) -> CleanArticle {
        let title = entry.title.map { TextNormalizer.normalize($0) }.flatMap { $0.isEmpty ? nil : $0 }
        let body = entry.contentHTML ?? entry.summaryHTML ?? ""
        let document = clean(html: body, baseURL: entry.link, title: title)
        var summary: String?
        if entry.contentHTML != nil, let summaryHTML = entry.summaryHTML {
            summary = clean(html: summaryHTML, baseURL: entry.link, title: title).text
        }
        if summary?.isEmpty ?? true { summary = Self.summary(of: document.text) }
        // Through a proxy (FeedBurner), the story's own address is the publisher's: the one users
        // want to follow, and the one its copies in other feeds carry.
        let address = entry.originalLink ?? entry.link
        let link = address.map { CanonicalURL.removingTracking(from: $0) }
        return CleanArticle(
            entryKey: entry.entryKey, guid: entry.guid, url: link,
            canonicalURL: address.flatMap(CanonicalURL.canonicalize), title: title,
            author: entry.author.map { TextNormalizer.normalize($0) }, published: entry.published,
            updated: entry.updated, summary: summary, contentText: document.text, contentHTML: document.html,
            categories: entry.categories, enclosures: entry.enclosures,
            contentHash: Self.contentHash(of: document.text))
    }

    /// The hash the store's third dedupe tier compares: of the text's comparable form, made without
    /// building that form.
    static func contentHash(of text: String) -> String {
        ContentHash.hex(TextNormalizer.comparableHash(text) ?? ContentHash.Accumulator().value)
    }

    /// The first paragraph, cut at a word boundary when it is long.
    static func summary(of text: String) -> String? {
        guard let first = text.split(separator: "\n").first else { return nil }
        guard first.count > summaryLength else { return String(first) }
        let prefix = first.prefix(summaryLength)
        let cut = prefix.lastIndex(of: " ") ?? prefix.endIndex
        return String(prefix[..<cut]) + "…"
    }
}
