/// One operation of the API as the document describes it: where, what it takes, and every
/// status it answers — its successes with their body types, its problems by status.
struct Operation {
    enum Parameter {
        case path(String, integer: Bool = false)
        case query(String, [String: Any], String)
        case idempotencyKey
    }

    enum RequestBody {
        case json(any APIModel.Type)
        case csv(String)
        /// JSON of a type, or the same as CSV (described).
        case jsonOrCSV(any APIModel.Type, String)
        /// A document of a standard's format, in any of these media types, with a schema each.
        case documents([(String, [String: Any])], String)
    }

    var method: String
    var path: String
    var id: String
    var summary: String
    var tag: String
    var parameters: [Parameter] = []
    var body: RequestBody?
    /// Successes: status, description, the body's type (nil: no body).
    var responses: [(Int, String, (any Decodable.Type)?)]
    /// Problems answered besides those every operation of its shape answers (`problemStatuses`).
    var problems: [Int] = []
    /// Answered without authentication.
    var isPublic = false
    /// A success body of another media type than JSON: type and schema.
    var media: (String, [String: Any])?

    /// The problem statuses it can answer: 401 (a public one too, to an unknown token); 404
    /// with path parameters; 400, 413 and 415 with a body; 400 with query parameters; 409 and
    /// 422 with an idempotency key (sent twice at once, reused for another request); then its own.
    var problemStatuses: [Int] {
        var statuses = Set(problems)
        statuses.insert(401)
        if parameters.contains(where: { if case .idempotencyKey = $0 { true } else { false } }) { statuses.formUnion([409, 422]) }
        if parameters.contains(where: { if case .path = $0 { true } else { false } }) { statuses.insert(404) }
        if parameters.contains(where: { if case .query = $0 { true } else { false } }) { statuses.insert(400) }
        if body != nil { statuses.formUnion([400, 413, 415]) }
        return statuses.sorted()
    }
}
