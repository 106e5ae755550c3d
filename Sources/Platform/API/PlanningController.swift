import Domain
import Foundation
import Geo
import Store
import Vapor

/// Daily plans of a hub, their routes, dispatch to drivers, driver manifests and proof of delivery.
struct PlanningController: RouteCollection {
    static let maximumTimeLimit = 120.0

    func boot(routes: any RoutesBuilder) throws {
        routes.post("hubs", ":hubId", "plans", use: requestPlan)
        routes.get("hubs", ":hubId", "plans", use: listPlans)
        routes.get("plans", ":planId", use: plan)
        routes.get("plans", ":planId", "geojson", use: planGeoJSON)
        routes.post("routes", ":routeId", "dispatch", use: dispatch)
        routes.get("routes", ":routeId", "manifest", use: manifest)
        routes.post("routes", ":routeId", "stops", ":stopIndex", "completion", use: completeStop)
        routes.get("driver", "routes", use: driverRoutes)
    }

    // MARK: Plans

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

    struct StopView: Content {
        var index: Int
        var siteId: String
        var name: String
        var address: String
        var location: [Double]
        var eta: String
        var parcels: [String]
        /// pending, delivered, failed or partly delivered — from the parcels' events.
        var state: String
        var accessNotes: String?
    }

    struct RouteView: Content {
        var id: String
        var planId: String
        var vehicleId: String
        var vehicleType: String
        var departure: String
        var returnTime: String
        var distanceKm: Double
        var loadKg: Double
        var parcelCount: Int
        var driverId: String?
        var dispatchedAt: String?
        var stops: [StopView]

        init(_ route: RouteRecord) {
            let zone = TimeZone(identifier: route.timeZone) ?? .gmt
            (id, planId, vehicleId, vehicleType) = (route.id, route.planId, route.vehicleId, route.vehicleType)
            (departure, returnTime) = (Wire.format(route.departure, in: zone), Wire.format(route.returnTime, in: zone))
            (distanceKm, loadKg, parcelCount) = ((route.distanceM / 100).rounded() / 10, route.loadKg, route.parcelCount)
            (driverId, dispatchedAt) = (route.driverId, route.dispatchedAt.map { Wire.format($0, in: zone) })
            stops = route.stops.map { stop in
                StopView(index: stop.stopIndex, siteId: stop.siteId, name: stop.name, address: stop.address, location: [stop.longitude, stop.latitude],
                         eta: Wire.format(stop.eta, in: zone), parcels: stop.parcels.map(\.barcode), state: stop.state.rawValue, accessNotes: stop.accessNotes)
            }
        }
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

    /// One route by id (whose access was checked).
    static func routeView(_ id: String, store: Store) async throws -> RouteView {
        guard let route = try await store.routes(.route(id)).first else { throw Problem.notFound("route '\(id)'") }
        return RouteView(route)
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
        return GeoJSON.FeatureCollection(features: features, attribution: attribution ? "Routes along roads: \(PlatformContext.roadAttribution)" : nil)
    }

    // MARK: Dispatch and delivery

    struct DispatchRequest: Content {
        /// The driver account that drives the route.
        var driverId: String
        var time: String?
    }

    /// Hands a route to a driver: its parcels are recorded as loaded and out for delivery, and
    /// later re-plans keep it as it is.
    func dispatch(_ request: Request) async throws -> RouteView {
        let caller = try request.requireCaller()
        let id = try request.parameters.require("routeId")
        let body = try request.decodeJSON(DispatchRequest.self)
        let time = try body.time.map { try Wire.recentInstant($0, field: "$.time", past: 86_400, future: 3600) } ?? Date()
        return try await Self.dispatch(routeId: id, driverId: body.driverId, time: time, caller: caller, store: Store(request.db))
    }

    static func dispatch(routeId id: String, driverId: String, time: Date, caller: Caller, store: Store) async throws -> RouteView {
        try await store.transaction { store in
            guard let route = try await store.facts(ofRoute: id), operates(route, caller: caller) else {
                throw Problem.notFound("route '\(id)'")
            }
            guard caller.mayWrite else { throw Problem.forbidden("a viewer may not dispatch routes") }
            guard route.dispatchedAt == nil else { throw Problem.conflict("route '\(id)' was dispatched already") }
            guard let plan = try await store.plan(route.planId), try await store.currentPlanId(hubId: route.hubId, date: plan.planDate) == route.planId else {
                throw Problem.conflict("route '\(id)' belongs to a plan that has been replaced; dispatch a route of the current plan")
            }
            let driver = try await store.account(driverId)
            guard let driver, driver.role == .driver, driver.organisationId == route.operatorId else {
                throw Problem.unprocessable("$.driverId: '\(driverId)' is not a driver of the hub's operator")
            }
            try await store.dispatch(route: id, to: driver.id, at: time)
            let barcodes = try await store.barcodes(onRoute: id)
            let hubCaller = Caller(accountId: caller.accountId, accountName: caller.accountName,
                                   organisation: Organisation(id: route.operatorId, name: "", kind: .hubOperator), role: .writer)
            let timeText = Wire.format(time, in: .gmt)
            for barcode in barcodes {
                for type in [Intake.EventType.loaded, .outForDelivery] {
                    _ = try await Intake.record(
                        Intake.EventBody(eventId: "dispatch:\(id):\(type.rawValue):\(barcode)", barcode: barcode, type: type, time: timeText, routeId: id),
                        by: hubCaller, path: "route", store: store)
                }
            }
            return try await Self.routeView(id, store: store)
        }
    }

