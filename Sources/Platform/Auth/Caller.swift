import Domain
import Foundation
import Store
import Vapor

/// The authenticated party of a request: an account of an organisation with one role.
struct Caller: Sendable {
    var accountId: String
    var accountName: String
    var organisation: Organisation
    var role: Role
    /// Set when the caller came through the web UI: the token its forms must send back.
    var csrfToken: String?

    var isPlatformAdmin: Bool { principal.isPlatformAdmin }

}

extension Data {
    /// Base64 with the URL-safe alphabet and no padding (RFC 4648 §5), for tokens and cursors.
    var base64URLEncoded: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

/// Random secrets and their stored form: tokens are shown once and kept only as SHA-256 hashes.
enum Secrets {
    static func random(prefix: String = "", bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let raw = (0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return prefix + Data(raw).base64URLEncoded
    }

    static func hash(_ secret: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(secret.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// An id for a new record: a readable prefix and 12 random bytes (96 bits).
    static func identifier(_ prefix: String) -> String { random(prefix: prefix + "_", bytes: 12) }
}

/// Finds the caller from an `Authorization: Bearer` API token or the web session cookie.
struct AuthenticationMiddleware: AsyncMiddleware {
    static let sessionCookie = "samlast_session"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let store = Store(request.db)
        var row: CallerRecord?
        if let bearer = request.headers.bearerAuthorization, request.url.path == "/metrics",
           let metricsToken = request.application.platform.configuration.metricsToken, Secrets.hash(bearer.token) == Secrets.hash(metricsToken) {
            // The metrics scraper's secret is no account's token; the /metrics route checks it.
        } else if let bearer = request.headers.bearerAuthorization {
            row = try await store.caller(tokenHash: Secrets.hash(bearer.token))
            guard row != nil else { throw Problem(.unauthorized, "the API token is unknown or revoked") }
        } else if let cookie = request.cookies[Self.sessionCookie]?.string {
            row = try await store.caller(sessionHash: Secrets.hash(cookie))
        }
        if let row, let role = Role(rawValue: row.role), let kind = Organisation.Kind(rawValue: row.kind) {
            request.storage[CallerKey.self] = Caller(
                accountId: row.accountId, accountName: row.accountName,
                organisation: Organisation(id: row.organisationId, name: row.organisationName, kind: kind),
                role: role, csrfToken: row.csrfToken)
        }
        return try await next.respond(to: request)
    }
}

private struct CallerKey: StorageKey { typealias Value = Caller }

extension Request {
    var caller: Caller? { storage[CallerKey.self] }

    /// The caller, or 401 when the request is not authenticated.
    func requireCaller() throws -> Caller {
        guard let caller else { throw Problem.unauthenticated }
        return caller
    }
}

extension Caller {
    /// The caller in the terms of the domain's access policy.
    var principal: Principal { Principal(organisation: organisation, role: role, accountId: accountId) }
}
