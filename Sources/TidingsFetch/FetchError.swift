import TidingsCore

/// A fetch that produced no HTTP response worth reading: the URL and what went wrong.
public struct FetchError: Error, CustomStringConvertible, Sendable, Hashable {
    public enum Kind: String, Sendable {
        case invalidURL, schemeNotAllowed, bodyTooLarge, timedOut, dnsFailure, connectionFailed, tlsFailure,
            tooManyRedirects, transport, cancelled
    }

    public var kind: Kind
    public var url: String
    public var message: String

    public init(kind: Kind, url: String, message: String) {
        self.kind = kind
        self.url = url
        self.message = message
    }

    public var description: String { "\(DisplayURL.string(url)): \(message)" }
}
