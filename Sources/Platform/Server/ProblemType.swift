import Vapor

/// The stable `type` of a problem answer (RFC 9457 §3.1.1), one per kind of error: clients
/// branch on it, never on the wording of `detail`. The URIs are URNs (`urn:samlast:problem:…`),
/// listed in the OpenAPI document; a status without a kind of its own is `about:blank`.
enum ProblemType: String, CaseIterable, Sendable {
    /// 400: the request is malformed or a field breaks its rule; `detail` names the field.
    case invalidRequest = "invalid-request"
    /// 401: no or an unknown credential.
    case unauthenticated
    /// 403: the caller's organisation or role may not do this.
    case forbidden
    /// 404: no such thing, or not one the caller may see.
    case notFound = "not-found"
    /// 405: the path does not answer this method (`Allow` lists those it does).
    case methodNotAllowed = "method-not-allowed"
    /// 409: it exists already, or was recorded before with other content.
    case conflict
    /// 410: it existed, and is no more (an expired tracking link).
    case gone
    /// 413: the body is larger than the server accepts.
    case payloadTooLarge = "payload-too-large"
    /// 415: the body is not of the media type the operation takes.
    case unsupportedMediaType = "unsupported-media-type"
    /// 422: well formed, but it does not fit the platform's data (an unknown hub, a date out of range).
    case unprocessable
    /// 429: too many attempts; `Retry-After` says when to try again.
    case tooManyRequests = "too-many-requests"
    /// 500: the server failed; it has been logged.
    case internalError = "internal-error"
    /// 503: the server is busy; try again shortly.
    case unavailable

    var uri: String { "urn:samlast:problem:\(rawValue)" }

    /// What a problem of this kind means, as the API document says it.
    var summary: String {
        switch self {
        case .invalidRequest: "The request is malformed or a field breaks its rule; the detail names the field"
        case .unauthenticated: "No credential, or an unknown or revoked one"
        case .forbidden: "The caller's organisation or role may not do this"
        case .notFound: "No such thing, or none the caller may see"
        case .methodNotAllowed: "The path does not answer this method; Allow lists those it does"
        case .conflict: "It exists already, or was recorded before with other content"
        case .gone: "It existed and has expired, like a tracking link some days after its delivery"
        case .payloadTooLarge: "The body is larger than the server accepts"
        case .unsupportedMediaType: "The body is not of the media type the operation takes"
        case .unprocessable: "Well formed, but it does not fit the platform's data (an unknown hub, no fleet)"
        case .tooManyRequests: "Too many attempts; Retry-After says when to try again"
        case .internalError: "The server failed; it has been logged"
        case .unavailable: "The server is busy; try again shortly"
        }
    }

    /// The kind of a status, when it has one of its own.
    init?(status: HTTPResponseStatus) {
        let kinds: [UInt: ProblemType] = [
            400: .invalidRequest, 401: .unauthenticated, 403: .forbidden, 404: .notFound, 405: .methodNotAllowed, 409: .conflict, 410: .gone,
            413: .payloadTooLarge, 415: .unsupportedMediaType, 422: .unprocessable, 429: .tooManyRequests, 500: .internalError,
            503: .unavailable,
        ]
        guard let kind = kinds[status.code] else { return nil }
        self = kind
    }

    /// The `type` of a problem with this status.
    static func uri(for status: HTTPResponseStatus) -> String { ProblemType(status: status)?.uri ?? "about:blank" }
}
