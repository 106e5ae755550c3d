import Foundation

/// When a webhook delivery that failed is tried again: exponential backoff with jitter, and a
/// dead letter after `maximumAttempts`. Attempt n (from 1) failing waits
/// `min(cap, base · 2^(n-1))`, of which a random half is jitter, so many subscribers failing at
/// once do not retry in step. With the defaults the 29 waits add up to 10–20 hours (the later ones
/// an hour each): a receiver down for a night still gets everything; one down for longer finds
/// its messages dead, to be replayed.
public struct DeliverySchedule: Sendable, Equatable {
    public var base: TimeInterval
    public var cap: TimeInterval
    public var maximumAttempts: Int

    public init(base: TimeInterval = 5, cap: TimeInterval = 3600, maximumAttempts: Int = 30) {
        (self.base, self.cap, self.maximumAttempts) = (base, cap, maximumAttempts)
    }

    /// The wait after failed attempt `attempt` (1-based), with `random` in 0…1 as its jitter;
    /// nil when the delivery is dead.
    public func delay(afterAttempt attempt: Int, random: Double) -> TimeInterval? {
        guard attempt < maximumAttempts else { return nil }
        let full = min(cap, base * pow(2, Double(min(attempt - 1, 40))))
        return full / 2 + full / 2 * min(max(random, 0), 1)
    }
}