    /// The route as its driver needs it: stops in order, parcels per stop, access notes.
    func manifest(_ request: Request) async throws -> RouteView {
        let caller = try request.requireCaller()
        let id = try request.parameters.require("routeId")
        let store = Store(request.db)
        guard let route = try await store.facts(ofRoute: id), Self.mayDrive(route, caller: caller) || Self.operates(route, caller: caller) else {
            throw Problem.notFound("route '\(id)'")
        }
        return try await Self.routeView(id, store: store)
    }

    private static func mayDrive(_ route: RouteFacts, caller: Caller) -> Bool {
        HubRules.drives(caller.principal, routeDriver: route.driverId, dispatched: route.dispatchedAt != nil)
    }

    private static func operates(_ route: RouteFacts, caller: Caller) -> Bool {
        HubRules.access(caller.principal, toHubOperatedBy: route.operatorId, write: false) == .granted
    }

    struct StopCompletion: Content {
        /// Unique per driver organisation; the parcels' events get ids derived from it, so a retry is safe.
        var eventId: String
        var outcome: Outcome
        var time: String
        var receiverName: String?
        var photoReference: String?
        var reason: String?
        /// The parcels handed over; all parcels of the stop when left out.
        var parcels: [String]?

        enum Outcome: String, Codable, CaseIterable { case delivered, failed }
    }

    struct StopCompletionResult: Content {
        var routeId: String
        var stopIndex: Int
        var events: [Intake.EventView]
        var duplicate: Bool
    }

    /// Records the outcome of a stop for each of its parcels, with proof of delivery.
    func completeStop(_ request: Request) async throws -> Response {
        let caller = try request.requireCaller()
        let id = try request.parameters.require("routeId")
        guard let index = Int(try request.parameters.require("stopIndex")) else { throw Problem.badRequest("stopIndex: not a number") }
        let body = try request.decodeJSON(StopCompletion.self)
        let result = try await Self.completeStop(routeId: id, index: index, body, caller: caller, store: Store(request.db))
        request.application.platformMetrics.eventsRecorded.increment(by: Int64(result.duplicate ? 0 : result.events.count))
        return try await result.encodeResponse(status: result.duplicate ? .ok : .created, for: request)
    }

    static func completeStop(routeId id: String, index: Int, _ body: StopCompletion, caller: Caller, store: Store) async throws -> StopCompletionResult {
        try await store.transaction { store in
            guard let route = try await store.facts(ofRoute: id), mayDrive(route, caller: caller) || operates(route, caller: caller) else {
                throw Problem.notFound("route '\(id)'")
            }
            let onStop = try await store.barcodes(onRoute: id, stop: index)
            guard !onStop.isEmpty else { throw Problem.notFound("stop \(index) of route '\(id)'") }
            let chosen = body.parcels ?? onStop
            if let stranger = chosen.first(where: { !onStop.contains($0) }) {
                throw Problem.unprocessable("$.parcels: '\(stranger)' is not on stop \(index) of this route")
            }
            var events: [Intake.EventView] = [], duplicate = true
            for barcode in chosen {
                let (event, outcome) = try await Intake.record(
                    Intake.EventBody(eventId: "\(body.eventId):\(barcode)", barcode: barcode,
                                     type: body.outcome == .delivered ? .delivered : .failed, time: body.time, routeId: id,
                                     receiverName: body.receiverName, photoReference: body.photoReference, reason: body.reason),
                    by: caller, path: "$", store: store)
                events.append(event)
                duplicate = duplicate && outcome == .duplicate
            }
            return StopCompletionResult(routeId: id, stopIndex: index, events: events, duplicate: duplicate)
        }
    }

    /// The caller's dispatched routes (drivers).
    func driverRoutes(_ request: Request) async throws -> [RouteView] {
        let caller = try request.requireCaller()
        guard caller.role == .driver else { throw Problem.forbidden("only drivers have routes of their own") }
        return try await Store(request.db).routes(.drivenBy(caller.accountId)).map(RouteView.init)
    }
}
