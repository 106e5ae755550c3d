import Crypto
import Foundation

/// One-time pickup codes a recipient types at a locker: eight random digits, kept only as a
/// salted SHA-256, checked under `AttemptGuard`.
public struct PickupCode: Hashable, Sendable, Codable {
    public var salt: String
    public var digest: String

    /// A fresh code and what is kept of it.
    public static func generate() -> (code: String, stored: PickupCode) {
        var generator = SystemRandomNumberGenerator()
        let code = String(format: "%08d", UInt32.random(in: 0..<100_000_000, using: &generator))
        let salt = Data((0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }).base64EncodedString()
        return (code, PickupCode(salt: salt, digest: digest(code, salt: salt)))
    }

    /// Whether `code` is this one (digits only; spaces and dashes people type are ignored).
    public func matches(_ code: String) -> Bool {
        let digits = code.filter { $0 != " " && $0 != "-" }
        let candidate = Self.digest(digits, salt: salt)
        // The digests are compared in full whatever their first difference.
        return zip(candidate.utf8, digest.utf8).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0 && candidate.utf8.count == digest.utf8.count
    }

    static func digest(_ code: String, salt: String) -> String {
        SHA256.hash(data: Data((salt + ":" + code).utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

/// Guessing a code: after `allowedFailures` wrong codes at a compartment it locks for
/// `lockout`, doubling with each further lockout. 10⁸ codes and five tries a lockout make
/// guessing one code take years.
public struct AttemptGuard: Hashable, Sendable, Codable {
    public var allowedFailures: Int
    public var lockoutSeconds: Double
    private(set) var failures = 0
    private(set) var lockouts = 0
    private(set) var lockedUntil: Date?

    public init(allowedFailures: Int = 5, lockoutSeconds: Double = 900) {
        self.allowedFailures = allowedFailures
        self.lockoutSeconds = lockoutSeconds
    }

    public enum Outcome: Hashable, Sendable { case opened, wrong(remaining: Int), locked(until: Date) }

    /// Checks a typed code at `instant`: while locked nothing is tried.
    public mutating func attempt(_ code: String, against stored: PickupCode, at instant: Date) -> Outcome {
        if let until = lockedUntil, instant < until { return .locked(until: until) }
        if stored.matches(code) {
            failures = 0
            lockouts = 0
            lockedUntil = nil
            return .opened
        }
        failures += 1
        guard failures >= allowedFailures else { return .wrong(remaining: allowedFailures - failures) }
        let until = instant.addingTimeInterval(lockoutSeconds * Double(1 << min(lockouts, 10)))
        lockouts += 1
        failures = 0
        lockedUntil = until
        return .locked(until: until)
    }
}
