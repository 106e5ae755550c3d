import Domain
import Foundation
import Store
import Vapor

/// Announcing shipments — one, a batch, or a CSV file — and reading one back.
struct ShipmentsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("shipments", use: createShipment)
        routes.post("shipments", "batch", use: createShipments)
        routes.post("shipments", "import", use: importShipments)
        routes.get("shipments", ":shipmentId", use: shipment)
    }

    func createShipment(_ request: Request) async throws -> Response {
        let caller = try request.requireCaller()
        let body = try request.decodeJSON(Shipments.ShipmentBody.self)
        return try await Idempotency.respond(to: request, caller: caller) { store in
            let (view, outcome) = try await Shipments.announce(body, by: caller, path: "$", store: store)
            return (outcome == .created ? .created : .ok, view)
        }
    }

    struct ShipmentBatch: Content { var shipments: [Shipments.ShipmentBody] }

    func createShipments(_ request: Request) async throws -> Batch.Result {
        let caller = try request.requireCaller()
        if let refusal = IntakeRules.announces(caller.principal) { throw Problem(refusal: refusal, at: "$") }
        let body = try request.decodeJSON(ShipmentBatch.self)
        return try await Batch.run(body.shipments, request: request, path: "$.shipments",
                                    prepare: { item, _, _ in item }) { item, path, store in
            let (view, outcome) = try await Shipments.announce(item, by: caller, path: path, store: store)
            return (view.id, outcome)
        }
    }

    struct ImportResult: Content {
        var shipments: [Batch.ItemResult]
        var parcels: Int
    }

    /// Imports a CSV file of parcels, one row each; rows with the same `reference` form one
    /// shipment. All or nothing: a bad row rejects the file, naming the row and column.
    func importShipments(_ request: Request) async throws -> Response {
        let caller = try request.requireCaller()
        if let refusal = IntakeRules.announces(caller.principal) { throw Problem(refusal: refusal, at: "$") }
        guard request.headers.contentType?.subType == "csv" else { throw Problem(.unsupportedMediaType, "send the file as text/csv") }
        guard let buffer = request.body.data else { throw Problem.badRequest("the request body is empty; expected a CSV file") }
        guard let text = String(data: Data(buffer: buffer), encoding: .utf8) else { throw Problem.badRequest("the CSV file is not UTF-8 text") }
        let shipments = try ShipmentCSV.shipments(from: text)
        return try await Idempotency.respond(to: request, caller: caller) { store in
            var results: [Batch.ItemResult] = []
            for (index, (line, shipment)) in shipments.enumerated() {
                let (view, outcome) = try await Shipments.announce(shipment, by: caller, path: "row \(line)", store: store)
                results.append(Batch.ItemResult(index: index, outcome: outcome.rawValue, id: view.id))
            }
            return (.ok, ImportResult(shipments: results, parcels: shipments.reduce(0) { $0 + $1.1.parcels.count }))
        }
    }

    func shipment(_ request: Request) async throws -> Shipments.ShipmentView {
        let caller = try request.requireCaller()
        let id = try request.parameters.require("shipmentId")
        let store = Store(request.db)
        guard try await store.shipmentIsVisible(id, in: try Visibility.parcels(caller)) else {
            throw Problem.notFound("shipment '\(id)'")
        }
        return try await Shipments.shipment(id, store: store)
    }
}
