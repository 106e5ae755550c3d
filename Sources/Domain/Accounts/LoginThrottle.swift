import Foundation

/// How log-in failures slow further attempts (OWASP ASVS 5.0 V6.3, "anti-automation"):
/// failures are counted under three keys — the account from one client address, the account
/// from anywhere, and the client address over all accounts. Past a key's free failures every
/// further failure doubles its waiting time, up to a ceiling; while a key waits, attempts are
/// refused at once, without checking the password (so a flood costs no hashing) and without
/// counting (so nobody can keep someone else's account closed forever by hammering it).
///
/// The pair key closes early, so guessing one account from one address stops after a few
/// tries; the account and address keys allow more, so an attacker elsewhere does not lock
/// the account's owner out at once, and an office behind one address is not shut by one
/// forgetful user. From an address the account logged in from before (a *known* address),
/// only the pair key counts: an attacker who keeps the account key closed from elsewhere
/// does not lock its owner out at their usual place.
public struct LoginThrottle: Sendable {
    /// One counting key's rule.
    public struct Rule: Sendable, Equatable {
        public var freeFailures: Int
        public var firstDelay: TimeInterval
        public var maximumDelay: TimeInterval

        public init(freeFailures: Int, firstDelay: TimeInterval = 1, maximumDelay: TimeInterval = 900) {
            self.freeFailures = freeFailures
            self.firstDelay = firstDelay
            self.maximumDelay = maximumDelay
        }

        /// The wait after the `failures`-th consecutive failure: none up to the free ones, then
        /// `firstDelay`, doubling with each further failure, capped at `maximumDelay`.
        public func delay(afterFailures failures: Int) -> TimeInterval {
            guard failures > freeFailures else { return 0 }
            let doublings = min(failures - freeFailures - 1, 30)
            return min(maximumDelay, firstDelay * pow(2, Double(doublings)))
        }
    }

    /// What is counted; `key` is the stored name.
    public enum Scope: String, Sendable, CaseIterable {
        case accountFromAddress = "pair", account, address
    }

    public var rules: [Scope: Rule]
    /// Failures older than this are forgotten.
    public var memory: TimeInterval

    public init(rules: [Scope: Rule] = LoginThrottle.defaultRules, memory: TimeInterval = 3600) {
        self.rules = rules
        self.memory = memory
    }

    public static let defaultRules: [Scope: Rule] = [
        .accountFromAddress: Rule(freeFailures: 5), .account: Rule(freeFailures: 20), .address: Rule(freeFailures: 20),
    ]

    /// The counting keys of an attempt with the (case-folded) e-mail from a client address
    /// (`ClientAddress.key`); from a known address, not the account-wide one.
    public static func keys(email: String, address: String, known: Bool = false) -> [(Scope, String)] {
        let all: [(Scope, String)] = [(.accountFromAddress, "pair:\(email)|\(address)"), (.account, "account:\(email)"), (.address, "address:\(address)")]
        return known ? all.filter { $0.0 != .account } : all
    }

    /// How long an address stays known after the last successful log-in from it.
    public static let knownAddressMemory: TimeInterval = 90 * 86_400

    /// A key's count after one more failure at `now`, given its stored count and last failure.
    public func failures(after previous: Int, lastFailure: Date?, now: Date) -> Int {
        guard let lastFailure, now.timeIntervalSince(lastFailure) <= memory else { return 1 }
        return previous + 1
    }

    /// Until when a key with `failures` consecutive failures, the last at `now`, refuses attempts.
    public func blockedUntil(scope: Scope, failures: Int, now: Date) -> Date? {
        let delay = (rules[scope] ?? Rule(freeFailures: 5)).delay(afterFailures: failures)
        return delay > 0 ? now.addingTimeInterval(delay) : nil
    }
}
