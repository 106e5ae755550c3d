import Domain
import Foundation
import Store
import Vapor

/// Recipients' delivery sites, their time windows and access notes.
struct SitesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("sites", use: listSites)
        routes.post("sites", use: createSite)
        routes.get("sites", ":siteId", use: site)
    }

    struct SiteBody: Content {
        var id: String
        var recipientId: String?
        var name: String
        var address: String
        var location: [Double]
        /// Accepted delivery windows per weekday (`mon` … `sun`), as `HH:MM` pairs.
        var timeWindows: [String: [[String]]]
        /// Seen by the recipient, hub operators and drivers only.
        var accessNotes: String?
        var serviceMinutes: Double?
    }

    func listSites(_ request: Request) async throws -> [SiteBody] {
        let caller = try request.requireCaller()
        return try await Store(request.db).sites().map { $0.body(for: caller) }
    }

    func site(_ request: Request) async throws -> SiteBody {
        let caller = try request.requireCaller()
        return try await SiteRecord.find(try request.parameters.require("siteId"), store: Store(request.db)).body(for: caller)
    }

    func createSite(_ request: Request) async throws -> Response {
        let caller = try request.requireCaller()
        if case .failure(let refusal) = IntakeRules.siteOwner(registeredBy: caller.principal, recipientId: nil) { throw Problem(refusal: refusal, at: "$") }
        let body = try request.decodeJSON(SiteBody.self)
        let owner: String?
        switch IntakeRules.siteOwner(registeredBy: caller.principal, recipientId: body.recipientId) {
        case .success(let recipient): owner = recipient
        case .failure(let refusal): throw Problem(refusal: refusal, at: "$")
        }
        guard let recipientId = owner else { throw Problem.badRequest("$.recipientId: required field is missing") }
        let store = Store(request.db)
        guard try await store.organisation(recipientId)?.kind == .recipient else {
            throw Problem.unprocessable("$.recipientId: '\(recipientId)' is not a recipient organisation")
        }
        let record = try SiteRecord(body, recipientId: recipientId)
        try await store.insert(record)
        return try await record.body(for: caller).encodeResponse(status: .created, for: request)
    }
}
