import Vapor

/// Logs each request's method and path, with the path as it came (percent-encoded), so that
/// an encoded line break in a URL cannot write a forged line into a text log — and without the
/// secret of a recipient's link (`/t/…`, `/u/…`), which is a credential.
struct RequestLogMiddleware: AsyncMiddleware {
    var level: Logger.Level = .info

    /// Paths whose last segment is a link secret.
    static let secretPaths = ["/t/", "/u/", "/v1/tracking/"]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        request.logger.log(level: level, "\(request.method) \(Self.loggable(Self.redacted(request.url.path)))")
        return try await next.respond(to: request)
    }

    static func redacted(_ path: String) -> String {
        guard let prefix = secretPaths.first(where: { path.hasPrefix($0) }) else { return path }
        return prefix + "…"
    }

    /// The text with its control characters written as `\u{…}`: one log line, whatever it holds.
    static func loggable(_ text: String) -> String {
        text.unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
    }
}
