import Domain
import Foundation
import Store
import Vapor
import Zones

/// Exemptions from a zone's rules: an operator applies, the zone's automatic rules grant what
/// they allow at once, and the rest waits for the municipality's case officer, who sees the
/// application with its evidence (the operator's trips into the zone).
struct PermitsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("zones", ":zoneId", "permits", use: apply)
        routes.get("permits", use: list)
        routes.post("permits", ":permitId", "decision", use: decide)
    }

    struct ApplicationBody: Content, APIModel {
        static let schemaName = "PermitApplication"
        static let isRequest = true
        static var rules: [String: FieldRule] {
            ["validFrom": .instant, "validUntil": .instant, "justification": .notBlank, "waives": .items(minimum: 1)]
        }
        var vehicle: ZoneVehicle
        var validFrom: String
        var validUntil: String
        var timeSpans: [TimeSpan]?
        var waives: [ViolationCode]
        var justification: String
    }

    struct PermitView: Content, APIModel {
        static let schemaName = "Permit"
        static var rules: [String: FieldRule] {
            ["validFrom": .dateTime, "validUntil": .dateTime, "createdAt": .dateTime, "decidedAt": .dateTime, "status": .values(["pending", "granted", "refused"])]
        }
        var id: String
        var zoneId: String
        var operatorId: String
        var status: String
        /// The automatic rule that granted it (`decidedBy` "rules"), why no rule did (pending), or the case officer's reason.
        var decision: String
        var decidedBy: String?
        var validFrom: String
        var validUntil: String
        var vehicle: ZoneVehicle
        var timeSpans: [TimeSpan]
        var waives: [ViolationCode]
        var justification: String
        var createdAt: String
        var decidedAt: String?
    }

    struct DecisionBody: Content, APIModel {
        static let schemaName = "PermitDecision"
        static let isRequest = true
        static var rules: [String: FieldRule] { ["status": .values(["granted", "refused"]), "reason": .notBlank] }
        var status: String
        var reason: String
    }

    func apply(_ request: Request) async throws -> Response {
        let caller = try request.requireCaller()
        let zoneId = try request.parameters.require("zoneId")
        let store = Store(request.db)
        guard let entry = try await ZoneCatalogue.zone(zoneId, store) else { throw Problem.notFound("zone '\(zoneId)'") }
        guard ZoneAccess.appliesForPermits(caller.principal) else {
            throw Problem.forbidden("exemptions are applied for by carriers' and hub operators' admins and writers")
        }
        let body = try request.decodeJSON(ApplicationBody.self)
        let application = PermitApplication(
            zoneId: zoneId, operatorId: caller.organisation.id, vehicle: body.vehicle,
            validFrom: try Wire.instant(body.validFrom, field: "validFrom"), validUntil: try Wire.instant(body.validUntil, field: "validUntil"),
            timeSpans: body.timeSpans ?? [], waives: Set(body.waives), justification: try Self.text(body.justification, field: "justification"))
        if let problem = application.problem { throw Problem.badRequest(problem) }
        let decision = entry.zone.decide(application)
        let now = Date().epochMilliseconds
        let (status, why): (String, String) = switch decision {
        case .granted(let rule): ("granted", rule)
        case .forCaseOfficer(let reasons): ("pending", reasons.joined(separator: "; "))
        }
        let record = PermitRecord(id: Secrets.identifier("prm"), zoneId: zoneId, operatorId: caller.organisation.id, status: status,
                                  application: try ZonesController.json(application), decision: why, decidedBy: status == "granted" ? "rules" : nil,
                                  validFrom: application.validFrom.epochMilliseconds, validUntil: application.validUntil.epochMilliseconds,
                                  createdAt: now, decidedAt: status == "granted" ? now : nil)
        try await store.addPermit(record)
        return try await Self.view(record).encodeResponse(status: .created, for: request)
    }

    /// The caller's applications (an operator), or those asked of its zones (a municipality), newest first.
    func list(_ request: Request) async throws -> [PermitView] {
        let caller = try request.requireCaller()
        let scope = ZoneAccess.permits(caller.principal)
        if case .refused(let reason) = scope { throw Problem.forbidden(reason) }
        let status = try request.query.get(String?.self, at: "status")
        if let status, !["pending", "granted", "refused"].contains(status) { throw Problem.badRequest("status: '\(status)' is not pending, granted or refused") }
        return try await Store(request.db).permits(scope, status: status).map(Self.view)
    }

    /// A case officer's decision on a pending application.
    func decide(_ request: Request) async throws -> PermitView {
        let caller = try request.requireCaller()
        let id = try request.parameters.require("permitId")
        let store = Store(request.db)
        // Who may decide is checked before the body is read.
        _ = try await Self.decidable(caller: caller, id: id, store: store)
        let body = try request.decodeJSON(DecisionBody.self)
        return try await Self.decide(caller: caller, id: id, status: body.status, reason: body.reason, store: store)
    }

    /// The permit, when the caller may decide it; 403 for the municipality's others and the applicant, 404 for everyone else.
    static func decidable(caller: Caller, id: String, store: Store) async throws -> PermitRecord {
        guard let permit = try await store.permit(id), let zone = try await store.zone(permit.zoneId) else { throw Problem.notFound("permit '\(id)'") }
        switch ZoneAccess.administers(caller.principal, municipality: zone.municipalityId) {
        case .granted: return permit
        case .refused: throw Problem.forbidden("only the municipality's admins and case officers (writers) decide exemptions")
        case .stranger:
            // The applicant sees its own application exists; anyone else is told nothing.
            if caller.organisation.id == permit.operatorId { throw Problem.forbidden("the municipality decides exemptions, not the applicant") }
            throw Problem.notFound("permit '\(id)'")
        }
    }

    static func decide(caller: Caller, id: String, status: String, reason: String, store: Store) async throws -> PermitView {
        let permit = try await decidable(caller: caller, id: id, store: store)
        guard ["granted", "refused"].contains(status) else { throw Problem.badRequest("status: '\(status)' is not granted or refused") }
        let reason = try text(reason, field: "reason")
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw Problem.badRequest("reason: say why") }
        guard let decided = try await store.decidePermit(id, status: status, decision: reason, by: caller.accountId, at: Date().epochMilliseconds) else {
            throw Problem.conflict("permit '\(id)' was decided already (\(permit.status))")
        }
        return try view(decided)
    }

    static func text(_ value: String, field: String) throws -> String {
        do { return try TextPolicy.text(value, limit: 2000) } catch { throw Problem.badRequest("\(field): \(error)") }
    }

    static func view(_ record: PermitRecord) throws -> PermitView {
        guard let application = try? ZoneDocument.jsonDecoder.decode(PermitApplication.self, from: Data(record.application.utf8)) else {
            throw Problem(.internalServerError, "the stored permit '\(record.id)' is unreadable")
        }
        let zone = ZonesController.oslo
        return PermitView(id: record.id, zoneId: record.zoneId, operatorId: record.operatorId, status: record.status, decision: record.decision,
                          decidedBy: record.decidedBy, validFrom: Wire.format(record.validFrom, in: zone), validUntil: Wire.format(record.validUntil, in: zone),
                          vehicle: application.vehicle, timeSpans: application.timeSpans, waives: ViolationCode.allCases.filter(application.waives.contains),
                          justification: application.justification, createdAt: Wire.format(record.createdAt, in: zone),
                          decidedAt: record.decidedAt.map { Wire.format($0, in: zone) })
    }
}
