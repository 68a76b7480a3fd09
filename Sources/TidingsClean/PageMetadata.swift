import Foundation

/// What a page says about itself: its title, and the article text its JSON-LD states
/// (schema.org `articleBody`), a strong hint for the extractor.
struct PageMetadata {
    var title: String?
    /// The title the page gives itself in its head (og:title or twitter:title, else `<title>`).
    var namedTitle: String?
    var statedBody: String?

    init(_ tree: PageTree) {
        var title: String?
        var ogTitle: String?
        for index in tree.all(named: "meta") {
            let node = tree[index]
            let key = (node.attribute("property") ?? node.attribute("name") ?? "").lowercased()
            if key == "og:title" || key == "twitter:title", ogTitle == nil, let content = node.attribute("content") {
                ogTitle = content
            }
        }
        if let index = tree.first(named: "title") { title = tree.text(of: index) }
        let h1 = tree.first(named: "h1").map { tree.text(of: $0) }
        self.title = [ogTitle, h1, title].compactMap { $0.map(TextNormalizer.normalize) }.first { !$0.isEmpty }
        self.namedTitle = [ogTitle, title].compactMap { $0.map(TextNormalizer.normalize) }.first { !$0.isEmpty }

        for index in tree.all(named: "script")
        where tree[index].attribute("type")?.lowercased().hasPrefix("application/ld+json") == true {
            let json = tree.text(of: index)
            guard let data = json.data(using: .utf8),
                let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            else { continue }
            if let body = Self.articleBody(in: value, depth: 0) {
                statedBody = body
                break
            }
        }
    }

    /// The longest `articleBody` string in the JSON-LD value (objects, arrays, `@graph`).
    private static func articleBody(in value: Any, depth: Int) -> String? {
        guard depth < 8 else { return nil }
        var best: String?
        func consider(_ candidate: String?) {
            if let candidate, candidate.count > (best?.count ?? 0) { best = candidate }
        }
        if let object = value as? [String: Any] {
            consider(object["articleBody"] as? String)
            for (_, child) in object where child is [Any] || child is [String: Any] {
                consider(articleBody(in: child, depth: depth + 1))
            }
        } else if let array = value as? [Any] {
            for child in array { consider(articleBody(in: child, depth: depth + 1)) }
        }
        return best
    }
}
