import Foundation
import TidingsCore
import TidingsStore

/// Feed addresses as users type them.
enum FeedAddress {
    /// An absolute http(s) or file URL, percent-encoded where it holds what a URL may not (a space,
    /// non-ASCII letters; an international host name in its ASCII form), as browsers send it; a path
    /// of an existing local file becomes its file:// URL.
    ///
    /// Spellings of one address become one, so that a feed is not subscribed (and fetched) twice:
    /// scheme and ASCII host in lowercase, no default port, no fragment (never sent), no empty
    /// query, no `.` or `..` path segments.
    static func normalize(_ text: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !trimmed.contains("://"), FileManager.default.fileExists(atPath: trimmed) {
            return URL(fileURLWithPath: trimmed).standardizedFileURL.absoluteString
        }
        guard var components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased() else {
            throw CLIError("not a feed URL: '\(text)' (expected an http://, https:// or file:// URL, or the path of a local file)")
        }
        switch scheme {
        case "http", "https":
            guard let host = components.host, !host.isEmpty else { throw CLIError("not a feed URL: '\(text)' has no host") }
            if let port = components.port, !(1...65535).contains(port) {
                throw CLIError("not a feed URL: '\(text)' (port \(port) is not in 1–65535)")
            }
            if host.unicodeScalars.allSatisfy(\.isASCII) { components.host = host.lowercased() }
            if components.port == (scheme == "http" ? 80 : 443) { components.port = nil }
            if components.percentEncodedPath.isEmpty { components.percentEncodedPath = "/" }
        case "file":
            break
        default:
            throw CLIError("not a feed URL: '\(text)' (scheme '\(scheme)' is not http, https or file)")
        }
        components.scheme = scheme
        components.fragment = nil
        if components.percentEncodedQuery?.isEmpty == true { components.percentEncodedQuery = nil }
        components.percentEncodedPath = removingDotSegments(components.percentEncodedPath)
        // Kept as typed, libcurl refused "a b.xml" at every poll ("URL using bad/illegal format").
        return components.string ?? trimmed
    }

    /// RFC 3986's remove_dot_segments: `/a/./b/../c` → `/a/c`.
    static func removingDotSegments(_ path: String) -> String {
        guard path.contains("/.") || path.hasPrefix(".") else { return path }
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            switch segment {
            case ".":
                if isLast { output.append("") }
            case "..":
                if output.count > 1 { output.removeLast() }
                if isLast { output.append("") }
            default:
                output.append(segment)
            }
        }
        let joined = output.joined(separator: "/")
        return path.hasPrefix("/") && !joined.hasPrefix("/") ? "/" + joined : joined
    }

    /// The feed a user names on the command line: its ID, or its URL as stored, or as `add` would
    /// have stored it (so that `remove 'HTTP://Site.example/feed '` finds the feed added so).
    static func feed(_ reference: String, in store: FeedStore) throws -> Feed {
        let trimmed = reference.trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            return try store.feed(trimmed)
        } catch let error as StoreError where error.kind == .unknownFeed {
            guard let normalized = try? normalize(trimmed), normalized != trimmed else { throw error }
            return try store.feed(normalized)
        }
    }
}
