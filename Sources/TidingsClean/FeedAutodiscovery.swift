import TidingsCore

/// The feeds a web page names in its head, as RSS and Atom autodiscovery has them:
/// `<link rel="alternate" type="application/rss+xml" href="…">`. A site's address given where its
/// feed's was meant (the commonest slip when subscribing) still leads to the feed.
public enum FeedAutodiscovery {
    /// The media types of feeds Tidings reads.
    static let feedTypes: Set<String> = [
        "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json",
        "application/json",
    ]

    /// The feed links of the page in `body`, made absolute (against `<base href>`, else `url`), in
    /// the page's order, without repeats: the first is the site's main feed by convention (a blog's
    /// comments feed comes after its posts feed). Empty for a page that names none, or for bytes
    /// that are no HTML page.
    public static func feedLinks(inPage body: [UInt8], contentType: String?, url: String) -> [String] {
        guard let tree = HTMLDocumentParser.parsePage(body, contentType: contentType) else { return [] }
        let base = tree.first(named: "base").flatMap { tree[$0].attribute("href") }
            .map { URLResolver.resolve($0.trimmingWhitespace(), against: url) } ?? url
        var links: [String] = []
        for index in tree.all(named: "link") {
            let node = tree[index]
            let relations = (node.attribute("rel") ?? "").lowercased().split(whereSeparator: \.isWhitespace)
            let type = (node.attribute("type") ?? "").lowercased().split(separator: ";").first.map { String($0).trimmingWhitespace() } ?? ""
            guard relations.contains("alternate"), feedTypes.contains(type),
                let href = node.attribute("href")?.trimmingWhitespace(), !href.isEmpty
            else { continue }
            // Without a fragment: never sent, and it would make one feed two subscriptions.
            let resolved = URLResolver.resolve(href, against: base)
            let link = resolved.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? resolved
            guard link.lowercased().hasPrefix("http://") || link.lowercased().hasPrefix("https://"),
                !links.contains(link)
            else { continue }
            links.append(link)
        }
        return links
    }
}
