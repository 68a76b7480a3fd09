import Foundation
import TidingsConfig
import TidingsScheduler
import XCTest

/// A seeded generator (splitmix64): the same draws on every run.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

/// The scheduling rules, on an injected clock and seeded randomness: no test sleeps.
final class PollScheduleTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    var options: ScheduleOptions {
        var options = ScheduleOptions()
        options.minimumInterval = 600
        options.maximumInterval = 12 * 3600
        options.maximumBackoff = 24 * 3600
        options.minimumRetry = 60
        options.jitter = 0.1
        return options
    }

    func testHourlyPosterIsPolledMoreOftenThanWeeklyPosterWithinTheBounds() {
        let schedule = PollSchedule(options: options)
        let hourly = (0..<10).map { now - Double($0) * 3600 }
        let weekly = (0..<10).map { now - Double($0) * 7 * 86400 }
        let everyMinute = (0..<10).map { now - Double($0) * 60 }
        func interval(_ dates: [Date]) -> TimeInterval {
            schedule.interval(configured: 1800, feedOverride: nil, hints: FeedHints(postingInterval: PollSchedule.postingInterval(of: dates)))
        }
        XCTAssertEqual(interval(hourly), 3600)
        XCTAssertEqual(interval(weekly), 12 * 3600, "capped at the maximum")
        XCTAssertEqual(interval(everyMinute), 600, "never below the minimum")
        XCTAssertEqual(interval([]), 1800, "no dates: the configured interval")
    }

    func testPostingIntervalIsTheMedianGapAndNeedsThreeDates() {
        XCTAssertNil(PollSchedule.postingInterval(of: [now, now - 60]))
        // One stale entry republished far back does not decide the rate.
        let dates = [now, now - 3600, now - 7200, now - 10800, now - 400 * 86400]
        XCTAssertEqual(PollSchedule.postingInterval(of: dates), 3600)
    }

    func testPublisherHintsAreAFloorAndTheUsersIntervalWinsOverTheRate() {
        let schedule = PollSchedule(options: options)
        XCTAssertEqual(schedule.interval(configured: 1800, feedOverride: nil, hints: FeedHints(timeToLive: 7200)), 7200)
        XCTAssertEqual(schedule.interval(configured: 1800, feedOverride: nil, hints: FeedHints(updateInterval: 86400)), 12 * 3600)
        XCTAssertEqual(
            schedule.interval(configured: 1800, feedOverride: nil, hints: FeedHints(freshnessLifetime: 5400, postingInterval: 900)), 5400,
            "max-age outweighs a fast posting rate")
        XCTAssertEqual(
            schedule.interval(configured: 1800, feedOverride: 3 * 3600, hints: FeedHints(postingInterval: 900)), 3 * 3600,
            "add --interval is the user's choice")
        XCTAssertEqual(schedule.interval(configured: 1800, feedOverride: 60, hints: FeedHints()), 600, "still within the bounds")
    }

    func testSuccessIsJitteredWithinTenPercentAndFeedsDriftApart() {
        let schedule = PollSchedule(options: options)
        var random = SeededRandom(state: 1)
        let times = (0..<200).map { _ in schedule.nextPoll(after: now, interval: 3600, random: &random).timeIntervalSince(now) }
        XCTAssertTrue(times.allSatisfy { (3240...3960).contains($0) }, "\(times.min()!)…\(times.max()!)")
        XCTAssertGreaterThan(Set(times.map { Int($0) }).count, 150, "not in lockstep")
    }

    func testFailuresBackOffExponentiallyWithFullJitterUpToTheCap() {
        let schedule = PollSchedule(options: options)
        var random = SeededRandom(state: 2)
        func delays(_ failures: Int) -> [TimeInterval] {
            (0..<300).map { _ in
                schedule.nextPoll(afterFailure: failures, at: now, interval: 1800, random: &random).timeIntervalSince(now)
            }
        }
        let first = delays(1)
        XCTAssertTrue(first.allSatisfy { (60...1800).contains($0) })
        let fourth = delays(4)
        XCTAssertTrue(fourth.allSatisfy { (60...14400).contains($0) })
        XCTAssertGreaterThan(fourth.max()!, 10000, "the ceiling doubles with each failure")
        XCTAssertLessThan(fourth.min()!, 3000, "full jitter: anywhere from the minimum retry up")
        let many = delays(40)
        XCTAssertTrue(many.allSatisfy { $0 <= 86400 }, "capped at a day")
        XCTAssertGreaterThan(many.max()!, 80000)
    }

    func testRetryAfterIsHonouredWithinTheBounds() {
        let schedule = PollSchedule(options: options)
        XCTAssertEqual(schedule.nextPoll(retryAfter: 900, at: now), now + 900)
        XCTAssertEqual(schedule.nextPoll(retryAfter: 0, at: now), now + 60, "never hammered")
        XCTAssertEqual(schedule.nextPoll(retryAfter: 9 * 86400, at: now), now + 86400, "never put off for more than the cap")
        // Asked to wait again right after a wait: no sooner than the interval (±10%).
        var random = SeededRandom(state: 7)
        let again = (0..<200).map { _ in
            schedule.nextPoll(retryAfterAnotherWait: 0, at: now, interval: 1800, random: &random).timeIntervalSince(now)
        }
        XCTAssertTrue(again.allSatisfy { (1620...1980).contains($0) }, "\(again.min()!)...\(again.max()!)")
        XCTAssertEqual(
            schedule.nextPoll(retryAfterAnotherWait: 7200, at: now, interval: 1800, random: &random), now + 7200,
            "a longer wait stands")
    }

    func testStartupSpreadsOverdueFeedsOverTheWindow() {
        let schedule = PollSchedule(options: options)
        var random = SeededRandom(state: 3)
        let starts = (0..<100).map { _ in schedule.startupPoll(at: now, random: &random).timeIntervalSince(now) }
        XCTAssertTrue(starts.allSatisfy { (0...300).contains($0) })
        XCTAssertGreaterThan(starts.max()! - starts.min()!, 200, "spread, not a stampede")
    }
}
