import CCurl
import Foundation
import TidingsCore

/// One transfer on a libcurl easy handle: its options, what it collects, and its outcome. Lives from
/// `start` to `finish`; the handle and its C resources never leave this file.
final class Transfer {
    let index: Int
    let request: FetchRequest
    let host: String
    let handle: UnsafeMutableRawPointer
    private let curl: UnsafePointer<tidings_curl_api>
    private let sink: TransferSink
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let scheme: String

    /// Makes the easy handle for `request` and sets every option; nil with the reason when the
    /// request cannot be made at all.
    static func make(
        index: Int, request: FetchRequest, host: String, options: FetchOptions, shouldAbort: (@Sendable () -> Bool)?
    ) -> Result<Transfer, FetchError> {
        let url = request.url
        guard let scheme = Fetcher.scheme(of: url) else {
            return .failure(FetchError(kind: .invalidURL, url: url, message: "not an absolute URL"))
        }
        guard options.allowedSchemes.contains(scheme) else {
            let allowed = options.allowedSchemes.sorted().joined(separator: ", ")
            return .failure(
                FetchError(kind: .schemeNotAllowed, url: url, message: "scheme '\(scheme)' is not allowed (allowed: \(allowed))"))
        }
        let curl: UnsafePointer<tidings_curl_api>
        do { curl = try LibCurl.api(for: url) } catch { return .failure(error) }
        guard let handle = tidings_curl_easy_init(curl) else {
            return .failure(FetchError(kind: .transport, url: url, message: "libcurl could not create a handle"))
        }
        let transfer = Transfer(
            index: index, request: request, host: host, scheme: scheme, handle: handle, curl: curl,
            sink: TransferSink(maxBodyBytes: options.maxBodyBytes, shouldAbort: shouldAbort))
        transfer.configure(options)
        return .success(transfer)
    }

    /// `url` percent-encoded where it holds a space, a control character or non-ASCII text (a feed
    /// stored that way by an older Tidings, an OPML file), which libcurl refuses; as it is otherwise.
    static func encoded(_ url: String) -> String {
        guard url.utf8.contains(where: { $0 <= 0x20 || $0 >= 0x7F }) else { return url }
        return URLComponents(string: url)?.string ?? url
    }

    private init(
        index: Int, request: FetchRequest, host: String, scheme: String, handle: UnsafeMutableRawPointer,
        curl: UnsafePointer<tidings_curl_api>,
        sink: TransferSink
    ) {
        self.index = index
        self.request = request
        self.scheme = scheme
        self.host = host
        self.handle = handle
        self.curl = curl
        self.sink = sink
        errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        tidings_curl_easy_cleanup(curl, handle)
        tidings_curl_slist_free_all(curl, headerList)
        errorBuffer.deallocate()
    }

