import Domain
import Foundation
import Geo
import Roads
import Store
import Vapor

/// Daily plans of a hub: requested, queued for the planning worker, read with their routes, and
/// as GeoJSON.
struct PlansController: RouteCollection {
    static let maximumTimeLimit = 120.0

    func boot(routes: any RoutesBuilder) throws {
        routes.post("hubs", ":hubId", "plans", use: requestPlan)
        routes.get("hubs", ":hubId", "plans", use: listPlans)
        routes.get("plans", ":planId", use: plan)
        routes.get("plans", ":planId", "geojson", use: planGeoJSON)
    }

    struct PlanRequest: Content {
        /// The delivery day, `YYYY-MM-DD` in the hub's zone; today when left out.
        var date: String?
        /// Seconds the optimiser may search (default 2, at most 120).
        var timeLimitSeconds: Double?
    }

    struct PlanView: Content {
        var id: String
        var hubId: String
        var date: String
        /// queued, running, done or failed.
        var status: String
        var progress: Double
        var createdAt: String
        var finishedAt: String?
        var error: String?
        var routes: [RouteView]?
        var unassigned: [UnassignedParcels]?
        var totals: Totals?
    }

    struct Totals: Content {
        var routes: Int
        var stops: Int
        var parcels: Int
        var distanceKm: Double
    }

    func requestPlan(_ request: Request) async throws -> Response {
        let caller = try request.requireCaller()
        let store = Store(request.db)
        let hub = try await HubRecord.find(try request.parameters.require("hubId"), store: store)
        let body = try request.decodeJSON(PlanRequest.self)
        let (date, limit) = try await Self.checkPlanRequest(hub: hub, date: body.date, timeLimit: body.timeLimitSeconds, caller: caller, store: store)
        let response = try await Idempotency.respond(to: request, caller: caller) { store in
            let id = try await PlanningQueue.enqueue(hubId: hub.id, date: date, timeLimit: limit, requestedBy: caller.accountId, store: store)
            return (.accepted, try await Self.planView(id, store: store, withRoutes: false))
        }
        if let id = try? JSONDecoder().decode(PlanView.self, from: Data(buffer: response.body.buffer ?? ByteBuffer())).id {
            response.headers.replaceOrAdd(name: .location, value: "/v1/plans/\(id)")
        }
        return response
    }

    /// Checks that the caller may plan the hub and the day is plannable; returns the day
    /// (today when nil) and the optimiser's time limit (2 s when nil).
    static func checkPlanRequest(hub: HubRecord, date: String?, timeLimit: Double?, caller: Caller, store: Store) async throws -> (String, Double) {
        try hub.requireOperator(caller, write: true, action: "plan this hub's routes")
        let date = date ?? Wire.today(in: hub.zone)
        _ = try Wire.operatingDay(date, field: "$.date", in: hub.zone)
        let limit = timeLimit ?? 2
        guard limit > 0, limit <= maximumTimeLimit else {
            throw Problem.badRequest("$.timeLimitSeconds: must be above 0 and at most \(Int(maximumTimeLimit))")
        }
        guard try await !store.fleet(of: hub.id).isEmpty else {
            throw Problem.unprocessable("hub '\(hub.id)' has no vehicles; register its fleet first")
        }
        return (date, limit)
    }

    func listPlans(_ request: Request) async throws -> [PlanView] {
        let caller = try request.requireCaller()
        let store = Store(request.db)
        let hub = try await HubRecord.find(try request.parameters.require("hubId"), store: store)
        try hub.requireOperator(caller, write: false, action: "see this hub's plans")
        let date = try request.query.get(String?.self, at: "date") ?? Wire.today(in: hub.zone)
        _ = try Wire.date(date, field: "date")
        let ids = try await store.planIds(hubId: hub.id, date: date, limit: 50)
        var views: [PlanView] = []
        for id in ids { views.append(try await Self.planView(id, store: store, withRoutes: false)) }
        return views
    }

