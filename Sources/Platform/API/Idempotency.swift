import Foundation
import Store
import Vapor

/// `Idempotency-Key` on creating requests: the first response is stored with the key (in the
/// same transaction as the work), and a retry with the same key and body gets it again
/// instead of doing the work twice. The same key with another body is refused.
enum Idempotency {
    static let header = "Idempotency-Key"

    /// The body with JSON keys sorted, so a retry that orders its fields differently is the same request.
    private static func canonicalBody(_ request: Request) -> String {
        let text = request.body.string ?? ""
        guard request.headers.contentType?.subType == "json", let value = try? JSONSerialization.jsonObject(with: Data(text.utf8)),
              let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]) else { return text }
        return String(decoding: data, as: UTF8.self)
    }

    static func respond<Body: Content>(
        to request: Request, caller: Caller,
        _ work: @escaping @Sendable (Store) async throws -> (HTTPStatus, Body)
    ) async throws -> Response {
        let key = request.headers.first(name: header)
        if let key, key.isEmpty || key.count > 200 {
            throw Problem.badRequest("\(header): must be 1–200 characters")
        }
        let requestHash = Secrets.hash(request.method.rawValue + " " + request.url.path + "\n" + canonicalBody(request))
        let organisation = caller.organisation.id
        let (status, data, replayed) = try await Store(request.db).transaction { store -> (Int, String, Bool) in
            if let key, let stored = try await store.storedResponse(organisation: organisation, key: key) {
                guard stored.requestHash == requestHash else {
                    throw Problem.unprocessable("\(header): '\(key)' was used before for a different request")
                }
                return (stored.status, stored.body, true)
            }
            let (status, body) = try await work(store)
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let text = String(decoding: try encoder.encode(body), as: UTF8.self)
            if let key {
                try await store.storeResponse(StoredResponse(requestHash: requestHash, status: Int(status.code), body: text), organisation: organisation,
                                              key: key, existing: "a request with \(header) '\(key)' (sent twice at once?)")
            }
            return (Int(status.code), text, false)
        }
        var headers = HTTPHeaders([("Content-Type", "application/json; charset=utf-8")])
        if replayed { headers.add(name: "Idempotent-Replayed", value: "true") }
        return Response(status: HTTPResponseStatus(statusCode: status), headers: headers, body: .init(string: data))
    }
}
