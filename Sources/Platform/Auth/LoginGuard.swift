import Domain
import Foundation
import NIOConcurrencyHelpers
import Store

/// The stored side of `LoginThrottle`: failure counts per key in `login_failures`, shared by
/// every instance on the database, so spreading guesses over instances gains nothing.
struct LoginGuard: Sendable {
    let store: Store
    var throttle = LoginThrottle()

    /// The counting keys of an attempt: from an address the account logged in from before,
    /// not the account-wide key (`LoginThrottle`).
    func keys(email: String, address: String, now: Date = Date()) async throws -> [(LoginThrottle.Scope, String)] {
        let known = try await store.isKnownLoginAddress(email: email, address: address, since: now.addingTimeInterval(-LoginThrottle.knownAddressMemory))
        return LoginThrottle.keys(email: email, address: address, known: known)
    }

    /// Seconds to wait before the next attempt for this e-mail from this address, or nil.
    func waitingTime(email: String, address: String, now: Date = Date()) async throws -> Int? {
        let keys = try await self.keys(email: email, address: address, now: now).map(\.1)
        guard let until = try await store.loginBlockedUntil(keys: keys), until > now else { return nil }
        return Int(until.timeIntervalSince(now).rounded(.up))
    }

    /// Counts a failed attempt under each key and closes the keys past their free failures;
    /// returns the keys it closed, with until when.
    @discardableResult
    func recordFailure(email: String, address: String, now: Date = Date()) async throws -> [String: Date] {
        let forgetBefore = now.addingTimeInterval(-throttle.memory)
        let keys = try await self.keys(email: email, address: address, now: now)
        return try await store.transaction { [throttle] store in
            var closed: [String: Date] = [:]
            for (scope, key) in keys {
                let failures = try await store.countLoginFailure(key: key, now: now, forgetBefore: forgetBefore)
                if let until = throttle.blockedUntil(scope: scope, failures: failures, now: now) {
                    try await store.blockLogin(key: key, until: until)
                    closed[key] = until
                }
            }
            return closed
        }
    }

    /// A successful log-in clears the account's keys and makes the address known to the
    /// account; the address keeps its count (one good account must not reset the guesses made
    /// from that address at others).
    func recordSuccess(email: String, address: String, now: Date = Date()) async throws {
        let keys = LoginThrottle.keys(email: email, address: address).filter { $0.0 != .address }.map(\.1)
        try await store.clearLoginFailures(keys: keys)
        try await store.rememberLoginAddress(email: email, address: address, at: now)
    }
}

/// Log-ins being checked right now in this instance, so that one client cannot fill the
/// password hasher (and lock everyone else out with 503s) nor race the throttle: at most one
/// check at a time per account and address, and `perAddress` per address. An attempt past that
/// is refused at once with 429; its failure is then counted before the next one starts.
///
/// It also remembers the keys this instance closed, so that a flood of attempts on a closed
/// key is refused without reading the database (other instances read it there).
final class LoginAdmission: Sendable {
    let perAddress: Int
    private let inFlight = NIOLockedValueBox<[String: Int]>([:])
    private let closed = NIOLockedValueBox<[String: Date]>([:])

    /// Seconds to wait, when this instance closed one of the attempt's keys; nil otherwise.
    func knownWait(email: String, address: String, now: Date = Date()) -> Int? {
        let keys = LoginThrottle.keys(email: email, address: address).map(\.1)
        let until = closed.withLockedValue { closed in keys.compactMap { closed[$0] }.max() }
        guard let until, until > now else { return nil }
        return Int(until.timeIntervalSince(now).rounded(.up))
    }

    /// Notes keys closed by a failure, and forgets those whose wait is over. The account-wide
    /// key is left to the database: whether it applies depends on the address being known.
    func remember(_ keys: [String: Date], now: Date = Date()) {
        let kept = keys.filter { !$0.key.hasPrefix("account:") }
        closed.withLockedValue { closed in
            closed.merge(kept) { max($0, $1) }
            if closed.count > 10_000 { closed = closed.filter { $0.value > now } }
        }
    }

    /// Forgets the keys a successful log-in cleared.
    func forget(email: String, address: String) {
        let keys = LoginThrottle.keys(email: email, address: address).filter { $0.0 != .address }.map(\.1)
        closed.withLockedValue { closed in for key in keys { closed[key] = nil } }
    }

    init(perAddress: Int = 4) { self.perAddress = perAddress }

    /// Runs `check` if this e-mail from this address may be checked now; nil when it may not.
    func admit<T: Sendable>(email: String, address: String, _ check: () async throws -> T) async rethrows -> T? {
        let pair = "pair:\(email)|\(address)", whole = "address:\(address)"
        let admitted = inFlight.withLockedValue { counts -> Bool in
            guard counts[pair, default: 0] == 0, counts[whole, default: 0] < perAddress else { return false }
            counts[pair, default: 0] += 1
            counts[whole, default: 0] += 1
            return true
        }
        guard admitted else { return nil }
        defer {
            inFlight.withLockedValue { counts in
                for key in [pair, whole] {
                    counts[key, default: 1] -= 1
                    if counts[key] == 0 { counts[key] = nil }
                }
            }
        }
        return try await check()
    }
}
