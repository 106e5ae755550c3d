import Domain
import Foundation
import Store
import Vapor

/// Shipments, parcels and parcel events: what carriers' and shippers' systems push, and what
/// each party may read back.
struct IntakeController: RouteCollection {
    static let maximumBatchItems = 1000

    func boot(routes: any RoutesBuilder) throws {
        routes.post("shipments", use: createShipment)
        routes.post("shipments", "batch", use: createShipments)
        routes.post("shipments", "import", use: importShipments)
        routes.get("shipments", ":shipmentId", use: shipment)
        routes.get("parcels", use: listParcels)
        routes.get("parcels", ":barcode", use: parcel)
        routes.post("events", use: recordEvent)
        routes.post("events", "batch", use: recordEvents)
    }

    // MARK: Shipments

    func createShipment(_ request: Request) async throws -> Response {
        let caller = try request.requireCaller()
        let body = try request.decodeJSON(Intake.ShipmentBody.self)
        return try await Idempotency.respond(to: request, caller: caller) { store in
            let (view, outcome) = try await Intake.announce(body, by: caller, path: "$", store: store)
            return (outcome == .created ? .created : .ok, view)
        }
    }

    struct ShipmentBatch: Content { var shipments: [Intake.ShipmentBody] }

    /// The result of one item of a batch: stored, already stored (a retry), or rejected with why.
    struct ItemResult: Content {
        var index: Int
        var outcome: String
        var id: String?
        var problem: Problem.Body?
    }

    struct BatchResult: Content {
        var results: [ItemResult]
        var created: Int
        var duplicates: Int
        var rejected: Int

        init(_ results: [ItemResult]) {
            self.results = results
            created = results.filter { $0.outcome == "created" }.count
            duplicates = results.filter { $0.outcome == "duplicate" }.count
            rejected = results.filter { $0.outcome == "rejected" }.count
        }
    }

    /// Items of a batch are independent: each is stored or rejected on its own, and the answer
    /// says which, item by item. `prepare` checks an item before the transaction (reads only);
    /// `save` stores it inside one transaction for the batch. With `savepoints`, an item whose
    /// saving fails part-way is rolled back alone; without, `save` must refuse before writing.
    static func batch<Item: Sendable, Prepared: Sendable>(
        _ items: [Item], request: Request, path: String, savepoints: Bool,
        prepare: (Item, String, Store) async throws -> Prepared,
        save: @escaping @Sendable (Prepared, String, Store) async throws -> (id: String, outcome: Intake.Outcome)
    ) async throws -> BatchResult {
        guard items.count <= maximumBatchItems else { throw Problem.badRequest("\(path): at most \(maximumBatchItems) items per batch") }
        var results: [ItemResult?] = Array(repeating: nil, count: items.count)
        var prepared: [(Int, Prepared)] = []
        for (index, item) in items.enumerated() {
            do {
                prepared.append((index, try await prepare(item, "\(path)[\(index)]", Store(request.db))))
            } catch {
                guard let problem = Problem(clientError: error) else { throw error }
                results[index] = ItemResult(index: index, outcome: "rejected", problem: problem.body(instance: nil))
            }
        }
        let ready = prepared
        let saved = try await Store(request.db).transaction { store in
            var saved: [ItemResult] = []
            for (index, item) in ready {
                do {
                    let itemPath = "\(path)[\(index)]"
                    let (id, outcome) = savepoints ? try await store.savepoint { try await save(item, itemPath, store) } : try await save(item, itemPath, store)
                    saved.append(ItemResult(index: index, outcome: outcome.rawValue, id: id))
                } catch {
                    guard let problem = Problem(clientError: error) else { throw error }
                    saved.append(ItemResult(index: index, outcome: "rejected", problem: problem.body(instance: nil)))
                }
            }
            return saved
        }
        for result in saved { results[result.index] = result }
        return BatchResult(results.compactMap { $0 })
    }

    func createShipments(_ request: Request) async throws -> BatchResult {
        let caller = try request.requireCaller()
        try caller.require(.carrier, .shipper, action: "announce shipments")
        let body = try request.decodeJSON(ShipmentBatch.self)
        return try await Self.batch(body.shipments, request: request, path: "$.shipments", savepoints: true,
                                    prepare: { item, _, _ in item }) { item, path, store in
            let (view, outcome) = try await Intake.announce(item, by: caller, path: path, store: store)
            return (view.id, outcome)
        }
    }

    struct ImportResult: Content {
        var shipments: [ItemResult]
        var parcels: Int
    }

    /// Imports a CSV file of parcels, one row each; rows with the same `reference` form one
    /// shipment. All or nothing: a bad row rejects the file, naming the row and column.
    func importShipments(_ request: Request) async throws -> Response {
        let caller = try request.requireCaller()
        try caller.require(.carrier, .shipper, action: "import shipments")
        guard request.headers.contentType?.subType == "csv" else { throw Problem(.unsupportedMediaType, "send the file as text/csv") }
        guard let buffer = request.body.data else { throw Problem.badRequest("the request body is empty; expected a CSV file") }
        guard let text = String(data: Data(buffer: buffer), encoding: .utf8) else { throw Problem.badRequest("the CSV file is not UTF-8 text") }
        let shipments = try ShipmentCSV.shipments(from: text)
        return try await Idempotency.respond(to: request, caller: caller) { store in
            var results: [ItemResult] = []
            for (index, (line, shipment)) in shipments.enumerated() {
                let (view, outcome) = try await Intake.announce(shipment, by: caller, path: "row \(line)", store: store)
                results.append(ItemResult(index: index, outcome: outcome.rawValue, id: view.id))
            }
            return (.ok, ImportResult(shipments: results, parcels: shipments.reduce(0) { $0 + $1.1.parcels.count }))
        }
    }

