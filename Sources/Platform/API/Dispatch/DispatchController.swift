import Domain
import Foundation
import Store
import Vapor
import Zones

/// Routes handed to drivers: dispatch, the driver's manifest, proof of delivery per stop, and
/// a driver's own routes.
struct DispatchController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("routes", ":routeId", "dispatch", use: dispatch)
        routes.get("routes", ":routeId", "manifest", use: manifest)
        routes.post("routes", ":routeId", "stops", ":stopIndex", "completion", use: completeStop)
        routes.get("driver", "routes", use: driverRoutes)
    }

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
        let store = Store(request.db)
        return try await Self.dispatch(routeId: id, driverId: body.driverId, time: time, caller: caller, store: store,
                                       notices: request.application.platform.configuration.notifications,
                                       plateKey: try await CurbEventsController.plateKey(request.application, store))
    }

    /// Dispatches in one transaction: the route, its trips into zones, its parcels' events, and the recipients' notices.
    static func dispatch(routeId id: String, driverId: String, time: Date, caller: Caller, store: Store,
                         notices: NotificationSettings, plateKey: PlateKey) async throws -> RouteView {
        try await store.transaction { store in
            guard let facts = try await store.facts(ofRoute: id), let plan = try await store.plan(facts.planId) else {
                throw Problem.notFound("route '\(id)'")
            }
            let current = try await store.currentPlanId(hubId: facts.hubId, date: plan.planDate)
            let route = Dispatch.Route(operatorId: facts.operatorId, driverId: facts.driverId, isDispatched: facts.dispatchedAt != nil,
                                       isOfCurrentPlan: current == facts.planId)
            let driver = try await store.account(driverId)
            switch Dispatch.refusal(caller.principal, dispatching: route, to: driver.map { ($0.role, $0.organisationId) }) {
            case .unknownRoute?: throw Problem.notFound("route '\(id)'")
            case .forbidden(let reason)?: throw Problem.forbidden(reason)
            case .conflict(let reason)?: throw Problem.conflict("route '\(id)' \(reason)")
            case .notADriver?: throw Problem.unprocessable("$.driverId: '\(driverId)' is not a driver of the hub's operator")
            case nil: break
            }
            try await store.dispatch(route: id, to: driverId, at: time)
            try await HubTrips.declare(routeId: id, operatorId: facts.operatorId, plateKey: plateKey, store: store, at: time)
            let barcodes = try await store.barcodes(onRoute: id)
            let hubCaller = Caller(accountId: caller.accountId, accountName: caller.accountName,
                                   organisation: Organisation(id: facts.operatorId, name: "", kind: .hubOperator), role: .writer)
            let timeText = Wire.format(time, in: .gmt)
            for barcode in barcodes {
                for type in [Events.EventType.loaded, .outForDelivery] {
                    _ = try await Events.record(
                        Events.EventBody(eventId: Events.derivedId("dispatch", id, type.rawValue, barcode), barcode: barcode, type: type, time: timeText, routeId: id),
                        by: hubCaller, path: "route", store: store)
                }
            }
            guard let route = try await store.routes(.route(id)).first else { throw Problem.notFound("route '\(id)'") }
            try await RecipientNotices.recordDispatch(of: route, planDate: plan.planDate, settings: notices, store: store)
            return RouteView(route)
        }
    }

    /// The route as its driver needs it: stops in order, parcels per stop, access notes.
    func manifest(_ request: Request) async throws -> RouteView {
        let caller = try request.requireCaller()
        let id = try request.parameters.require("routeId")
        let store = Store(request.db)
        guard let route = try await store.facts(ofRoute: id), Dispatch.handles(caller.principal, route: route.rules) else {
            throw Problem.notFound("route '\(id)'")
        }
        return try await RouteView.load(id, store: store)
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
        var events: [Events.EventView]
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
            guard let route = try await store.facts(ofRoute: id), Dispatch.handles(caller.principal, route: route.rules) else {
                throw Problem.notFound("route '\(id)'")
            }
            let onStop = try await store.barcodes(onRoute: id, stop: index)
            guard !onStop.isEmpty else { throw Problem.notFound("stop \(index) of route '\(id)'") }
            let chosen = body.parcels ?? onStop
            if let stranger = chosen.first(where: { !onStop.contains($0) }) {
                throw Problem.unprocessable("$.parcels: '\(stranger)' is not on stop \(index) of this route")
            }
            var events: [Events.EventView] = [], duplicate = true
            for barcode in chosen {
                let (event, outcome) = try await Events.record(
                    Events.EventBody(eventId: Events.derivedId(body.eventId, barcode), barcode: barcode,
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

extension RouteFacts {
    /// The route in the terms of the dispatch rules; whether its plan is current matters only
    /// to dispatching, which asks for it.
    var rules: Dispatch.Route {
        Dispatch.Route(operatorId: operatorId, driverId: driverId, isDispatched: dispatchedAt != nil, isOfCurrentPlan: true)
    }
}
