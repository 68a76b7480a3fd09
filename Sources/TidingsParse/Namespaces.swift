/// The XML namespaces feeds use. Elements carry a short key instead of the URI (`""` for RSS
/// without a namespace, `"atom"`, `"media"`…), so that the readers match on short strings and the
/// many URIs one vocabulary has been published under read as one.
enum Namespace {
    static let atom = "atom"
    static let atom03 = "atom03"
    static let rdf = "rdf"
    static let rss1 = "rss1"
    static let rss090 = "rss090"
    static let content = "content"
    static let dc = "dc"
    static let dcterms = "dcterms"
    static let media = "media"
    static let itunes = "itunes"
    static let syndication = "sy"
    static let slash = "slash"
    static let feedburner = "feedburner"
    static let xhtml = "xhtml"
    static let xml = "xml"

    /// Namespace URI (lowercased) to key. Unknown URIs keep themselves as their key.
    private static let keysByURI: [String: String] = [
        "http://www.w3.org/2005/atom": atom,
        "http://purl.org/atom/ns#": atom03,
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#": rdf,
        "http://purl.org/rss/1.0/": rss1,
        "http://my.netscape.com/rdf/simple/0.9/": rss090,
        // RSS 2.0 has no namespace, but some feeds put it in one of these.
        "http://backend.userland.com/rss2": "",
        "http://blogs.law.harvard.edu/tech/rss": "",
        "http://backend.userland.com/rss": "",
        "http://purl.org/rss/1.0/modules/content/": content,
        "http://purl.org/dc/elements/1.1/": dc,
        "http://purl.org/dc/elements/1.0/": dc,
        "http://purl.org/dc/terms/": dcterms,
        "http://search.yahoo.com/mrss/": media,
        "http://search.yahoo.com/mrss": media,
        "http://www.itunes.com/dtds/podcast-1.0.dtd": itunes,
        "https://www.itunes.com/dtds/podcast-1.0.dtd": itunes,
        "http://purl.org/rss/1.0/modules/syndication/": syndication,
        "http://purl.org/rss/1.0/modules/slash/": slash,
        "http://rssnamespace.org/feedburner/ext/1.0": feedburner,
        "http://www.w3.org/1999/xhtml": xhtml,
        "http://www.w3.org/xml/1998/namespace": xml,
    ]

    /// Feeds that use a prefix without declaring it mean the usual vocabulary.
    private static let keysByPrefix: [String: String] = [
        "atom": atom, "rdf": rdf, "content": content, "dc": dc, "dcterms": dcterms, "media": media,
        "itunes": itunes, "sy": syndication, "slash": slash, "feedburner": feedburner, "xhtml": xhtml, "xml": xml,
    ]

    static func key(forURI uri: String) -> String {
        keysByURI[uri] ?? keysByURI[uri.lowercased()] ?? uri
    }

    static func key(forUndeclaredPrefix prefix: String) -> String {
        keysByPrefix[prefix.lowercased()] ?? prefix
    }
}