    func shipment(_ request: Request) async throws -> Intake.ShipmentView {
        let caller = try request.requireCaller()
        let id = try request.parameters.require("shipmentId")
        let store = Store(request.db)
        guard try await store.shipmentIsVisible(id, in: try Visibility.parcels(caller)) else {
            throw Problem.notFound("shipment '\(id)'")
        }
        return try await Intake.shipment(id, store: store)
    }

    // MARK: Parcels

    struct ParcelView: Content {
        var barcode: String
        var shipmentId: String
        var carrierId: String
        var shipperId: String?
        var recipientId: String
        var siteId: String
        var siteName: String
        var hubId: String
        var weightKg: Double
        var lengthCm: Double?
        var widthCm: Double?
        var heightCm: Double?
        var pallet: Bool
        var temperature: String
        var status: String
        var statusTime: String
        var routeId: String?
        /// Planned arrival at the recipient, from the current plan.
        var eta: String?
        var events: [Intake.EventView]?

        init(_ parcel: ParcelRecord) {
            let zone = TimeZone(identifier: parcel.timeZone) ?? .gmt
            (barcode, shipmentId, carrierId, shipperId, recipientId) = (parcel.barcode, parcel.shipmentId, parcel.carrierId, parcel.shipperId, parcel.recipientId)
            (siteId, siteName, hubId, weightKg) = (parcel.siteId, parcel.siteName, parcel.hubId, parcel.weightKg)
            (lengthCm, widthCm, heightCm, pallet, temperature) = (parcel.lengthCm, parcel.widthCm, parcel.heightCm, parcel.pallet != 0, parcel.temperature)
            (status, statusTime, routeId) = (parcel.status, Wire.format(parcel.statusTime, in: zone), parcel.routeId)
            eta = parcel.eta.map { Wire.format($0, in: zone) }
        }
    }

    /// Parcels the caller may see, newest first; filters `status`, `hubId`.
    func listParcels(_ request: Request) async throws -> Paged<ParcelView> {
        let caller = try request.requireCaller()
        let page = try PageRequest(request)
        let scope = try Visibility.parcels(caller)
        var status: ParcelStatus?
        if let name = try request.query.get(String?.self, at: "status") {
            guard let known = ParcelStatus(rawValue: name) else {
                throw Problem.badRequest("status: '\(name)' is not one of \(ParcelStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            status = known
        }
        let hubId = try request.query.get(String?.self, at: "hubId")
        let (total, rows) = try await Store(request.db).parcels(in: scope, status: status, hubId: hubId, limit: page.perPage, offset: page.offset)
        return Paged(items: rows.map(ParcelView.init), page: page.page, perPage: page.perPage, total: total)
    }

    func parcel(_ request: Request) async throws -> ParcelView {
        let caller = try request.requireCaller()
        let barcode = try request.parameters.require("barcode")
        let store = Store(request.db)
        guard let parcel = try await store.parcel(barcode, in: try Visibility.parcels(caller)) else { throw Problem.notFound("parcel '\(barcode)'") }
        var view = ParcelView(parcel)
        view.events = try await store.events(ofParcel: barcode).map(Intake.EventView.init)
        return view
    }

    // MARK: Events

    func recordEvent(_ request: Request) async throws -> Response {
        let caller = try request.requireCaller()
        let body = try request.decodeJSON(Intake.EventBody.self)
        let checked = try await Intake.check(body, by: caller, path: "$", store: Store(request.db))
        let (view, outcome) = try await request.application.platform.eventWriter.save(checked)
        if outcome == .created { request.application.platformMetrics.eventsRecorded.increment() }
        return try await view.encodeResponse(status: outcome == .created ? .created : .ok, for: request)
    }

    struct EventBatch: Content { var events: [Intake.EventBody] }

    func recordEvents(_ request: Request) async throws -> BatchResult {
        let caller = try request.requireCaller()
        let body = try request.decodeJSON(EventBatch.self)
        let result = try await Self.batch(body.events, request: request, path: "$.events", savepoints: false,
                                          prepare: { item, path, store in try await Intake.check(item, by: caller, path: path, store: store) }) { event, _, store in
            let (view, outcome) = try await Intake.save(event, store: store)
            return (view.eventId, outcome)
        }
        request.application.platformMetrics.eventsRecorded.increment(by: Int64(result.created))
        return result
    }
}

/// What a caller may see, as the domain's `ParcelScope` decides it; a question the caller may
/// not ask at all (a municipality asking for single parcels) is 403.
enum Visibility {
    static func parcels(_ caller: Caller) throws -> ParcelScope {
        let scope = ParcelScope.of(caller.principal)
        if case .refused(let reason) = scope { throw Problem.forbidden(reason) }
        return scope
    }
}
