import CCurl
import Foundation
import TidingsCore

/// Fetches feeds with libcurl. Each call runs one transfer on its own easy handle, so one `Fetcher`
/// may be used from several threads at once.
public struct Fetcher: Sendable {
    public var options: FetchOptions

    public init(options: FetchOptions = FetchOptions()) {
        self.options = options
    }

    /// Fetches `request.url`, sending its validators as a conditional GET.
    /// - Returns: the final response, whatever its status (a 304, a 404 and a 200 alike).
    /// - Throws: `FetchError` when no response could be had or the body broke a limit.
    /// - Parameter shouldAbort: asked about once a second while the transfer runs; `true` cuts it
    ///   off with a `.cancelled` error (a stopping daemon).
    public func fetch(_ request: FetchRequest, shouldAbort: (@Sendable () -> Bool)? = nil) throws(FetchError)
        -> FetchResult
    {
        let url = request.url
        guard let scheme = Fetcher.scheme(of: url) else {
            throw FetchError(kind: .invalidURL, url: url, message: "not an absolute URL")
        }
        guard options.allowedSchemes.contains(scheme) else {
            let allowed = options.allowedSchemes.sorted().joined(separator: ", ")
            throw FetchError(
                kind: .schemeNotAllowed, url: url, message: "scheme '\(scheme)' is not allowed (allowed: \(allowed))")
        }
        let curl = try LibCurl.api(for: url)
        guard let handle = tidings_curl_easy_init(curl) else {
            throw FetchError(kind: .transport, url: url, message: "libcurl could not create a handle")
        }
        defer { tidings_curl_easy_cleanup(curl, handle) }

        let sink = TransferSink(maxBodyBytes: options.maxBodyBytes, shouldAbort: shouldAbort)
        let context = Unmanaged.passUnretained(sink).toOpaque()
        var headerList: UnsafeMutablePointer<curl_slist>? = nil
        defer { tidings_curl_slist_free_all(curl, headerList) }
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)

        let code: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { errorPointer in
            tidings_curl_setopt_string(curl, handle, CURLOPT_URL, url)
            tidings_curl_setopt_pointer(curl, handle, CURLOPT_ERRORBUFFER, errorPointer.baseAddress)
            tidings_curl_setopt_long(curl, handle, CURLOPT_NOSIGNAL, 1)
            let protocols = options.allowedSchemes.sorted().joined(separator: ",")
            tidings_curl_setopt_string(curl, handle, CURLOPT_PROTOCOLS_STR, protocols)
            tidings_curl_setopt_string(curl, handle, CURLOPT_REDIR_PROTOCOLS_STR, protocols)
            tidings_curl_setopt_long(curl, handle, CURLOPT_FOLLOWLOCATION, 1)
            tidings_curl_setopt_long(curl, handle, CURLOPT_MAXREDIRS, options.maxRedirects)
            tidings_curl_setopt_long(curl, handle, CURLOPT_CONNECTTIMEOUT, options.connectTimeout)
            tidings_curl_setopt_long(curl, handle, CURLOPT_TIMEOUT, options.totalTimeout)
            tidings_curl_setopt_long(curl, handle, CURLOPT_LOW_SPEED_LIMIT, options.lowSpeedLimit)
            tidings_curl_setopt_long(curl, handle, CURLOPT_LOW_SPEED_TIME, options.lowSpeedTime)
            tidings_curl_setopt_off_t(curl, handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(options.maxBodyBytes))
            // An empty string asks for every encoding this libcurl can decode (gzip, deflate, br).
            tidings_curl_setopt_string(curl, handle, CURLOPT_ACCEPT_ENCODING, "")
            tidings_curl_setopt_string(curl, handle, CURLOPT_USERAGENT, options.userAgent)

            var headers = [
                "Accept: application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5"
            ]
            if let etag = request.etag { headers.append("If-None-Match: \(etag)") }
            if let lastModified = request.lastModified { headers.append("If-Modified-Since: \(lastModified)") }
            for header in headers { headerList = tidings_curl_slist_append(curl, headerList, header) }
            tidings_curl_setopt_pointer(curl, handle, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(headerList))

            tidings_curl_setopt_write_callback(curl, handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
                let sink = Unmanaged<TransferSink>.fromOpaque(context!).takeUnretainedValue()
                return sink.appendBody(UnsafeRawBufferPointer(start: data, count: size * count))
            }
            tidings_curl_setopt_pointer(curl, handle, CURLOPT_WRITEDATA, context)
            tidings_curl_setopt_write_callback(curl, handle, CURLOPT_HEADERFUNCTION) { data, size, count, context in
                let sink = Unmanaged<TransferSink>.fromOpaque(context!).takeUnretainedValue()
                sink.appendHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
                return size * count
            }
            tidings_curl_setopt_pointer(curl, handle, CURLOPT_HEADERDATA, context)
            if shouldAbort != nil {
                tidings_curl_setopt_long(curl, handle, CURLOPT_NOPROGRESS, 0)
                tidings_curl_setopt_progress_callback(curl, handle) { context, _, _, _, _ in
                    let sink = Unmanaged<TransferSink>.fromOpaque(context!).takeUnretainedValue()
                    return sink.shouldAbort?() == true ? 1 : 0
                }
                tidings_curl_setopt_pointer(curl, handle, CURLOPT_XFERINFODATA, context)
            }
            return tidings_curl_easy_perform(curl, handle)
        }

