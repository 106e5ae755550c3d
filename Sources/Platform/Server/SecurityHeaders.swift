import Vapor

/// Security headers on every answer, pages and API alike (OWASP secure headers):
/// - a Content-Security-Policy that allows no scripts, no frames around the page, no foreign
///   form targets, and only the page's own inline styles and images;
/// - `X-Frame-Options: DENY` for browsers without CSP `frame-ancestors`, `nosniff`, no referrer;
/// - `Strict-Transport-Security`, which browsers heed only over HTTPS, so it takes effect once a
///   TLS proxy serves the platform and is ignored on plain HTTP;
/// - `Cache-Control: no-store` on everything but the public contract and health check, since
///   the rest is a party's own data.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'"
    static let publicPaths: Set<String> = ["/openapi.json", "/health"]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let headers: [(String, String)] = [
            ("Content-Security-Policy", Self.contentSecurityPolicy), ("X-Frame-Options", "DENY"),
            ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"),
            ("Strict-Transport-Security", "max-age=31536000; includeSubDomains"),
        ]
        for (name, value) in headers where !response.headers.contains(name: name) { response.headers.replaceOrAdd(name: name, value: value) }
        if !Self.publicPaths.contains(request.url.path) { response.headers.replaceOrAdd(name: .cacheControl, value: "no-store") }
        return response
    }
}
