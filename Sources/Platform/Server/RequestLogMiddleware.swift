import Vapor

/// Logs each request's method and path, with the path as it came (percent-encoded), so that
/// an encoded line break in a URL cannot write a forged line into a text log.
struct RequestLogMiddleware: AsyncMiddleware {
    var level: Logger.Level = .info

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = request.url.path.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
        request.logger.log(level: level, "\(request.method) \(path)")
        return try await next.respond(to: request)
    }
}
