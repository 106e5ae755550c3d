import Domain
import Foundation
import Impact
import Routing
import Store
import Vapor

/// Each party's own shipment footprints — JSON, CSV, and iLEAP in PACT's shape
/// (`/v1/footprints/ileap`) — and carriers' depots, the start of the counterfactual.
struct FootprintsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("footprints", use: footprints)
        routes.get("footprints.csv", use: footprintsCSV)
        routes.get("footprints", "ileap", use: ileap)
        routes.get("organisations", ":organisationId", "depot", use: depot)
        routes.put("organisations", ":organisationId", "depot", use: setDepot)
    }

    /// A shipment's footprint of one day, as a party reads it.
    struct FootprintView: Content {
        var shipmentId: String
        var carrierId: String
        var shipperId: String?
        var hubId: String
        var day: String
        var factorVersion: String
        var revision: Int
        var parcels: Int
        var massKg: Double
        var distanceKm: Double
        var tonneKm: Double
        var co2eWellToWheelKg: Double
        var co2eTankToWheelKg: Double
        var hubCo2eWellToWheelKg: Double
        var routes: [String]
    }

    struct FootprintList: Content {
        var from: String
        var to: String
        var factorVersion: String
        var footprints: [FootprintView]
    }

    /// The caller's footprints of the period with their decoded figures.
    private func read(_ request: Request) async throws -> (period: ImpactPeriod, version: String, rows: [(row: FootprintRow, footprint: ShipmentFootprint)]) {
        let caller = try request.requireCaller()
        let scope = ImpactRules.footprints(caller.principal)
        if case .refused(let reason) = scope { throw Problem.forbidden(reason) }
        let version = try request.application.platform.configuration.impact.table(try request.query.get(String?.self, at: "factorVersion")).version
        let period = try ImpactPeriod.resolve(from: try request.query.get(String?.self, at: "from"), to: try request.query.get(String?.self, at: "to"),
                                              period: try request.query.get(String?.self, at: "period"), today: Wire.today(in: TimeZone(identifier: "Europe/Oslo") ?? .gmt))
        let rows = try await Store(request.db).footprints(scope, from: period.from, to: period.to, factorVersion: version)
        return (period, version, try rows.map { row in
            do { return (row, try JSONDecoder().decode(ShipmentFootprint.self, from: Data(row.footprint.utf8))) } catch {
                throw Problem(.internalServerError, "the stored footprint of shipment '\(row.shipmentId)' on \(row.day) is unreadable")
            }
        })
    }

    static let csvColumns = ["shipment_id", "carrier_id", "shipper_id", "hub_id", "day", "factor_version", "revision", "parcels", "mass_kg",
                             "distance_km", "tonne_km", "co2e_wtw_kg", "co2e_ttw_kg", "hub_co2e_wtw_kg", "routes"]

    func footprints(_ request: Request) async throws -> FootprintList {
        try await list(request)
    }

    /// The same, one CSV line per shipment and day.
    func footprintsCSV(_ request: Request) async throws -> Response {
        var text = CSVTable.line(Self.csvColumns)
        for view in try await list(request).footprints {
            text += CSVTable.line([view.shipmentId, view.carrierId, view.shipperId ?? "", view.hubId, view.day, view.factorVersion, String(view.revision),
                                   String(view.parcels), String(view.massKg), String(view.distanceKm), String(view.tonneKm), String(view.co2eWellToWheelKg),
                                   String(view.co2eTankToWheelKg), String(view.hubCo2eWellToWheelKg), view.routes.joined(separator: " ")])
        }
        return Response(status: .ok, headers: ["Content-Type": "text/csv; charset=utf-8",
                                               "Content-Disposition": "attachment; filename=\"samlast-footprints.csv\""], body: .init(string: text))
    }

    private func list(_ request: Request) async throws -> FootprintList {
        let (period, version, rows) = try await read(request)
        let views = rows.map { row, footprint in
            FootprintView(shipmentId: row.shipmentId, carrierId: row.carrierId, shipperId: row.shipperId, hubId: row.hubId, day: row.day,
                          factorVersion: row.factorVersion, revision: row.revision, parcels: footprint.parcels, massKg: footprint.massKg,
                          distanceKm: ImpactController.SystemView.round(footprint.distanceKm, places: 3),
                          tonneKm: ImpactController.SystemView.round(footprint.tonneKm, places: 4),
                          co2eWellToWheelKg: ImpactController.SystemView.round(footprint.total.wellToWheel, places: 6),
                          co2eTankToWheelKg: ImpactController.SystemView.round(footprint.total.tankToWheel, places: 6),
                          hubCo2eWellToWheelKg: ImpactController.SystemView.round(footprint.hub.wellToWheel, places: 6),
                          routes: footprint.elements.map(\.routeId))
        }
        return FootprintList(from: period.from, to: period.to, factorVersion: version, footprints: views)
    }

    /// The caller's footprints as iLEAP ShipmentFootprints, with their TOCs and HOCs, in PACT's `{"data": [...]}`.
    func ileap(_ request: Request) async throws -> ILEAPExport.ListResponse {
        let (_, _, rows) = try await read(request)
        let store = Store(request.db)
        var sources: [String: ILEAPExport.Source] = [:]
        for hubId in Set(rows.map(\.row.hubId)) {
            guard let hub = try await store.hub(hubId) else { continue }
            let name = try await store.organisation(hub.operatorId)?.displayName ?? hub.operatorId
            sources[hubId] = .init(hubName: hub.name, operatorId: hub.operatorId, operatorName: name, zone: hub.zone)
        }
        return try ILEAPExport.response(rows, sources: sources, tables: request.application.platform.configuration.impact.tables, now: Date())
    }

    /// A carrier's depot as the API reads and writes it.
    struct DepotBody: Content {
        /// `[longitude, latitude]`.
        var location: [Double]
        var vehicleType: String
        var capacityKg: Int
        var capacityParcels: Int
        /// True when the carrier gave none and the standard depot is assumed.
        var standard: Bool?
    }

    private func organisation(_ request: Request) async throws -> (Caller, Organisation) {
        let caller = try request.requireCaller()
        let id = try request.parameters.require("organisationId")
        guard ImpactRules.readsDepot(caller.principal, of: id), let organisation = try await Store(request.db).organisation(id) else {
            throw Problem.notFound("organisation '\(id)'")
        }
        guard organisation.kind == .carrier else { throw Problem.unprocessable("organisationId: '\(id)' is not a carrier; only carriers have depots") }
        return (caller, organisation)
    }

    func depot(_ request: Request) async throws -> DepotBody {
        let (_, organisation) = try await organisation(request)
        guard let depot = try await Store(request.db).depot(of: organisation.id) else {
            let standard = CarrierDepot.standard
            return DepotBody(location: [standard.location.longitude, standard.location.latitude], vehicleType: standard.vehicleType.rawValue,
                             capacityKg: standard.capacityKg, capacityParcels: standard.capacityParcels, standard: true)
        }
        return DepotBody(location: [depot.longitude, depot.latitude], vehicleType: depot.vehicleType, capacityKg: depot.capacityKg,
                         capacityParcels: depot.capacityParcels, standard: false)
    }

    func setDepot(_ request: Request) async throws -> DepotBody {
        let (caller, organisation) = try await organisation(request)
        guard ImpactRules.setsDepot(caller.principal, of: organisation.id) else { throw Problem.forbidden("only the carrier's admins and writers set its depot") }
        let body = try request.content.decode(DepotBody.self)
        guard body.location.count == 2, (-180...180).contains(body.location[0]), (-90...90).contains(body.location[1]) else {
            throw Problem.badRequest("$.location: give [longitude, latitude] in degrees")
        }
        guard VehicleCategory(rawValue: body.vehicleType) != nil else {
            throw Problem.badRequest("$.vehicleType: '\(body.vehicleType)' is not one of \(VehicleCategory.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        // A depot the accounting cannot price would leave every day of the hubs it serves unaccounted.
        let table = try request.application.platform.configuration.impact.table(nil)
        guard (try? table.vehicle(body.vehicleType)) != nil else {
            throw Problem.unprocessable("$.vehicleType: factor table \(table.version) has no consumption for '\(body.vehicleType)'; use one of \(table.vehicles.map(\.category).joined(separator: ", "))")
        }
        let capacity = 1...HubsController.maximumCapacity
        guard capacity.contains(body.capacityKg) else { throw Problem.badRequest("$.capacityKg: must be between 1 and \(capacity.upperBound)") }
        guard capacity.contains(body.capacityParcels) else { throw Problem.badRequest("$.capacityParcels: must be between 1 and \(capacity.upperBound)") }
        try await Store(request.db).setDepot(DepotRecord(organisationId: organisation.id, longitude: body.location[0], latitude: body.location[1],
                                                         vehicleType: body.vehicleType, capacityKg: body.capacityKg, capacityParcels: body.capacityParcels,
                                                         updatedAt: Date().epochMilliseconds))
        return DepotBody(location: body.location, vehicleType: body.vehicleType, capacityKg: body.capacityKg, capacityParcels: body.capacityParcels, standard: false)
    }
}
