import Domain
import Foundation
import Store
import Vapor

/// Consolidation hubs and their fleets.
struct HubsController: RouteCollection {
    /// The most kilograms or parcels one vehicle is registered to carry (a 40-tonne truck carries 26,000 kg).
    static let maximumCapacity = 100_000
    static let maximumRangeKm = 5_000.0

    func boot(routes: any RoutesBuilder) throws {
        routes.get("hubs", use: listHubs)
        routes.post("hubs", use: createHub)
        routes.get("hubs", ":hubId", use: hub)
        routes.get("hubs", ":hubId", "vehicles", use: listVehicles)
        routes.post("hubs", ":hubId", "vehicles", use: createVehicle)
    }

    struct HubBody: Content {
        var id: String
        var name: String
        var operatorId: String
        var municipalityId: String?
        var location: [Double]
        /// IANA zone of the hub's clock, e.g. Europe/Oslo.
        var timeZone: String
        var opens: String
        var closes: String
        /// Electricity per parcel handled, kWh (the hub's ISO 14083 hub operation); unknown when absent.
        var energyPerParcelKWh: Double?
    }

    func listHubs(_ request: Request) async throws -> [HubBody] {
        _ = try request.requireCaller()
        return try await Store(request.db).hubs().map(\.body)
    }

    func hub(_ request: Request) async throws -> HubBody {
        _ = try request.requireCaller()
        return try await HubRecord.find(try request.parameters.require("hubId"), store: Store(request.db)).body
    }

    func createHub(_ request: Request) async throws -> Response {
        let caller = try request.requireCaller()
        guard DirectoryRules.registersParties(caller.principal) else { throw Problem.forbidden("only platform admins register hubs") }
        let body = try request.decodeJSON(HubBody.self)
        let record = try HubRecord(body)
        let store = Store(request.db)
        guard try await store.organisation(body.operatorId)?.kind == .hubOperator else {
            throw Problem.unprocessable("$.operatorId: '\(body.operatorId)' is not a hub-operator organisation")
        }
        if let municipality = body.municipalityId, try await store.organisation(municipality)?.kind != .municipality {
            throw Problem.unprocessable("$.municipalityId: '\(municipality)' is not a municipality organisation")
        }
        try await store.insert(record)
        return try await body.encodeResponse(status: .created, for: request)
    }

    struct VehicleBody: Content {
        var id: String
        var type: String
        var capacityKg: Int
        var capacityParcels: Int
        /// Temperature classes it can carry besides ambient: chilled, frozen.
        var temperatures: [TemperatureClass]?
        var rangeKm: Double?
        /// The licence plate: the hub's trips into zones carry it (hashed) so cameras' entries are matched to them.
        var registration: String?
    }

    func listVehicles(_ request: Request) async throws -> [VehicleBody] {
        let caller = try request.requireCaller()
        let hub = try await HubRecord.find(try request.parameters.require("hubId"), store: Store(request.db))
        try hub.requireOperator(caller, write: false, action: "see this hub's fleet")
        return try await Store(request.db).fleet(of: hub.id).map(\.body)
    }

    func createVehicle(_ request: Request) async throws -> Response {
        let caller = try request.requireCaller()
        let store = Store(request.db)
        let hub = try await HubRecord.find(try request.parameters.require("hubId"), store: store)
        try hub.requireOperator(caller, write: true, action: "change this hub's fleet")
        let body = try request.decodeJSON(VehicleBody.self)
        let record = try VehicleRecord(body, hubId: hub.id)
        try await store.insert(record)
        return try await body.encodeResponse(status: .created, for: request)
    }
}
