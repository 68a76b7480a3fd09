import Foundation
import TidingsConfig

/// What a feed and its server say about how often to poll it.
public struct FeedHints: Sendable, Hashable {
    /// RSS ttl, in seconds.
    public var timeToLive: Int?
    /// sy:updatePeriod and sy:updateFrequency, in seconds.
    public var updateInterval: Int?
    /// Cache-Control max-age, else Expires, in seconds.
    public var freshnessLifetime: TimeInterval?
    /// The typical gap between the feed's entries (`PollSchedule.postingInterval`).
    public var postingInterval: TimeInterval?

    public init(
        timeToLive: Int? = nil, updateInterval: Int? = nil, freshnessLifetime: TimeInterval? = nil,
        postingInterval: TimeInterval? = nil
    ) {
        self.timeToLive = timeToLive
        self.updateInterval = updateInterval
        self.freshnessLifetime = freshnessLifetime
        self.postingInterval = postingInterval
    }
}

/// When to poll a feed next: pure arithmetic on times, with the clock and the randomness passed in,
/// so that tests pin every rule without sleeping.
public struct PollSchedule: Sendable {
    public var options: ScheduleOptions

    public init(options: ScheduleOptions) { self.options = options }

    /// The interval after a successful poll, in seconds.
    ///
    /// - The start: the feed's own interval (`add --interval`) when it has one, which the user chose
    ///   and no rate overrides; else the feed's observed posting interval (a feed that posts hourly
    ///   is polled hourly, one that posts weekly at the maximum); else the configured interval.
    /// - The publisher's word is a floor: ttl, sy:updatePeriod and max-age/Expires are never
    ///   undercut.
    /// - Everything stays within the configured minimum and maximum.
    public func interval(configured: Int, feedOverride: Int?, hints: FeedHints) -> TimeInterval {
        var interval = TimeInterval(feedOverride ?? configured)
        if feedOverride == nil, let posting = hints.postingInterval { interval = posting }
        let floors = [hints.timeToLive.map(TimeInterval.init), hints.updateInterval.map(TimeInterval.init), hints.freshnessLifetime]
        for floor in floors.compactMap({ $0 }) { interval = max(interval, floor) }
        return min(max(interval, TimeInterval(options.minimumInterval)), TimeInterval(options.maximumInterval))
    }

    /// The next poll after a success: `interval` from now, moved by up to ±jitter.
    public func nextPoll(after now: Date, interval: TimeInterval, random: inout some RandomNumberGenerator) -> Date {
        let spread = interval * options.jitter
        let offset = spread > 0 ? Double.random(in: -spread...spread, using: &random) : 0
        return now + max(TimeInterval(options.minimumRetry), interval + offset)
    }

    /// The next poll after the `failures`-th failure in a row: exponential backoff from `interval`
    /// with full jitter (anywhere between the minimum retry and the doubled interval, capped), so
    /// that feeds failing together — one host down — do not retry together.
    public func nextPoll(afterFailure failures: Int, at now: Date, interval: TimeInterval, random: inout some RandomNumberGenerator)
        -> Date
    {
        let ceiling = min(TimeInterval(options.maximumBackoff), interval * pow(2, Double(min(max(failures - 1, 0), 30))))
        let floor = min(TimeInterval(options.minimumRetry), ceiling)
        return now + Double.random(in: floor...ceiling, using: &random)
    }

    /// The next poll when the server asked to wait (429, 503 with Retry-After): exactly when it said,
    /// at least the minimum retry and at most the maximum backoff from now.
    public func nextPoll(retryAfter seconds: TimeInterval, at now: Date) -> Date {
        now + min(max(seconds, TimeInterval(options.minimumRetry)), TimeInterval(options.maximumBackoff))
    }

    /// The next poll when the server asked to wait again, right after an earlier wait: when it
    /// said, but no sooner than the feed's own next poll would be. A server that answers every
    /// poll with 503 and `Retry-After: 0` (or a date in the past) had been asked once a
    /// `min_retry` for ever, where its feed is due once an interval.
    public func nextPoll(
        retryAfterAnotherWait seconds: TimeInterval, at now: Date, interval: TimeInterval,
        random: inout some RandomNumberGenerator
    ) -> Date {
        max(nextPoll(retryAfter: seconds, at: now), nextPoll(after: now, interval: interval, random: &random))
    }

    /// When a feed overdue at start-up is polled: somewhere in the spread window, so that a restart
    /// after a long stop does not fire every feed at once.
    public func startupPoll(at now: Date, random: inout some RandomNumberGenerator) -> Date {
        options.startupSpread > 0 ? now + Double.random(in: 0...TimeInterval(options.startupSpread), using: &random) : now
    }

    /// The typical gap between a feed's entries: the median of the gaps between their dates (the
    /// median, so that one old entry republished or a burst of posts does not decide it). Nil with
    /// fewer than three dated entries.
    public static func postingInterval(of dates: [Date]) -> TimeInterval? {
        let sorted = dates.sorted()
        guard sorted.count >= 3 else { return nil }
        let gaps = zip(sorted.dropFirst(), sorted).map { $0.timeIntervalSince($1) }.filter { $0 > 0 }.sorted()
        guard !gaps.isEmpty else { return nil }
        return gaps[gaps.count / 2]
    }
}