        if code != CURLE_OK {
            let detail = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let message = detail.isEmpty ? String(cString: tidings_curl_easy_strerror(curl, code)) : detail
            throw Fetcher.error(for: code, url: url, message: message, bodyTooLarge: sink.overflowed)
        }

        var status = 0
        tidings_curl_getinfo_long(curl, handle, CURLINFO_RESPONSE_CODE, &status)
        var effective: UnsafeMutablePointer<CChar>? = nil
        tidings_curl_getinfo_string(curl, handle, CURLINFO_EFFECTIVE_URL, &effective)
        let finalURL = effective.map { String(cString: $0) } ?? url
        // A file:// read has no status line; it either worked or threw above.
        if status == 0 && scheme == "file" { status = 200 }
        return FetchResult(
            requestedURL: url, finalURL: finalURL, status: status, headers: sink.headers, body: sink.body,
            redirects: Fetcher.redirects(sink.responses, from: url))
    }

    /// The redirect hops among the responses seen (each a status and its Location), made absolute
    /// against the URL that answered.
    static func redirects(_ responses: [(status: Int, location: String?)], from url: String) -> [RedirectHop] {
        var hops: [RedirectHop] = []
        var base = URL(string: url)
        for response in responses where (300..<400).contains(response.status) && response.status != 304 {
            guard let location = response.location, let target = URL(string: location, relativeTo: base) else { break }
            let absolute = target.absoluteString
            hops.append(RedirectHop(status: response.status, location: absolute))
            base = URL(string: absolute)
        }
        return hops
    }

    static func scheme(of url: String) -> String? {
        guard let colon = url.firstIndex(of: ":") else { return nil }
        let scheme = url[..<colon]
        guard !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) else {
            return nil
        }
        return scheme.lowercased()
    }

    private static func error(for code: CURLcode, url: String, message: String, bodyTooLarge: Bool) -> FetchError {
        if code == CURLE_ABORTED_BY_CALLBACK {
            return FetchError(kind: .cancelled, url: url, message: "transfer stopped: Tidings is shutting down")
        }
        if bodyTooLarge || code == CURLE_FILESIZE_EXCEEDED {
            return FetchError(kind: .bodyTooLarge, url: url, message: "response body is larger than the limit")
        }
        let kind: FetchError.Kind
        switch code {
        case CURLE_OPERATION_TIMEDOUT: kind = .timedOut
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: kind = .dnsFailure
        case CURLE_COULDNT_CONNECT, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING: kind = .connectionFailed
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM: kind = .tlsFailure
        case CURLE_TOO_MANY_REDIRECTS: kind = .tooManyRedirects
        case CURLE_UNSUPPORTED_PROTOCOL: kind = .schemeNotAllowed
        case CURLE_URL_MALFORMAT: kind = .invalidURL
        default: kind = .transport
        }
        return FetchError(kind: kind, url: url, message: message)
    }
}

/// Collects one transfer's headers and body; lives only while `curl_easy_perform` runs.
private final class TransferSink {
    let maxBodyBytes: Int
    var body: [UInt8] = []
    var headers: [String: String] = [:]
    /// Every response's status and Location, redirects included, in order.
    var responses: [(status: Int, location: String?)] = []
    var overflowed = false
    let shouldAbort: (@Sendable () -> Bool)?

    init(maxBodyBytes: Int, shouldAbort: (@Sendable () -> Bool)?) {
        self.maxBodyBytes = maxBodyBytes
        self.shouldAbort = shouldAbort
    }

    /// Returns the count consumed; anything else makes libcurl abort the transfer.
    func appendBody(_ chunk: UnsafeRawBufferPointer) -> Int {
        if body.count + chunk.count > maxBodyBytes {
            overflowed = true
            return 0
        }
        body.append(contentsOf: chunk)
        return chunk.count
    }

    func appendHeaderLine(_ chunk: UnsafeRawBufferPointer) {
        let line = String(decoding: chunk, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") {
            // A new response (after a redirect or a 100 Continue): only the last one's headers count.
            headers.removeAll()
            let fields = line.split(separator: " ")
            let status = fields.count > 1 ? Int(fields[1]) ?? 0 : 0
            if status >= 200 { responses.append((status, nil)) }
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        headers[name] = value
        if name == "location", !responses.isEmpty { responses[responses.count - 1].location = value }
    }
}
