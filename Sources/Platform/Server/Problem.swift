import Domain
import Foundation
import Routing
import Store
import Vapor

/// An error answered as `application/problem+json` (RFC 9457): a status, a short title, and a
/// detail that names what is wrong and where (a JSON path, a CSV row, an id).
struct Problem: Error, Sendable {
    var status: HTTPResponseStatus
    var detail: String

    init(_ status: HTTPResponseStatus, _ detail: String) {
        self.status = status
        self.detail = detail
    }

    /// The answer to an error the client caused — a `Problem`, or a record that exists already
    /// (409) — or nil for any other error.
    init?(clientError error: any Error) {
        switch error {
        case let problem as Problem: self = problem
        case StoreError.duplicate(let what): self = .conflict("\(what) already exists")
        case StoreError.conflict(let what): self = .conflict(what)
        default: return nil
        }
    }

    /// A rule's refusal (403), naming the field at `path` it concerns.
    init(refusal: IntakeRules.Refusal, at path: String) {
        self.init(.forbidden, refusal.field.map { "\(path).\($0): \(refusal.reason)" } ?? refusal.reason)
    }

    static func badRequest(_ detail: String) -> Problem { Problem(.badRequest, detail) }
    static func unprocessable(_ detail: String) -> Problem { Problem(.unprocessableEntity, detail) }
    static func notFound(_ what: String) -> Problem { Problem(.notFound, "\(what) was not found") }
    static func forbidden(_ detail: String) -> Problem { Problem(.forbidden, detail) }
    static func conflict(_ detail: String) -> Problem { Problem(.conflict, detail) }
    static let unauthenticated = Problem(.unauthorized, "authentication required: send 'Authorization: Bearer <token>' or log in")

    /// The body as sent on the wire.
    struct Body: Content {
        /// One of `ProblemType`'s URIs, or `about:blank`.
        var type: String
        var title: String
        var status: Int
        var detail: String
        var instance: String?
    }

    func body(instance: String?) -> Body {
        Body(type: ProblemType.uri(for: status), title: status.reasonPhrase, status: Int(status.code), detail: detail, instance: instance)
    }
}

/// Turns every error into a problem+json response, so clients never see an HTML or plain error.
struct ProblemMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let problem = Self.problem(for: error, request: request)
            if problem.status.code >= 500 { request.logger.report(error: error) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let body = (try? encoder.encode(problem.body(instance: request.url.path))) ?? Data()
            let response = Response(status: problem.status, headers: ["Content-Type": "application/problem+json"], body: .init(data: body))
            if problem.status == .unauthorized { response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer") }
            if problem.status == .methodNotAllowed {
                response.headers.replaceOrAdd(name: .allow, value: Self.methods(answering: request).joined(separator: ", "))
            }
            return response
        }
    }

    /// The methods registered for the request's path (sorted), from the application's routes.
    static func methods(answering request: Request) -> [String] {
        let segments = request.url.path.split(separator: "/").map(String.init)
        let matching = request.application.routes.all.filter { route in
            guard route.path.count == segments.count || route.path.last == .catchall else { return false }
            return zip(route.path, segments).allSatisfy { component, segment in
                switch component {
                case .constant(let text): text == segment
                case .parameter, .anything, .catchall: true
                }
            }
        }
        return Set(matching.map(\.method.rawValue)).sorted()
    }

    static func problem(for error: any Error, request: Request) -> Problem {
        if let problem = Problem(clientError: error) { return problem }
        switch error {
        case let decoding as DecodingError: return .badRequest(decoding.pathAndMessage)
        case let abort as any AbortError:
            // No route for this method; if the path has routes for others, the method is the fault (405).
            if abort.status == .notFound, request.route == nil, case let allowed = methods(answering: request), !allowed.isEmpty {
                return Problem(.methodNotAllowed, "\(request.method.rawValue) is not answered at \(request.url.path); use \(allowed.joined(separator: ", "))")
            }
            if abort.status == .payloadTooLarge {
                return Problem(.payloadTooLarge, "the request body is larger than the limit of \(request.application.routes.defaultMaxBodySize.value) bytes")
            }
            return Problem(abort.status, abort.reason)
        default: return Problem(.internalServerError, "internal error; it has been logged")
        }
    }
}

