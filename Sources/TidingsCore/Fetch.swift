import Foundation

/// What to fetch, with the validators of the last successful fetch.
public struct FetchRequest: Sendable, Hashable {
    public var url: String
    public var etag: String?
    public var lastModified: String?

    public init(url: String, etag: String? = nil, lastModified: String? = nil) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
    }
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

    public init(requestedURL: String, finalURL: String, status: Int, headers: [String: String], body: [UInt8]) {
        self.requestedURL = requestedURL
        self.finalURL = finalURL
        self.status = status
        self.headers = headers
        self.body = body
    }

    public var isNotModified: Bool { status == 304 }
    public var isSuccess: Bool { (200..<300).contains(status) }
    public var etag: String? { headers["etag"] }
    public var lastModified: String? { headers["last-modified"] }
    public var contentType: String? { headers["content-type"] }
}
