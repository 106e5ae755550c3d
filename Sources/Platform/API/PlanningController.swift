import Domain
import Foundation
import Geo
import SQLKit
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
    }

    func requestPlan(_ request: Request) async throws -> Response {
        let caller = try request.requireCaller()
        let store = Store(request.db)
        let hub = try await HubRecord.find(try request.parameters.require("hubId"), store: store)
        let body = try request.decodeJSON(PlanRequest.self)
        let (date, limit) = try await Self.checkPlanRequest(hub: hub, date: body.date, timeLimit: body.timeLimitSeconds, caller: caller, store: store)
        let response = try await Idempotency.respond(to: request, caller: caller) { store in
            let id = try await PlanningQueue.enqueue(hubId: hub.id, date: date, timeLimit: limit, requestedBy: caller.accountId, store: store)
            return (.accepted, try await Self.planView(id, store: store, withRoutes: false, caller: caller))
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
        guard try await store.count("SELECT COUNT(*) AS n FROM vehicles WHERE hub_id = \(bind: hub.id)") > 0 else {
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
        let ids = try await store.sql.raw("""
            SELECT id FROM plans WHERE hub_id = \(bind: hub.id) AND plan_date = \(bind: date) ORDER BY created_at DESC LIMIT 50
            """).all().map { try $0.decode(column: "id", as: String.self) }
        var views: [PlanView] = []
        for id in ids { views.append(try await Self.planView(id, store: store, withRoutes: false, caller: caller)) }
        return views
    }

    func plan(_ request: Request) async throws -> PlanView {
        let caller = try request.requireCaller()
        let store = Store(request.db)
        let id = try request.parameters.require("planId")
        try await Self.requirePlanAccess(id, caller: caller, store: store)
        return try await Self.planView(id, store: store, withRoutes: true, caller: caller)
    }

    /// Plans hold every carrier's parcels, so only the hub's operator (and platform admins) see them.
    static func requirePlanAccess(_ id: String, caller: Caller, store: Store) async throws {
        guard let hubId = try await store.sql.raw("SELECT hub_id FROM plans WHERE id = \(bind: id)").first()?.decode(column: "hub_id", as: String.self),
              let hub = try? await HubRecord.find(hubId, store: store),
              HubRules.access(caller.principal, toHubOperatedBy: hub.operatorId, write: false) == .granted else {
            throw Problem.notFound("plan '\(id)'")
        }
    }

    private struct PlanRow: Decodable {
        var id, hubId, planDate, status: String
        var progress: Double
        var createdAt: Int64
        var finishedAt: Int64?
        var error, unassigned: String?
        var timeZone: String
    }

    static func planView(_ id: String, store: Store, withRoutes: Bool, caller: Caller) async throws -> PlanView {
        guard let row: PlanRow = try await store.row("""
            SELECT p.id, p.hub_id, p.plan_date, p.status, p.progress, p.created_at, p.finished_at, p.error, p.unassigned, h.time_zone
            FROM plans p JOIN hubs h ON h.id = p.hub_id WHERE p.id = \(bind: id)
            """) else { throw Problem.notFound("plan '\(id)'") }
        let zone = TimeZone(identifier: row.timeZone) ?? .gmt
        var view = PlanView(id: row.id, hubId: row.hubId, date: row.planDate, status: row.status, progress: row.progress,
                            createdAt: Wire.format(row.createdAt, in: zone), finishedAt: row.finishedAt.map { Wire.format($0, in: zone) },
                            error: row.error)
        if withRoutes && row.status == "done" {
            let routes = try await routeViews("r.plan_id = \(bind: id)", store: store, caller: caller)
            view.routes = routes
            view.unassigned = try row.unassigned.map { try JSONDecoder().decode([UnassignedParcels].self, from: Data($0.utf8)) } ?? []
            view.totals = Totals(routes: routes.count, stops: routes.reduce(0) { $0 + $1.stops.count },
                                 parcels: routes.reduce(0) { $0 + $1.parcelCount },
                                 distanceKm: (routes.reduce(0) { $0 + $1.distanceKm } * 10).rounded() / 10)
        }
        return view
    }

    private struct RouteRow: Decodable {
        var id, planId, vehicleId, vehicleType: String
        var departure, returnTime: Int64
        var distanceM, loadKg: Double
        var parcelCount: Int
        var driverId: String?
        var dispatchedAt: Int64?
        var timeZone: String
        var geometry: String
    }

    private struct StopRow: Decodable {
        var routeId: String
        var stopIndex: Int
        var siteId: String
        var eta: Int64
        var name, address: String
        var longitude, latitude: Double
        var accessNotes: String?
    }

    private struct StopParcelRow: Decodable {
        var routeId: String
        var stopIndex: Int
        var barcode: String
        var status: String
    }

    /// Routes matching `condition` (on `routes r`), with stops, parcels and their delivery state.
    static func routeViews(_ condition: SQLQueryString, store: Store, caller: Caller) async throws -> [RouteView] {
        let rows: [RouteRow] = try await store.rows("""
            SELECT r.*, h.time_zone FROM routes r JOIN hubs h ON h.id = r.hub_id WHERE \(condition) ORDER BY r.departure, r.vehicle_id
            """)
        guard !rows.isEmpty else { return [] }
        let ids = rows.map(\.id)
        let stops: [StopRow] = try await store.rows("""
            SELECT rs.route_id, rs.stop_index, rs.site_id, rs.eta, s.name, s.address, s.longitude, s.latitude, s.access_notes
            FROM route_stops rs JOIN sites s ON s.id = rs.site_id WHERE rs.route_id IN (\(binds: ids)) ORDER BY rs.route_id, rs.stop_index
            """)
        let parcels: [StopParcelRow] = try await store.rows("""
            SELECT sp.route_id, sp.stop_index, sp.barcode, p.status FROM stop_parcels sp JOIN parcels p ON p.barcode = sp.barcode
            WHERE sp.route_id IN (\(binds: ids)) ORDER BY sp.barcode
            """)
        let parcelsByStop = Dictionary(grouping: parcels) { "\($0.routeId)#\($0.stopIndex)" }
        let stopsByRoute = Dictionary(grouping: stops, by: \.routeId)
        return rows.map { row in
            let zone = TimeZone(identifier: row.timeZone) ?? .gmt
            let stopViews = (stopsByRoute[row.id] ?? []).map { stop -> StopView in
                let onStop = parcelsByStop["\(row.id)#\(stop.stopIndex)"] ?? []
                let delivered = onStop.filter { $0.status == ParcelStatus.delivered.rawValue }.count
                let failed = onStop.filter { $0.status == ParcelStatus.failed.rawValue }.count
                let state = delivered == onStop.count ? "delivered" : failed == onStop.count ? "failed"
                    : delivered + failed == 0 ? "pending" : "partly delivered"
                return StopView(index: stop.stopIndex, siteId: stop.siteId, name: stop.name, address: stop.address,
                                location: [stop.longitude, stop.latitude], eta: Wire.format(stop.eta, in: zone), parcels: onStop.map(\.barcode),
                                state: state, accessNotes: stop.accessNotes)
            }
            return RouteView(id: row.id, planId: row.planId, vehicleId: row.vehicleId, vehicleType: row.vehicleType,
                             departure: Wire.format(row.departure, in: zone), returnTime: Wire.format(row.returnTime, in: zone),
                             distanceKm: (row.distanceM / 100).rounded() / 10, loadKg: row.loadKg, parcelCount: row.parcelCount,
                             driverId: row.driverId, dispatchedAt: row.dispatchedAt.map { Wire.format($0, in: zone) }, stops: stopViews)
        }
    }

    /// One route by id (whose access was checked).
    static func routeView(_ id: String, store: Store, caller: Caller) async throws -> RouteView {
        guard let route = try await routeViews("r.id = \(bind: id)", store: store, caller: caller).first else { throw Problem.notFound("route '\(id)'") }
        return route
    }

    /// The plan as GeoJSON: the hub, each route as a LineString, each stop as a Point.
    func planGeoJSON(_ request: Request) async throws -> Response {
        let caller = try request.requireCaller()
        let store = Store(request.db)
        let id = try request.parameters.require("planId")
        try await Self.requirePlanAccess(id, caller: caller, store: store)
        let collection = try await Self.featureCollection(planId: id, store: store, caller: caller, attribution: request.application.platform.roads != nil)
        return Response(status: .ok, headers: ["Content-Type": "application/geo+json"], body: .init(data: try JSONEncoder().encode(collection)))
    }

    static func featureCollection(planId: String, store: Store, caller: Caller, attribution: Bool) async throws -> GeoJSON.FeatureCollection {
        let routes = try await routeViews("r.plan_id = \(bind: planId)", store: store, caller: caller)
        let geometries: [String: String] = Dictionary(firstWins: try await store.sql.raw("""
            SELECT id, geometry FROM routes WHERE plan_id = \(bind: planId)
            """).all().map { (try $0.decode(column: "id", as: String.self), try $0.decode(column: "geometry", as: String.self)) })
        var features: [GeoJSON.Feature] = []
        for route in routes {
            let points = (try? JSONDecoder().decode([[Double]].self, from: Data((geometries[route.id] ?? "[]").utf8))) ?? []
            features.append(GeoJSON.Feature(geometry: .lineString(points.compactMap { $0.count == 2 ? Coordinate(longitude: $0[0], latitude: $0[1]) : nil }), properties: [
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

    private struct RouteAccess: Decodable {
        var id, planId, hubId: String
        var operatorId: String
        var driverId: String?
        var dispatchedAt: Int64?
    }

    private static func routeAccess(_ id: String, store: Store) async throws -> RouteAccess? {
        try await store.row("""
            SELECT r.id, r.plan_id, r.hub_id, h.operator_id, r.driver_id, r.dispatched_at FROM routes r JOIN hubs h ON h.id = r.hub_id
            WHERE r.id = \(bind: id)
            """)
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
            guard let route = try await Self.routeAccess(id, store: store), operates(route, caller: caller) else {
                throw Problem.notFound("route '\(id)'")
            }
            guard caller.mayWrite else { throw Problem.forbidden("a viewer may not dispatch routes") }
            guard route.dispatchedAt == nil else { throw Problem.conflict("route '\(id)' was dispatched already") }
            guard let current = try await PlanningRun.currentPlanId(hubId: route.hubId, date: try await Self.planDate(route.planId, store: store), store: store),
                  current == route.planId else {
                throw Problem.conflict("route '\(id)' belongs to a plan that has been replaced; dispatch a route of the current plan")
            }
            let driver: DirectoryController.AccountView? = try await store.row("""
                SELECT id, organisation_id, name, role, email FROM accounts WHERE id = \(bind: driverId)
                """)
            guard let driver, driver.role == .driver, driver.organisationId == route.operatorId else {
                throw Problem.unprocessable("$.driverId: '\(driverId)' is not a driver of the hub's operator")
            }
            try await store.run("""
                UPDATE routes SET driver_id = \(bind: driver.id), dispatched_at = \(bind: time.epochMilliseconds) WHERE id = \(bind: id)
                """)
            let barcodes = try await store.sql.raw("SELECT barcode FROM stop_parcels WHERE route_id = \(bind: id) ORDER BY barcode").all()
                .map { try $0.decode(column: "barcode", as: String.self) }
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
            return try await Self.routeView(id, store: store, caller: caller)
        }
    }

    private static func planDate(_ planId: String, store: Store) async throws -> String {
        guard let row = try await store.sql.raw("SELECT plan_date FROM plans WHERE id = \(bind: planId)").first() else {
            throw Problem.notFound("plan '\(planId)'")
        }
        return try row.decode(column: "plan_date", as: String.self)
    }

    /// The route as its driver needs it: stops in order, parcels per stop, access notes.
    func manifest(_ request: Request) async throws -> RouteView {
        let caller = try request.requireCaller()
        let id = try request.parameters.require("routeId")
        let store = Store(request.db)
        guard let route = try await Self.routeAccess(id, store: store), Self.mayDrive(route, caller: caller) || Self.operates(route, caller: caller) else {
            throw Problem.notFound("route '\(id)'")
        }
        return try await Self.routeView(id, store: store, caller: caller)
    }

    private static func mayDrive(_ route: RouteAccess, caller: Caller) -> Bool {
        HubRules.drives(caller.principal, routeDriver: route.driverId, dispatched: route.dispatchedAt != nil)
    }

    private static func operates(_ route: RouteAccess, caller: Caller) -> Bool {
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

        enum Outcome: String, Codable { case delivered, failed }
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
            guard let route = try await Self.routeAccess(id, store: store), mayDrive(route, caller: caller) || operates(route, caller: caller) else {
                throw Problem.notFound("route '\(id)'")
            }
            let onStop = try await store.sql.raw("""
                SELECT barcode FROM stop_parcels WHERE route_id = \(bind: id) AND stop_index = \(bind: index) ORDER BY barcode
                """).all().map { try $0.decode(column: "barcode", as: String.self) }
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
        return try await Self.routeViews("r.driver_id = \(bind: caller.accountId) AND r.dispatched_at IS NOT NULL", store: Store(request.db), caller: caller)
    }
}
