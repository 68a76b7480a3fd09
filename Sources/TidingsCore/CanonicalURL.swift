import Foundation

/// The form of an article URL under which copies compare equal: lowercase scheme and host, no
/// default port, no fragment, no tracking parameters, no trailing slash.
public enum CanonicalURL {
    /// Query parameters that only say who sent the reader, never which page it is.
    static let trackingParameters: Set<String> = [
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid", "mc_cid",
        "mc_eid", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "vero_conv",
        "rb_clickid", "s_cid", "ncid", "cmpid", "ocid", "sr_share", "__twitter_impression", "ref_src",
        "ref_url", "ito", "wt_mc", "wt.mc_id", "at_medium", "at_campaign", "spm", "scid", "share_id",
    ]
    static let trackingPrefixes = ["utm_", "pk_", "mtm_", "piwik_", "hmb_", "ga_", "_ga", "oly_"]

    /// True for a query parameter name that is tracking noise.
    public static func isTrackingParameter(_ name: String) -> Bool {
        let lower = name.lowercased()
        return trackingParameters.contains(lower) || trackingPrefixes.contains { lower.hasPrefix($0) }
    }

    /// The publisher's URL behind an AMP cache or viewer address, else `text` itself:
    /// `https://www-example-com.cdn.ampproject.org/c/s/www.example.com/a` and
    /// `https://www.google.com/amp/s/www.example.com/a` are `https://www.example.com/a`.
    public static func unwrappingAMPCache(_ text: String) -> String {
        guard let components = URLComponents(string: text), let host = components.host?.lowercased() else { return text }
        var path = Substring(components.percentEncodedPath)
        if host.hasSuffix(".cdn.ampproject.org") {
            // /c/ (content), /v/ (viewer) or /i/ (image), then s/ when the origin is https.
            guard path.count > 3, ["/c/", "/v/", "/i/"].contains(String(path.prefix(3))) else { return text }
            path = path.dropFirst(3)
        } else if host == "www.google.com" || host == "google.com", path.hasPrefix("/amp/") {
            path = path.dropFirst(5)
        } else {
            return text
        }
        var scheme = "http"
        if path.hasPrefix("s/") {
            scheme = "https"
            path = path.dropFirst(2)
        }
        guard !path.isEmpty, !path.hasPrefix("/") else { return text }
        let query = components.percentEncodedQuery.map { "?" + $0 } ?? ""
        return scheme + "://" + path + query
    }

    /// The canonical form of `text`, or nil when it is not an absolute http(s) URL.
    public static func canonicalize(_ text: String) -> String? {
        let text = unwrappingAMPCache(text.trimmingCharacters(in: .whitespacesAndNewlines))
        guard var components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else { return nil }
        components.scheme = scheme
        components.host = host.lowercased()
        if (scheme == "http" && components.port == 80) || (scheme == "https" && components.port == 443) {
            components.port = nil
        }
        components.fragment = nil
        if let items = components.queryItems {
            let kept = items.filter { !isTrackingParameter($0.name) }
            components.queryItems = kept.isEmpty ? nil : kept
        }
        var path = components.percentEncodedPath
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        if path.isEmpty { path = "/" }
        components.percentEncodedPath = path
        return components.string
    }

    /// Strips tracking parameters from a link while leaving everything else as it was: the other
    /// parameters keep their order and their encoding, byte for byte. Most links have no tracking
    /// parameter, and come back as they are after one scan.
    public static func removingTracking(from text: String) -> String {
        let bytes = text.utf8
        guard let question = bytes.firstIndex(of: UInt8(ascii: "?")) else { return text }
        // A "?" inside the fragment starts no query.
        if let hash = bytes.firstIndex(of: UInt8(ascii: "#")), hash < question { return text }
        let queryStart = bytes.index(after: question)
        let queryEnd = bytes[queryStart...].firstIndex(of: UInt8(ascii: "#")) ?? bytes.endIndex
        let items = bytes[queryStart..<queryEnd].split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: false)
        func isTracking(_ item: Substring.UTF8View) -> Bool {
            let name = Substring(item.prefix { $0 != UInt8(ascii: "=") })
            guard !name.isEmpty else { return false }
            let encoded = name.utf8.contains(UInt8(ascii: "%"))
            return isTrackingParameter(encoded ? (name.removingPercentEncoding ?? String(name)) : String(name))
        }
        guard items.contains(where: isTracking) else { return text }
        let kept = items.filter { !isTracking($0) }.map { Substring($0) }
        var result = String(text[..<question])
        if !kept.isEmpty { result += "?" + kept.joined(separator: "&") }
        result += text[queryEnd...]
        return result
    }
}
