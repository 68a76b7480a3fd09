import Foundation
import TidingsCore

/// Turns an HTML tree into HTML that is safe to show: an allowlist of tags and attributes, URLs
/// made absolute and checked, tracking pixels and tracking parameters removed.
struct SafeHTML {
    /// The article's address, the base for relative URLs.
    let baseURL: String?

    /// Tags kept, with the attributes each may carry (beyond none).
    static let allowedTags: [String: Set<String>] = {
        var tags: [String: Set<String>] = [:]
        let plain = [
            "abbr", "acronym", "address", "article", "aside", "b", "bdi", "bdo", "big", "blockquote", "br",
            "caption", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em",
            "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "ins",
            "kbd", "li", "mark", "ol", "p", "picture", "pre", "q", "rp", "rt", "ruby", "s", "samp", "section",
            "small", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
            "thead", "time", "tr", "tt", "u", "ul", "var", "wbr",
        ]
        for tag in plain { tags[tag] = [] }
        tags["a"] = ["href", "title"]
        tags["img"] = ["src", "srcset", "alt", "title", "width", "height"]
        tags["abbr"] = ["title"]
        tags["blockquote"] = ["cite"]
        tags["q"] = ["cite"]
        tags["del"] = ["cite", "datetime"]
        tags["ins"] = ["cite", "datetime"]
        tags["time"] = ["datetime"]
        tags["ol"] = ["start", "reversed"]
        tags["td"] = ["colspan", "rowspan"]
        tags["th"] = ["colspan", "rowspan", "scope"]
        tags["audio"] = ["src", "controls"]
        tags["video"] = ["src", "poster", "controls", "width", "height"]
        tags["source"] = ["src", "srcset", "type", "media"]
        return tags
    }()

    /// Tags dropped together with everything inside them.
    static let droppedTags: Set<String> = [
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input", "button",
        "select", "textarea", "option", "noscript", "template", "svg", "math", "head", "title", "meta", "link",
        "base", "canvas", "dialog", "portal", "param",
    ]

    /// An image that a lazy-loading script would fill in (`data-src`, `data-lazy-src`,
    /// `data-original`, and their `srcset`s), with its real address where the placeholder was: in a
    /// reader no script runs, and the placeholder (a blank `data:` GIF, or nothing) was all that was
    /// kept.
    static func loadingLazily(_ image: HTMLElement) -> HTMLElement {
        func lazy(_ names: [String]) -> String? {
            names.lazy.compactMap { image.attribute($0) }.first { !$0.trimmingWhitespace().isEmpty }
        }
        let source = lazy(["data-src", "data-lazy-src", "data-original", "data-url"])
        let sourceSet = lazy(["data-srcset", "data-lazy-srcset"])
        guard source != nil || sourceSet != nil else { return image }
        func isPlaceholder(_ value: String?) -> Bool {
            guard let value = value?.trimmingWhitespace().lowercased(), !value.isEmpty else { return true }
            return value.hasPrefix("data:") || value.hasPrefix("about:")
        }
        var result = image
        func set(_ name: String, _ value: String) {
            if let index = result.attributes.firstIndex(where: { $0.name == name }) {
                result.attributes[index].value = value
            } else {
                result.attributes.append((name: name, value: value))
            }
        }
        if let source, isPlaceholder(image.attribute("src")) { set("src", source) }
        if let sourceSet, isPlaceholder(image.attribute("srcset")) { set("srcset", sourceSet) }
        return result
    }

    static let voidTags: Set<String> = ["br", "hr", "img", "wbr", "col", "source"]
    static let urlAttributes: Set<String> = ["href", "src", "cite", "poster"]