    private func configure(_ options: FetchOptions) {
        let context = Unmanaged.passUnretained(sink).toOpaque()
        tidings_curl_setopt_string(curl, handle, CURLOPT_URL, Self.encoded(request.url))
        tidings_curl_setopt_pointer(curl, handle, CURLOPT_ERRORBUFFER, errorBuffer)
        tidings_curl_setopt_long(curl, handle, CURLOPT_NOSIGNAL, 1)
        let protocols = options.allowedSchemes.sorted().joined(separator: ",")
        tidings_curl_setopt_string(curl, handle, CURLOPT_PROTOCOLS_STR, protocols)
        tidings_curl_setopt_string(curl, handle, CURLOPT_REDIR_PROTOCOLS_STR, protocols)
        tidings_curl_setopt_long(curl, handle, CURLOPT_FOLLOWLOCATION, 1)
        tidings_curl_setopt_long(curl, handle, CURLOPT_MAXREDIRS, options.maxRedirects)
        // Cookies for the length of one transfer (an empty file name turns the engine on without a
        // file): some sites set one in a redirect and send back to the same URL until it comes
        // back; without it that is a redirect loop. Nothing is kept between polls.
        tidings_curl_setopt_string(curl, handle, CURLOPT_COOKIEFILE, "")
        tidings_curl_setopt_long(curl, handle, CURLOPT_CONNECTTIMEOUT, options.connectTimeout)
        tidings_curl_setopt_long(curl, handle, CURLOPT_TIMEOUT, options.totalTimeout)
        tidings_curl_setopt_long(curl, handle, CURLOPT_LOW_SPEED_LIMIT, options.lowSpeedLimit)
        tidings_curl_setopt_long(curl, handle, CURLOPT_LOW_SPEED_TIME, options.lowSpeedTime)
        tidings_curl_setopt_off_t(curl, handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(options.maxBodyBytes))
        // HTTP/2 where the server offers it over TLS (and HTTP/1.1 elsewhere); on the multi handle,
        // transfers to one host share its connection.
        tidings_curl_setopt_long(curl, handle, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
        // An empty string asks for every encoding this libcurl can decode (Debian's: gzip, deflate, br, zstd).
        if request.decodesContent {
            tidings_curl_setopt_string(curl, handle, CURLOPT_ACCEPT_ENCODING, "")
        } else {
            tidings_curl_setopt_long(curl, handle, CURLOPT_HTTP_CONTENT_DECODING, 0)
        }
        tidings_curl_setopt_string(curl, handle, CURLOPT_USERAGENT, options.userAgent)
        if let caFile = options.caFile { tidings_curl_setopt_string(curl, handle, CURLOPT_CAINFO, caFile) }

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
        if sink.shouldAbort != nil {
            tidings_curl_setopt_long(curl, handle, CURLOPT_NOPROGRESS, 0)
            tidings_curl_setopt_progress_callback(curl, handle) { context, _, _, _, _ in
                let sink = Unmanaged<TransferSink>.fromOpaque(context!).takeUnretainedValue()
                return sink.shouldAbort?() == true ? 1 : 0
            }
            tidings_curl_setopt_pointer(curl, handle, CURLOPT_XFERINFODATA, context)
        }
    }

    /// Bytes this transfer's body buffer holds (room reserved from Content-Length included), or nil
    /// while no body arrived yet.
    var bufferedBytes: Int? { sink.body.capacity == 0 ? nil : sink.body.capacity }

    /// The outcome, once libcurl reported the transfer done with `code`.
    func finish(_ code: CURLcode) -> Result<FetchResult, FetchError> {
        let url = request.url
        if code != CURLE_OK {
            let detail = String(cString: errorBuffer)
            let message = detail.isEmpty ? String(cString: tidings_curl_easy_strerror(curl, code)) : detail
            return .failure(Fetcher.error(for: code, url: url, message: message, bodyTooLarge: sink.overflowed))
        }
        var status = 0
        tidings_curl_getinfo_long(curl, handle, CURLINFO_RESPONSE_CODE, &status)
        var effective: UnsafeMutablePointer<CChar>? = nil
        tidings_curl_getinfo_string(curl, handle, CURLINFO_EFFECTIVE_URL, &effective)
        let finalURL = effective.map { String(cString: $0) } ?? url
        // A file:// read has no status line; it either worked or failed above.
        if status == 0 && scheme == "file" { status = 200 }
        return .success(
            FetchResult(
                requestedURL: url, finalURL: finalURL, status: status, headers: sink.headers, body: sink.body,
                redirects: Fetcher.redirects(sink.responses, from: url)))
    }
}

/// Collects one transfer's headers and body while libcurl runs it.
final class TransferSink {
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
        // Room for the whole body at once when its length is known: grown by doubling, a buffer
        // holds up to twice the body, and 32 transfers in flight made that several megabytes.
        if body.isEmpty, let length = headers["content-length"].flatMap({ Int($0) }), length > chunk.count {
            body.reserveCapacity(min(length, maxBodyBytes))
        }
        // A typed buffer: appending raw bytes one by one was measurable on large feeds.
        body.append(contentsOf: chunk.assumingMemoryBound(to: UInt8.self))
        return chunk.count
    }

    /// Takes one header line as libcurl hands it over (CRLF included). Trimmed and split as bytes:
    /// Foundation's `trimmingCharacters` on every line was 3% of a warm round's CPU.
    func appendHeaderLine(_ chunk: UnsafeRawBufferPointer) {
        let bytes = chunk.assumingMemoryBound(to: UInt8.self)
        let line = Self.trimmed(bytes[...])
        if line.starts(with: "HTTP/".utf8) {
            // A new response (after a redirect or a 100 Continue): only the last one's headers count.
            headers.removeAll()
            let fields = line.split(separator: UInt8(ascii: " "), maxSplits: 2)
            let status = fields.count > 1 ? Int(String(decoding: fields[1], as: UTF8.self)) ?? 0 : 0
            if status >= 200 { responses.append((status, nil)) }
            return
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return }
        let name = String(decoding: line[..<colon], as: UTF8.self).lowercased()
        let value = String(decoding: Self.trimmed(line[(colon + 1)...]), as: UTF8.self)
        headers[name] = value
        if name == "location", !responses.isEmpty { responses[responses.count - 1].location = value }
    }

    /// `bytes` without the spaces, tabs, CRs and LFs at either end.
    private static func trimmed(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Slice<UnsafeBufferPointer<UInt8>> {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0d || byte == 0x0a }
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return bytes[start..<end]
    }
}
