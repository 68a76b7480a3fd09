import Foundation

/// What to fetch, with the validators of the last successful fetch.
public struct FetchRequest: Sendable, Hashable {
    public var url: String
    public var etag: String?
    public var lastModified: String?
    /// Whether compressed bodies are asked for and decoded. Off for the second try at a server that
    /// labels a body with an encoding no one knows (`Content-Encoding: UTF-8`): the body is then
    /// taken as sent, as browsers do.
    public var decodesContent = true

    public init(url: String, etag: String? = nil, lastModified: String? = nil) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
    }
}

/// One redirect followed during a fetch.
public struct RedirectHop: Sendable, Hashable {
    public var status: Int
    /// Where it pointed, made absolute.
    public var location: String

    public init(status: Int, location: String) {
        self.status = status
        self.location = location
    }

    /// 301 and 308: the resource moved for good. 302, 303 and 307 are temporary.
    public var isPermanent: Bool { status == 301 || status == 308 }
}

/// A completed HTTP (or file) exchange. Transport failures are thrown as errors instead.
public struct FetchResult: Sendable {
    /// The URL that was asked for.
    public var requestedURL: String
    /// The URL the body came from, after redirects.
    public var finalURL: String
    /// HTTP status; 200 for a file read.
    public var status: Int
    /// Response headers of the final response, names lowercased.
    public var headers: [String: String]
    public var body: [UInt8]
    /// The redirects followed, in order.
    public var redirects: [RedirectHop]

    public init(
        requestedURL: String, finalURL: String, status: Int, headers: [String: String], body: [UInt8],
        redirects: [RedirectHop] = []
    ) {
        self.requestedURL = requestedURL
        self.finalURL = finalURL
        self.status = status
        self.headers = headers
        self.body = body
        self.redirects = redirects
    }

    /// Where the feed has moved for good: the end of the redirects that are all permanent from the
    /// first one on (a temporary hop on the way means the move is not for good), or nil.
    public var permanentRedirect: String? {
        var target: String?
        for hop in redirects {
            guard hop.isPermanent else { break }
            target = hop.location
        }
        return target
    }

    /// When the server asks to come back later (Retry-After, in seconds or as an HTTP date), as
    /// seconds from `now`; nil when absent or unreadable.
    public func retryAfter(now: Date) -> TimeInterval? {
        guard let value = headers["retry-after"]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Int(value) { return TimeInterval(max(0, seconds)) }
        // More digits than an Int holds: a very long wait all the same (the scheduler caps it).
        if value.utf8.allSatisfy({ (48...57).contains($0) }) { return Double(value) }
        return HTTPDate.parse(value).map { max(0, $0.timeIntervalSince(now)) }
    }

    /// How long the response may be cached, by Cache-Control max-age (or s-maxage), else Expires:
    /// a lower bound the publisher sets on the poll interval. Nil when the headers say nothing.
    public func freshnessLifetime(now: Date) -> TimeInterval? {
        if let control = headers["cache-control"]?.lowercased() {
            for directive in control.split(separator: ",") {
                let parts = directive.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.count == 2, parts[0] == "max-age" || parts[0] == "s-maxage",
                    let seconds = Int(parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))), seconds >= 0
                {
                    return TimeInterval(seconds)
                }
            }
        }
        if let expires = headers["expires"], let date = HTTPDate.parse(expires) {
            return max(0, date.timeIntervalSince(now))
        }
        return nil
    }

    public var isNotModified: Bool { status == 304 }
    public var isSuccess: Bool { (200..<300).contains(status) }
    public var etag: String? { headers["etag"] }
    public var lastModified: String? { headers["last-modified"] }
    public var contentType: String? { headers["content-type"] }
}

/// HTTP dates (RFC 9110 IMF-fixdate, and the obsolete RFC 850 and asctime forms servers still send).
public enum HTTPDate {
    public static func parse(_ text: String) -> Date? {
        let formats = ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"]
        for format in formats {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text.trimmingCharacters(in: .whitespaces)) { return date }
        }
        return nil
    }
}