    /// Hosts that serve invisible tracking images (their subdomains too).
    static let trackerHosts: Set<String> = [
        "feeds.feedburner.com", "feedproxy.google.com", "pixel.wp.com", "stats.wordpress.com",
        "google-analytics.com", "doubleclick.net", "pixel.quantserve.com", "scorecardresearch.com",
        "pixel.mathtag.com", "feeds.wordpress.com", "pixel.facebook.com", "ct.pinterest.com",
        "analytics.twitter.com", "bat.bing.com", "mailchi.mp", "list-manage.com",
    ]
    /// Tracking images on hosts that also serve real content: host and path prefix.
    static let trackerPaths: [(host: String, path: String)] = [("www.facebook.com", "/tr"), ("t.co", "/i/adsct")]

    /// What happens to an element, by tag name, looked up once per element.
    private enum TagRule {
        /// Kept, with these attributes (beyond none); a void element has no content or end tag.
        case keep(attributes: Set<String>, isVoid: Bool)
        /// Dropped with everything inside.
        case drop
    }

    private static let tagRules: [String: TagRule] = {
        var rules: [String: TagRule] = [:]
        for (tag, attributes) in allowedTags { rules[tag] = .keep(attributes: attributes, isVoid: voidTags.contains(tag)) }
        for tag in droppedTags { rules[tag] = .drop }
        return rules
    }()

    func render(_ nodes: [HTMLNode]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        for node in nodes { render(node, into: &out) }
        let html = String(decoding: out, as: UTF8.self)
        // Only text at either end can be white space (ASCII, or a no-break space and the like).
        guard let first = out.first, let last = out.last, first <= 0x20 || first >= 0x80 || last <= 0x20 || last >= 0x80
        else { return html }
        return html.trimmingWhitespace()
    }

    private func render(_ node: HTMLNode, into out: inout [UInt8]) {
        switch node {
        case .text(let text):
            Self.appendEscaped(text, quotes: false, to: &out)
        case .element(let element):
            guard let rule = Self.tagRules[element.name] else {
                // Unknown or presentational wrappers (font, center, html, body): keep what is inside.
                for child in element.children { render(child, into: &out) }
                return
            }
            guard case .keep(let allowed, let isVoid) = rule else { return }
            let element = element.name == "img" || element.name == "source" ? Self.loadingLazily(element) : element
            if element.name == "img" && isTrackingPixel(element) { return }
            var attributes: [(String, String)] = []
            for (name, value) in element.attributes where allowed.contains(name) {
                if Self.urlAttributes.contains(name) {
                    guard let url = safeURL(value, attribute: name, tag: element.name) else { continue }
                    attributes.append((name, url))
                } else if name == "srcset" {
                    if let srcset = safeSrcset(value) { attributes.append((name, srcset)) }
                } else {
                    attributes.append((name, value))
                }
            }
            if element.name == "img" && !attributes.contains(where: { $0.0 == "src" || $0.0 == "srcset" }) { return }
            if element.name == "a" && attributes.contains(where: { $0.0 == "href" }) {
                attributes.append(("rel", "noopener noreferrer nofollow"))
            }
            out.append(UInt8(ascii: "<"))
            out.append(contentsOf: element.name.utf8)
            for (name, value) in attributes {
                out.append(UInt8(ascii: " "))
                out.append(contentsOf: name.utf8)
                out.append(contentsOf: "=\"".utf8)
                Self.appendEscaped(value, quotes: true, to: &out)
                out.append(UInt8(ascii: "\""))
            }
            out.append(UInt8(ascii: ">"))
            if isVoid { return }
            for child in element.children { render(child, into: &out) }
            out.append(contentsOf: "</".utf8)
            out.append(contentsOf: element.name.utf8)
            out.append(UInt8(ascii: ">"))
        }
    }

