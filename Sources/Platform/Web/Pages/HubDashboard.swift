import Domain
import Foundation
import Geo
import Pages
import Store
import Vapor
import Zones

/// A hub's day for its staff: parcels by state, the current plan on a map with its routes, and
/// the forms to plan, re-plan and dispatch.
enum HubDashboard {
    static func show(_ request: Request) async throws -> Response {
        guard let caller = request.caller else { return WebPage.redirect("/login") }
        let store = Store(request.db)
        let hub = try await HubRecord.find(try request.parameters.require("hubId"), store: store)
        try hub.requireOperator(caller, write: false, action: "see this hub")
        let date = request.query[String.self, at: "date"] ?? Wire.today(in: hub.zone)
        _ = try Wire.date(date, field: "date")

        let counts = try await store.parcelCounts(atHub: hub.id)
        let latest = try await store.planIds(hubId: hub.id, date: date, limit: 1).first
        let currentId = try await store.currentPlanId(hubId: hub.id, date: date)
        var run: PlanProgress?
        if let latest, latest != currentId, let pending = try await store.plan(latest) {
            run = PlanProgress(status: pending.status, progress: pending.progress, error: pending.error)
        }
        let drivers = try await store.drivers(of: hub.operatorId)
        let plan = try await currentId.asyncMap { id in
            try await section(id, hub: hub, drivers: drivers, store: store, roads: request.application.platform.mapRoads)
        }
        let page = HubPage(
            hubId: hub.id, hubName: hub.name, date: date,
            parcelCounts: ParcelStatus.allCases.map { ParcelCount(state: $0, count: counts[$0] ?? 0) },
            mayEdit: HubRules.access(caller.principal, toHubOperatedBy: hub.operatorId, write: true) == .granted, drivers: drivers.map { DriverChoice(id: $0.id, name: $0.name) },
            parcelsOutsidePlan: try await store.waitingParcels(atHub: hub.id, currentPlan: currentId), run: run, plan: plan)
        return WebPage.respond(page, to: request)
    }

    private static func section(_ planId: String, hub: HubRecord, drivers: [AccountRecord], store: Store, roads: [[Coordinate]]) async throws -> PlanSection {
        let plan = try await PlansController.planView(planId, store: store, withRoutes: true)
        let lines = Dictionary(firstWins: try await store.routes(.ofPlan(planId)).map { ($0.id, $0.line) })
        let capacities = Dictionary(firstWins: try await store.fleet(of: hub.id).map { ($0.id, Double($0.capacityKg)) })
        let driverNames = Dictionary(firstWins: drivers.map { ($0.id, $0.name) })
        let routes = (plan.routes ?? []).map { route in
            PlanRoute(id: route.id, vehicleId: route.vehicleId, vehicleType: route.vehicleType, departure: WebPage.clock(route.departure),
                      returnTime: WebPage.clock(route.returnTime), parcelCount: route.parcelCount, loadKg: route.loadKg,
                      capacityKg: capacities[route.vehicleId], distanceKm: route.distanceKm,
                      driverName: route.driverId.map { driverNames[$0] ?? $0 }, dispatchedAt: route.dispatchedAt.map { WebPage.clock($0) },
                      line: lines[route.id] ?? [],
                      stops: route.stops.map { stop in
                          PlanStop(index: stop.index, name: stop.name, eta: WebPage.clock(stop.eta), state: StopState(rawValue: stop.state) ?? .pending,
                                   location: Coordinate(longitude: stop.location[0], latitude: stop.location[1]))
                      })
        }
        return PlanSection(planId: planId, finishedAt: WebPage.clock(plan.finishedAt),
                           totals: plan.totals.map { PlanTotals(routes: $0.routes, stops: $0.stops, parcels: $0.parcels, distanceKm: $0.distanceKm) },
                           routes: routes, unplanned: (plan.unassigned ?? []).map { UnplannedParcels(barcodes: $0.barcodes, reason: $0.reason) },
                           hub: hub.location, roads: roads)
    }

    struct PlanForm: Content { var date: String }

    static func requestPlan(_ request: Request) async throws -> Response {
        let caller = try WebPage.formCaller(request)
        let form = try request.content.decode(PlanForm.self)
        let store = Store(request.db)
        let hub = try await HubRecord.find(try request.parameters.require("hubId"), store: store)
        let (date, limit) = try await PlansController.checkPlanRequest(hub: hub, date: form.date, timeLimit: nil, caller: caller, store: store)
        _ = try await PlanningQueue.enqueue(hubId: hub.id, date: date, timeLimit: limit, requestedBy: caller.accountId, store: store)
        return WebPage.redirect("/ui/hubs/\(hub.id)?date=\(date)")
    }

    struct DispatchForm: Content { var driverId: String }

    static func dispatch(_ request: Request) async throws -> Response {
        let caller = try WebPage.formCaller(request)
        let form = try request.content.decode(DispatchForm.self)
        let store = Store(request.db)
        let route = try await DispatchController.dispatch(routeId: try request.parameters.require("routeId"), driverId: form.driverId,
                                                          time: Date(), caller: caller, store: store,
                                                          notices: request.application.platform.configuration.notifications,
                                                          plateKey: try await CurbEventsController.plateKey(request.application, store))
        let plan = try await PlansController.planView(route.planId, store: store, withRoutes: false)
        return WebPage.redirect("/ui/hubs/\(plan.hubId)?date=\(plan.date)")
    }
}
