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

    public static let defaultUserAgent = "Tidings/\(TidingsVersion.string) (+https://github.com/tidings-rss/tidings)"

    public init(
        userAgent: String = FetchOptions.defaultUserAgent, connectTimeout: Int = 10, totalTimeout: Int = 60,
        lowSpeedLimit: Int = 64, lowSpeedTime: Int = 20, maxBodyBytes: Int = 16 * 1024 * 1024,
        maxRedirects: Int = 5, allowedSchemes: Set<String> = ["http", "https"]
    ) {
        self.userAgent = userAgent
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.lowSpeedLimit = lowSpeedLimit
        self.lowSpeedTime = lowSpeedTime
        self.maxBodyBytes = maxBodyBytes
        self.maxRedirects = maxRedirects
        self.allowedSchemes = allowedSchemes
    }
}

/// The version Tidings reports in its User-Agent and `--version`.
public enum TidingsVersion {
    public static let string = "0.1.0"
}
