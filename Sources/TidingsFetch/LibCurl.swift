import CCurl

/// libcurl, opened on the first transfer rather than linked (Sources/CCurl/shim.h says why).
enum LibCurl {
    /// The table of entry points, or why libcurl could not be loaded. Written once, read only after.
    nonisolated(unsafe) private static let loaded: (api: UnsafePointer<tidings_curl_api>?, error: String?) = {
        let api = UnsafeMutablePointer<tidings_curl_api>.allocate(capacity: 1)
        api.initialize(to: tidings_curl_api())
        var error = [CChar](repeating: 0, count: 512)
        guard tidings_curl_load(api, &error, error.count) == 0 else {
            return (nil, String(decoding: error.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        // libcurl's global state is set up once, before the first handle, as its documentation asks.
        _ = tidings_curl_global_init(api, Int(CURL_GLOBAL_DEFAULT))
        return (UnsafePointer(api), nil)
    }()

    /// The entry points; a transfer to `url` fails with the reason when libcurl is missing.
    static func api(for url: String) throws(FetchError) -> UnsafePointer<tidings_curl_api> {
        guard let api = loaded.api else {
            throw FetchError(kind: .transport, url: url, message: loaded.error ?? "cannot load libcurl")
        }
        return api
    }
}
