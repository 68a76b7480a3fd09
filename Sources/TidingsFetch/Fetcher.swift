import CCurl
import Foundation
import TidingsCore

/// Fetches feeds with libcurl's multi interface: many transfers on one event loop, within a global
/// limit and a per-host limit with a minimum spacing between the starts of two transfers to one
/// host. A `Fetcher` is a value; each call runs its own loop on the calling thread, so one fetcher
/// may be used from several threads at once.
public struct Fetcher: Sendable {
    public var options: FetchOptions

    public init(options: FetchOptions = FetchOptions()) {
        self.options = options
    }

    /// Fetches `request.url`, sending its validators as a conditional GET.
    /// - Parameter shouldAbort: asked about once a second while the transfer runs; `true` cuts it
    ///   off with a `.cancelled` error (a stopping daemon).
    /// - Returns: the final response, whatever its status (a 304, a 404 and a 200 alike).
    /// - Throws: `FetchError` when no response could be had or the body broke a limit.
    public func fetch(_ request: FetchRequest, shouldAbort: (@Sendable () -> Bool)? = nil) throws(FetchError)
        -> FetchResult
    {
        var outcome: Result<FetchResult, FetchError>?
        fetchAll([request], shouldAbort: shouldAbort) { _, result in outcome = result }
        guard let outcome else {
            throw FetchError(kind: .cancelled, url: request.url, message: "transfer not started: Tidings is stopping")
        }
        return try outcome.get()
    }

