import Foundation

/// How the fetcher behaves: identity, limits and what it may touch.
public struct FetchOptions: Sendable, Hashable {
    public var userAgent: String
    /// Seconds to establish a connection.
    public var connectTimeout: Int
    /// Seconds for the whole transfer.
    public var totalTimeout: Int
    /// A transfer slower than `lowSpeedLimit` bytes a second for `lowSpeedTime` seconds is cut off.
    public var lowSpeedLimit: Int
    public var lowSpeedTime: Int
    /// Largest body accepted, after decompression.
    public var maxBodyBytes: Int
    public var maxRedirects: Int
    /// URL schemes that may be fetched, lowercase: "http", "https", and "file" only where allowed.
    public var allowedSchemes: Set<String>
    /// Transfers running at once, in all.
    public var maxConcurrentTransfers: Int
    /// Transfers running at once to one host.
    public var maxTransfersPerHost: Int
    /// Seconds between the starts of two transfers to one host.
    public var hostSpacing: TimeInterval
    /// Bytes of response bodies that running transfers may hold in memory, roughly: the next transfer
    /// waits while they hold more. One transfer always runs, whatever its size.
    public var maxBufferedBytes: Int
    /// A PEM file of the certificate authorities to trust for HTTPS instead of the system's (a
    /// private CA's feeds); nil: the system's.
    public var caFile: String?

    public static let defaultUserAgent = "Tidings/\(TidingsVersion.string) (+https://github.com/tidings-rss/tidings)"

    public init(
        userAgent: String = FetchOptions.defaultUserAgent, connectTimeout: Int = 10, totalTimeout: Int = 60,
        lowSpeedLimit: Int = 64, lowSpeedTime: Int = 20, maxBodyBytes: Int = 16 * 1024 * 1024,
        maxRedirects: Int = 5, allowedSchemes: Set<String> = ["http", "https"], maxConcurrentTransfers: Int = 32,
        maxTransfersPerHost: Int = 2, hostSpacing: TimeInterval = 1, maxBufferedBytes: Int = 4 * 1024 * 1024,
        caFile: String? = nil
    ) {
        self.userAgent = userAgent
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.lowSpeedLimit = lowSpeedLimit
        self.lowSpeedTime = lowSpeedTime
        self.maxBodyBytes = maxBodyBytes
        self.maxRedirects = maxRedirects
        self.allowedSchemes = allowedSchemes
        self.maxConcurrentTransfers = maxConcurrentTransfers
        self.maxTransfersPerHost = maxTransfersPerHost
        self.hostSpacing = hostSpacing
        self.maxBufferedBytes = maxBufferedBytes
        self.caFile = caFile
    }
}

/// The version Tidings reports in its User-Agent and `--version`.
public enum TidingsVersion {
    public static let string = "0.1.0"
}