    /// The URL made absolute, or nil when its scheme could run code or leak (javascript:, vbscript:,
    /// data: except for images, anything not http(s) or mailto).
    func safeURL(_ raw: String, attribute: String, tag: String) -> String? {
        // Most URLs are absolute http(s) with nothing to strip: no need to compact or resolve them.
        if raw.utf8.starts(with: "https://".utf8) || raw.utf8.starts(with: "http://".utf8),
            !raw.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F })
        {
            return tag == "a" ? CanonicalURL.removingTracking(from: raw) : raw
        }
        // Browsers ignore control characters and spaces inside a scheme ("java\tscript:"): so must we.
        let isIgnored = { (byte: UInt8) in byte <= 0x20 || byte == 0x7F }
        let compact =
            raw.utf8.contains(where: isIgnored)
            ? String(decoding: raw.utf8.filter { !isIgnored($0) }, as: UTF8.self) : raw
        guard !compact.isEmpty else { return nil }
        if compact.utf8.count >= 5, compact.utf8.prefix(5).lazy.map({ $0 | 0x20 }).elementsEqual("data:".utf8) {
            let lower = compact.lowercased()
            let imageTags: Set<String> = ["img", "source"]
            let allowed = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"]
            return imageTags.contains(tag) && allowed.contains(where: lower.hasPrefix) ? compact : nil
        }
        let absolute = URLResolver.resolve(compact, against: baseURL)
        let scheme = absolute.prefix { $0 != ":" }.lowercased()
        switch scheme {
        case "http", "https": return tag == "a" ? CanonicalURL.removingTracking(from: absolute) : absolute
        case "mailto": return tag == "a" ? absolute : nil
        default: return nil
        }
    }

    private func safeSrcset(_ value: String) -> String? {
        let candidates = value.split(separator: ",").compactMap { candidate -> String? in
            let parts = candidate.split(separator: " ", omittingEmptySubsequences: true)
            guard let first = parts.first, let url = safeURL(String(first), attribute: "src", tag: "img") else {
                return nil
            }
            return ([url] + parts.dropFirst().map(String.init)).joined(separator: " ")
        }
        return candidates.isEmpty ? nil : candidates.joined(separator: ", ")
    }

    private func isTrackingPixel(_ image: HTMLElement) -> Bool {
        let width = image.attribute("width").flatMap { Int($0.trimmingWhitespace()) }
        let height = image.attribute("height").flatMap { Int($0.trimmingWhitespace()) }
        if let width, let height, width <= 1, height <= 1 { return true }
        guard let source = image.attribute("src"), let (host, path) = Self.hostAndPath(of: source) else { return false }
        var suffix = Substring(host)
        while true {
            if Self.trackerHosts.contains(String(suffix)) { return true }
            guard let dot = suffix.firstIndex(of: ".") else { break }
            suffix = suffix[suffix.index(after: dot)...]
        }
        return Self.trackerPaths.contains { host == $0.host && path.hasPrefix($0.path) }
    }

    /// The lowercased host and the path of an absolute or scheme-relative URL.
    static func hostAndPath(of url: String) -> (host: String, path: Substring)? {
        let bytes = url.utf8
        guard let slash = bytes.indices.first(where: { bytes[$0] == UInt8(ascii: "/") }),
            bytes.index(after: slash) < bytes.endIndex, bytes[bytes.index(after: slash)] == UInt8(ascii: "/")
        else { return nil }
        let rest = url[bytes.index(slash, offsetBy: 2)...]
        let hostEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var host = rest[..<hostEnd]
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if let colon = host.firstIndex(of: ":") { host = host[..<colon] }
        guard !host.isEmpty else { return nil }
        return (host.lowercased(), rest[hostEnd...])
    }

    /// Appends `text` with `&`, `<`, `>` (and `"` in attributes) as entities, copying the runs
    /// between them whole.
    private static func appendEscaped(_ text: String, quotes: Bool, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for index in bytes.indices {
                let entity: StaticString
                switch bytes[index] {
                case UInt8(ascii: "&"): entity = "&amp;"
                case UInt8(ascii: "<"): entity = "&lt;"
                case UInt8(ascii: ">"): entity = "&gt;"
                case UInt8(ascii: "\"") where quotes: entity = "&quot;"
                default: continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                out.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
                runStart = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
    }
}