    /// Fetches every request, as many at once as the limits allow (transfers at once, to one host,
    /// and bytes of bodies held: `FetchOptions`), and calls `completion` on this
    /// thread with each one's index and outcome as soon as it is done, so that the caller can work on
    /// one while the others download. Returns when all are done.
    /// - Parameters:
    ///   - shouldStart: asked before each transfer starts; `false` leaves the rest unstarted (they
    ///     get a `.cancelled` outcome).
    ///   - shouldAbort: asked about once a second; `true` cuts off the transfers running.
    ///   - joining: asked about once a second while requests are waiting or running; the requests it
    ///     returns join the round ahead of those still waiting, numbered after the ones before them
    ///     (a daemon's long round takes in a feed added meanwhile without waiting for its end).
    public func fetchAll(
        _ requests: [FetchRequest], shouldStart: () -> Bool = { true }, shouldAbort: (@Sendable () -> Bool)? = nil,
        joining: () -> [FetchRequest] = { [] },
        completion: (Int, Result<FetchResult, FetchError>) -> Void
    ) {
        guard !requests.isEmpty else { return }
        var requests = requests
        guard let curl = try? LibCurl.api(for: requests[0].url), let multi = tidings_curl_multi_init(curl) else {
            for (index, request) in requests.enumerated() {
                let reason = (try? LibCurl.api(for: request.url)) == nil ? "cannot load libcurl" : "libcurl could not make a multi handle"
                completion(index, .failure(FetchError(kind: .transport, url: request.url, message: reason)))
            }
            return
        }
        defer { tidings_curl_multi_cleanup(curl, multi) }
        // libcurl's own connection limits back up the schedule below.
        tidings_curl_multi_setopt_long(curl, multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, options.maxConcurrentTransfers)
        tidings_curl_multi_setopt_long(curl, multi, CURLMOPT_MAX_HOST_CONNECTIONS, options.maxTransfersPerHost)

        var schedule = HostSchedule(
            globalLimit: options.maxConcurrentTransfers, perHost: options.maxTransfersPerHost, spacing: options.hostSpacing)
        var budget = BodyBudget(limit: options.maxBufferedBytes)
        // The requests not started yet, in order, from `head` on. Most starts take the first one:
        // moving the head instead of removing it from a 10,000-entry array spares an O(n) shift.
        var pending = Array(requests.indices)
        var head = 0
        // Parsed once: the start loop below looks at every waiting request's host on each turn.
        var hosts = requests.map { HostSchedule.host(of: $0.url) }
        var running: [UnsafeMutableRawPointer: Transfer] = [:]
        let clock = { ProcessInfo.processInfo.systemUptime }
        var lastJoin = clock()

        while head < pending.count || !running.isEmpty {
            if clock() - lastJoin >= Self.joinInterval {
                lastJoin = clock()
                let joined = joining()
                if !joined.isEmpty {
                    pending.replaceSubrange(head..<head, with: requests.count..<(requests.count + joined.count))
                    requests += joined
                    hosts += joined.map { HostSchedule.host(of: $0.url) }
                }
            }
            // Start what the limits allow, in the order given, skipping hosts that must wait.
            if head < pending.count && !shouldStart() {
                for index in pending[head...] {
                    completion(
                        index, .failure(FetchError(kind: .cancelled, url: requests[index].url, message: "transfer not started: Tidings is stopping")))
                }
                pending.removeAll()
                head = 0
            }
            var waitUntil = TimeInterval.infinity
            var position = head
            let expected = budget.expectedBodyBytes
            var held = running.values.reduce(0) { $0 + ($1.bufferedBytes ?? expected) }
            while position < pending.count && schedule.active < schedule.globalLimit
                && budget.mayStart(held: held, running: running.count)
            {
                let index = pending[position]
                let host = hosts[index]
                let now = clock()
                guard schedule.mayStart(host: host, at: now) else {
                    if let earliest = schedule.earliestStart(host: host) { waitUntil = min(waitUntil, earliest) }
                    position += 1
                    continue
                }
                if position == head {
                    head += 1
                    position += 1
                } else {
                    pending.remove(at: position)
                }
                switch Transfer.make(
                    index: index, request: requests[index], host: host, options: options, shouldAbort: shouldAbort)
                {
                case .failure(let error):
                    completion(index, .failure(error))
                case .success(let transfer):
                    tidings_curl_multi_add_handle(curl, multi, transfer.handle)
                    running[transfer.handle] = transfer
                    schedule.started(host: host, at: now)
                    held += expected
                }
            }
            if running.isEmpty {
                // Only hosts that must wait are left: sleep until the first may start.
                if waitUntil.isFinite { Thread.sleep(forTimeInterval: max(0, min(waitUntil - clock(), 1))) }
                continue
            }
            var stillRunning: Int32 = 0
            tidings_curl_multi_perform(curl, multi, &stillRunning)
            var handle: UnsafeMutableRawPointer?
            var code = CURLE_OK
            while tidings_curl_multi_next_done(curl, multi, &handle, &code) == 1 {
                guard let done = handle, let transfer = running.removeValue(forKey: done) else { continue }
                tidings_curl_multi_remove_handle(curl, multi, done)
                schedule.finished(host: transfer.host)
                if code == CURLE_BAD_CONTENT_ENCODING, requests[transfer.index].decodesContent {
                    // A body labelled with an encoding libcurl does not know ("UTF-8", "utf8"): asked
                    // for once more, without asking for compression, and taken as sent.
                    _ = transfer.finish(code)
                    requests[transfer.index].decodesContent = false
                    pending.insert(transfer.index, at: head)
                    continue
                }
                let outcome = transfer.finish(code)
                budget.finished(bodyBytes: (try? outcome.get())?.body.count ?? 0)
                completion(transfer.index, outcome)
            }
            if !running.isEmpty {
                // Wait for network activity, but wake in time for a host whose spacing runs out.
                let timeout = waitUntil.isFinite ? max(0, min(waitUntil - clock(), 1)) : 1
                tidings_curl_multi_poll(curl, multi, Int32(timeout * 1000))
            }
        }
    }

    /// How often a running round asks for requests to join it.
    static let joinInterval: TimeInterval = 1

    /// The redirect hops among the responses seen (each a status and its Location), made absolute
    /// against the URL that answered.
    static func redirects(_ responses: [(status: Int, location: String?)], from url: String) -> [RedirectHop] {
        var hops: [RedirectHop] = []
        // Parsed only when there is a hop: most responses have none.
        guard responses.contains(where: { (300..<400).contains($0.status) && $0.status != 304 }) else { return hops }
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

    static func error(for code: CURLcode, url: String, message: String, bodyTooLarge: Bool) -> FetchError {
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
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CACERT_BADFILE:
            kind = .tlsFailure
        case CURLE_TOO_MANY_REDIRECTS: kind = .tooManyRedirects
        case CURLE_UNSUPPORTED_PROTOCOL: kind = .schemeNotAllowed
        case CURLE_URL_MALFORMAT: kind = .invalidURL
        default: kind = .transport
        }
        return FetchError(kind: kind, url: url, message: message)
    }
}
