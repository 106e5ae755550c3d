import Domain
import Foundation
import SQLKit

/// The account behind an API token or a web session, with its organisation.
public struct CallerRecord: Decodable, Sendable {
    public var accountId: String
    public var accountName: String
    public var role: String
    public var organisationId: String
    public var organisationName: String
    public var kind: String
    /// Set for web sessions: the token their forms must send back.
    public var csrfToken: String?
}

/// A response stored under an idempotency key.
public struct StoredResponse: Decodable, Sendable {
    public var requestHash: String
    public var status: Int
    public var body: String

    public init(requestHash: String, status: Int, body: String) {
        self.requestHash = requestHash
        self.status = status
        self.body = body
    }
}

/// Who is calling (tokens and web sessions), idempotency keys, log-in failure counts, and the
/// hourly removal of what has expired.
extension Store {
    private static let callerColumns: SQLQueryString = """
        SELECT a.id AS account_id, a.name AS account_name, a.role, o.id AS organisation_id, o.name AS organisation_name, o.kind
        """

    /// The caller of a request bearing an API token with this hash, unless it is revoked.
    public func caller(tokenHash: String) async throws -> CallerRecord? {
        try await row("""
            \(Self.callerColumns), NULL AS csrf_token FROM api_tokens t JOIN accounts a ON a.id = t.account_id
            JOIN organisations o ON o.id = a.organisation_id
            WHERE t.token_hash = \(bind: tokenHash) AND t.revoked_at IS NULL
            """)
    }

    /// The caller of a web session with this cookie hash, unless it has expired.
    public func caller(sessionHash: String, now: Date = Date()) async throws -> CallerRecord? {
        try await row("""
            \(Self.callerColumns), s.csrf_token FROM sessions s JOIN accounts a ON a.id = s.account_id
            JOIN organisations o ON o.id = a.organisation_id
            WHERE s.token_hash = \(bind: sessionHash) AND s.expires_at > \(bind: now.epochMilliseconds)
            """)
    }

    /// Opens a web session (and drops expired ones).
    public func openSession(cookieHash: String, accountId: String, csrfToken: String, expires: Date) async throws {
        try await run("DELETE FROM sessions WHERE expires_at < \(bind: Date().epochMilliseconds)")
        try await run("""
            INSERT INTO sessions (token_hash, account_id, csrf_token, expires_at)
            VALUES (\(bind: cookieHash), \(bind: accountId), \(bind: csrfToken), \(bind: expires.epochMilliseconds))
            """)
    }

    public func closeSession(cookieHash: String) async throws {
        try await run("DELETE FROM sessions WHERE token_hash = \(bind: cookieHash)")
    }

    // MARK: Idempotency keys

    public func storedResponse(organisation: String, key: String) async throws -> StoredResponse? {
        try await row("""
            SELECT request_hash, status, body FROM idempotency_keys
            WHERE organisation_id = \(bind: organisation) AND idempotency_key = \(bind: key)
            """)
    }

    /// Stores the first response to a key; `what` names the key in the duplicate error.
    public func storeResponse(_ response: StoredResponse, organisation: String, key: String, existing what: String) async throws {
        try await insert("""
            INSERT INTO idempotency_keys (organisation_id, idempotency_key, request_hash, status, body, created_at)
            VALUES (\(bind: organisation), \(bind: key), \(bind: response.requestHash), \(bind: response.status), \(bind: response.body),
                    \(bind: Date().epochMilliseconds))
            """, existing: what)
    }

    // MARK: Log-in failures

    /// The latest time until which any of `keys` is closed.
    public func loginBlockedUntil(keys: [String]) async throws -> Date? {
        try await sql.raw("SELECT MAX(blocked_until) AS until FROM login_failures WHERE throttle_key IN (\(binds: keys))").first()?
            .decode(column: "until", as: Int64?.self).map(Date.init(epochMilliseconds:))
    }

    /// Counts a failure under `key` (starting again from one when the last was before
    /// `forgetBefore`); returns the count.
    public func countLoginFailure(key: String, now: Date, forgetBefore: Date) async throws -> Int {
        try await runReturning("""
            INSERT INTO login_failures (throttle_key, failures, last_failure_at) VALUES (\(bind: key), 1, \(bind: now.epochMilliseconds))
            ON CONFLICT (throttle_key) DO UPDATE SET
                failures = CASE WHEN login_failures.last_failure_at < \(bind: forgetBefore.epochMilliseconds) THEN 1 ELSE login_failures.failures + 1 END,
                last_failure_at = \(bind: now.epochMilliseconds)
            RETURNING failures
            """)?.decode(column: "failures", as: Int.self) ?? 1
    }

    public func blockLogin(key: String, until: Date) async throws {
        try await run("UPDATE login_failures SET blocked_until = \(bind: until.epochMilliseconds) WHERE throttle_key = \(bind: key)")
    }

    public func clearLoginFailures(keys: [String]) async throws {
        try await run("DELETE FROM login_failures WHERE throttle_key IN (\(binds: keys))")
    }

    /// Whether the account logged in from this address since `since`.
    public func isKnownLoginAddress(email: String, address: String, since: Date) async throws -> Bool {
        try await count("""
            SELECT COUNT(*) AS n FROM login_known_addresses
            WHERE email = \(bind: email) AND address = \(bind: address) AND last_success_at >= \(bind: since.epochMilliseconds)
            """) > 0
    }

    /// Notes a successful log-in of the account from this address.
    public func rememberLoginAddress(email: String, address: String, at time: Date) async throws {
        try await run("""
            INSERT INTO login_known_addresses (email, address, last_success_at) VALUES (\(bind: email), \(bind: address), \(bind: time.epochMilliseconds))
            ON CONFLICT (email, address) DO UPDATE SET last_success_at = \(bind: time.epochMilliseconds)
            """)
    }

    // MARK: Housekeeping

    /// Removes expired web sessions, idempotency keys created before `idempotencyBefore`,
    /// log-in failure counts last touched before `loginFailuresBefore` that no longer block,
    /// and log-in addresses not used since `knownAddressesBefore`.
    public func removeExpired(now: Date, idempotencyBefore: Date, loginFailuresBefore: Date, knownAddressesBefore: Date) async throws {
        try await run("DELETE FROM login_known_addresses WHERE last_success_at < \(bind: knownAddressesBefore.epochMilliseconds)")
        try await run("DELETE FROM sessions WHERE expires_at < \(bind: now.epochMilliseconds)")
        try await run("DELETE FROM idempotency_keys WHERE created_at < \(bind: idempotencyBefore.epochMilliseconds)")
        try await run("""
            DELETE FROM login_failures WHERE last_failure_at < \(bind: loginFailuresBefore.epochMilliseconds)
              AND (blocked_until IS NULL OR blocked_until < \(bind: now.epochMilliseconds))
            """)
    }

    /// Reads the schema table: the database answers.
    public func ping() async throws {
        _ = try await count("SELECT COUNT(*) AS n FROM schema_migrations")
    }
}