extension Request {
    /// Decodes a JSON body strictly: malformed JSON, wrong types, missing and unknown fields are
    /// all errors naming the JSON path.
    func decodeJSON<T: Codable>(_ type: T.Type) throws -> T {
        guard let contentType = headers.contentType, contentType.type == "application",
              contentType.subType == "json" || contentType.subType.hasSuffix("+json") else {
            throw Problem(.unsupportedMediaType, "send the body as application/json")
        }
        guard let buffer = body.data else { throw Problem.badRequest("the request body is empty; expected a JSON object") }
        let data = Data(buffer: buffer)
        let raw: Any
        do {
            raw = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw Problem.badRequest("the body is not valid JSON: \((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)")")
        }
        // Every string is brought to NFC and checked for control characters and its field's
        // length before anything reads it (TextPolicy); the body is re-encoded only when NFC
        // changed a string.
        var changed = false
        let normalised = try Self.normaliseStrings(raw, path: "$", key: nil, changed: &changed)
        let decodable = changed ? try JSONSerialization.data(withJSONObject: normalised, options: [.fragmentsAllowed]) : data
        let value: T
        do { value = try JSONDecoder().decode(T.self, from: decodable) } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
            // Foundation reports a fraction or an overflow where a whole number belongs without its path.
            if let path = Self.wholeNumberAtFault(T.self, in: normalised) { throw Problem.badRequest("\(path): expected a whole number within ±9.2e18") }
            throw DecodingError.dataCorrupted(context)
        }
        // Fields the type does not know would otherwise be ignored silently (a typo in an
        // optional field name loses data): compare the body's keys with the decoded value's.
        let known = try JSONSerialization.jsonObject(with: JSONEncoder().encode(value), options: [.fragmentsAllowed])
        if let unknown = Self.firstUnknownKey(normalised, known: known, path: "$") {
            throw Problem.badRequest("\(unknown): unknown field")
        }
        return value
    }

    /// The path of the number that keeps `raw` from decoding as `T` when it is a fraction or too
    /// large for a whole number: each such number is set to 0 in turn until the body decodes
    /// further. Nil when none explains the failure.
    private static func wholeNumberAtFault<T: Decodable>(_ type: T.Type, in raw: Any) -> String? {
        var suspects: [[Any]] = []
        func collect(_ value: Any, _ path: [Any]) {
            switch value {
            case let object as [String: Any]: for (key, member) in object.sorted(by: { $0.key < $1.key }) { collect(member, path + [key]) }
            case let array as [Any]: for (index, member) in array.enumerated() { collect(member, path + [index]) }
            case let number as NSNumber:
                let double = number.doubleValue
                if double != double.rounded() || abs(double) >= 9.2e18 { suspects.append(path) }
            default: break
            }
        }
        func replacing(_ value: Any, at path: ArraySlice<Any>) -> Any {
            guard let first = path.first else { return 0 }
            if var object = value as? [String: Any], let key = first as? String, let member = object[key] {
                object[key] = replacing(member, at: path.dropFirst())
                return object
            }
            if var array = value as? [Any], let index = first as? Int, array.indices.contains(index) {
                array[index] = replacing(array[index], at: path.dropFirst())
                return array
            }
            return value
        }
        collect(raw, [])
        for path in suspects.prefix(50) {
            guard let data = try? JSONSerialization.data(withJSONObject: replacing(raw, at: path[...]), options: [.fragmentsAllowed]) else { continue }
            do { _ = try JSONDecoder().decode(T.self, from: data) } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty { continue } catch {}
            return "$" + path.map { ($0 as? Int).map { "[\($0)]" } ?? ".\($0)" }.joined()
        }
        return nil
    }

    /// The JSON value with every key and string in NFC; throws naming the path of a string
    /// with a control character (line breaks and tabs pass) or longer than its field allows.
    private static func normaliseStrings(_ value: Any, path: String, key: String?, changed: inout Bool) throws -> Any {
        switch value {
        case let text as String:
            do {
                let normalised = try TextPolicy.text(text, limit: TextPolicy.limit(for: key ?? ""))
                // Swift's == treats canonically equivalent strings as equal: compare the scalars.
                if !normalised.unicodeScalars.elementsEqual(text.unicodeScalars) { changed = true }
                return normalised
            } catch { throw Problem.badRequest("\(path): \(error)") }
        case let object as [String: Any]:
            var result: [String: Any] = [:]
            for (name, member) in object {
                let normalisedName = TextPolicy.normalised(name)
                if !normalisedName.unicodeScalars.elementsEqual(name.unicodeScalars) { changed = true }
                result[normalisedName] = try normaliseStrings(member, path: "\(path).\(normalisedName)", key: normalisedName, changed: &changed)
            }
            return result
        case let array as [Any]:
            return try array.enumerated().map { index, member in
                try normaliseStrings(member, path: "\(path)[\(index)]", key: key, changed: &changed)
            }
        default:
            return value
        }
    }

    private static func firstUnknownKey(_ raw: Any, known: Any, path: String) -> String? {
        if let object = raw as? [String: Any] {
            let knownObject = known as? [String: Any] ?? [:]
            for (key, value) in object.sorted(by: { $0.key < $1.key }) {
                guard let knownValue = knownObject[key] else {
                    if value is NSNull { continue }
                    return "\(path).\(key)"
                }
                if let found = firstUnknownKey(value, known: knownValue, path: "\(path).\(key)") { return found }
            }
        } else if let array = raw as? [Any], let knownArray = known as? [Any] {
            for (index, value) in array.enumerated() where index < knownArray.count {
                if let found = firstUnknownKey(value, known: knownArray[index], path: "\(path)[\(index)]") { return found }
            }
        }
        return nil
    }
}