    func plan(_ request: Request) async throws -> PlanView {
        let caller = try request.requireCaller()
        let store = Store(request.db)
        let id = try request.parameters.require("planId")
        try await Self.requirePlanAccess(id, caller: caller, store: store)
        return try await Self.planView(id, store: store, withRoutes: true)
    }

    /// Plans hold every carrier's parcels, so only the hub's operator (and platform admins) see them.
    static func requirePlanAccess(_ id: String, caller: Caller, store: Store) async throws {
        guard let hubId = try await store.plan(id)?.hubId, let hub = try await store.hub(hubId),
              HubRules.access(caller.principal, toHubOperatedBy: hub.operatorId, write: false) == .granted else {
            throw Problem.notFound("plan '\(id)'")
        }
    }

    static func planView(_ id: String, store: Store, withRoutes: Bool) async throws -> PlanView {
        guard let row = try await store.plan(id) else { throw Problem.notFound("plan '\(id)'") }
        let zone = TimeZone(identifier: row.timeZone) ?? .gmt
        var view = PlanView(id: row.id, hubId: row.hubId, date: row.planDate, status: row.status.rawValue, progress: row.progress,
                            createdAt: Wire.format(row.createdAt, in: zone), finishedAt: row.finishedAt.map { Wire.format($0, in: zone) },
                            error: row.error)
        if withRoutes && row.status == .done {
            let routes = try await store.routes(.ofPlan(id)).map(RouteView.init)
            view.routes = routes
            view.unassigned = try row.unassigned.map { try JSONDecoder().decode([UnassignedParcels].self, from: Data($0.utf8)) } ?? []
            view.totals = Totals(routes: routes.count, stops: routes.reduce(0) { $0 + $1.stops.count },
                                 parcels: routes.reduce(0) { $0 + $1.parcelCount },
                                 distanceKm: (routes.reduce(0) { $0 + $1.distanceKm } * 10).rounded() / 10)
        }
        return view
    }

    /// The plan as GeoJSON: the hub, each route as a LineString, each stop as a Point.
    func planGeoJSON(_ request: Request) async throws -> Response {
        let caller = try request.requireCaller()
        let store = Store(request.db)
        let id = try request.parameters.require("planId")
        try await Self.requirePlanAccess(id, caller: caller, store: store)
        let collection = try await Self.featureCollection(planId: id, store: store, attribution: request.application.platform.roads != nil)
        return Response(status: .ok, headers: ["Content-Type": "application/geo+json"], body: .init(data: try JSONEncoder().encode(collection)))
    }

    static func featureCollection(planId: String, store: Store, attribution: Bool) async throws -> GeoJSON.FeatureCollection {
        var features: [GeoJSON.Feature] = []
        for record in try await store.routes(.ofPlan(planId)) {
            let route = RouteView(record)
            features.append(GeoJSON.Feature(geometry: .lineString(record.line), properties: [
                "kind": .string("route"), "routeId": .string(route.id), "vehicleId": .string(route.vehicleId),
                "vehicleType": .string(route.vehicleType), "distanceKm": .number(route.distanceKm), "loadKg": .number(route.loadKg),
                "departure": .string(route.departure),
            ]))
            for stop in route.stops {
                features.append(GeoJSON.Feature(geometry: .point(Coordinate(longitude: stop.location[0], latitude: stop.location[1])), properties: [
                    "kind": .string("stop"), "routeId": .string(route.id), "index": .integer(stop.index + 1), "siteId": .string(stop.siteId),
                    "name": .string(stop.name), "eta": .string(stop.eta), "parcels": .integer(stop.parcels.count), "state": .string(stop.state),
                ]))
            }
        }
        return GeoJSON.FeatureCollection(features: features, attribution: attribution ? "Routes along roads: \(OSMData.attribution)" : nil)
    }
}
