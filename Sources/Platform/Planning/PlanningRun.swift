import Domain
import Foundation
import Geo
import NIOConcurrencyHelpers
import Roads
import Routing
import Store
import Vapor

/// One planning job: reads the hub's day, solves it off the event loops, stores the routes.
struct PlanningRun: Sendable {
    var job: PlanJob
    var worker: String
    var application: Application
    var stopping: NIOLockedValueBox<Bool>

    private var store: Store { Store(application.db) }

    /// Thrown when the server stops while the plan is being solved.
    private struct Stopped: Error {}

    func execute() async {
        let started = Date()
        application.logger.info("planning \(job.id) for hub \(job.hubId) on \(job.planDate), attempt \(job.attempts)")
        do {
            try await plan()
            application.platformMetrics.planningSeconds.recordSeconds(Date().timeIntervalSince(started))
        } catch is Stopped {
            application.logger.notice("plan \(job.id): the server is stopping; the plan goes back to the queue")
            do { try await store.releasePlan(job, worker: worker) } catch {
                application.logger.error("plan \(job.id) could not go back to the queue (its lease will run out): \(String(reflecting: error))")
            }
        } catch {
            application.logger.error("plan \(job.id) attempt \(job.attempts) failed: \(String(reflecting: error))")
            let message = Problem(clientError: error)?.detail ?? "\(error)"
            do { try await PlanningQueue.recordFailure(job, worker: worker, message: message, store: store) } catch {
                application.logger.error("plan \(job.id): the failure could not be stored (its lease will run out): \(String(reflecting: error))")
            }
        }
    }

    private func plan() async throws {
        let store = self.store
        let hub = try await HubRecord.find(job.hubId, store: store)
        let fleet = try await store.fleet(of: hub.id)
        let date = try Wire.date(job.planDate, field: "date")
        let previous = try await store.currentPlanId(hubId: hub.id, date: job.planDate)
        let fixedRoutes = try await previous.asyncMap { try await store.dispatchedRoutes(ofPlan: $0) } ?? []
        let parcelRows = try await store.plannableParcels(hubId: hub.id, date: job.planDate)
        var onDispatchedRoutes: [HubPlanner.DispatchedRoute] = []
        for route in fixedRoutes {
            onDispatchedRoutes.append(HubPlanner.DispatchedRoute(vehicleId: route.vehicleId, parcelIds: Set(try await store.barcodes(onRoute: route.id))))
        }
        let dispatched = onDispatchedRoutes
        let sites = try await store.sites(Array(Set(parcelRows.map(\.siteId))).sorted())
        let parcels = parcelRows.map {
            Parcel(id: $0.barcode, shipmentId: $0.shipmentId, carrierId: $0.carrierId, shipperId: $0.shipperId, recipientId: $0.siteId,
                   hubId: $0.hubId, weightKg: $0.weightKg, isPallet: $0.pallet != 0, temperature: TemperatureClass(rawValue: $0.temperature) ?? .ambient)
        }
        let planner = HubPlanner(hubLocation: hub.location, fleet: fleet.map(\.fleetVehicle),
                                 shift: TimeWindow(start: Double(hub.opens), end: Double(hub.closes)),
                                 matrixProvider: application.platform.matrixProvider)
        let weekday = Wire.weekday(of: date)
        let limit = job.timeLimit
        let sitesById = Dictionary(firstWins: sites.map { ($0.id, $0.recipientSite) })
        // A site no vehicle of the fleet reaches by road waits with the reason; it does not fail the hub's plan.
        let unreachable = Self.unreachableSites(sites, fleet: fleet, roads: application.platform.roads)
        let reachable = parcels.filter { unreachable[$0.recipientId] == nil }

        // Solve on a pool thread; meanwhile renew the lease and report progress.
        let heartbeat = Task { [job, worker] in
            let start = Date()
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(500))
                let progress = min(0.99, Date().timeIntervalSince(start) / max(limit, 0.1))
                try? await store.reportProgress(job, worker: worker, progress: progress, leaseUntil: Date().addingTimeInterval(PlanningQueue.lease))
            }
        }
        // The heartbeat ends before the plan is stored (or the error recorded), so no late
        // progress report follows them.
        func stopHeartbeat() async {
            heartbeat.cancel()
            await heartbeat.value
        }
        var parameters = SolverParameters(timeLimit: .milliseconds(Int(limit * 1000)))
        parameters.stop = { [stopping] in stopping.withLockedValue { $0 } }
        var plan: HubPlan
        do {
            plan = try await application.threadPool.runIfActive { [parameters] in
                try planner.replan(around: dispatched, parcels: reachable, sites: sitesById, weekday: weekday, parameters: parameters)
            }
        } catch {
            await stopHeartbeat()
            throw error
        }
        await stopHeartbeat()
        if stopping.withLockedValue({ $0 }) { throw Stopped() }
        for (siteId, waiting) in Dictionary(grouping: parcels.filter { unreachable[$0.recipientId] != nil }, by: \.recipientId) {
            plan.unassigned.append((waiting.map(\.id), unreachable[siteId] ?? "the site is not reachable by road"))
        }
        let geometries = routeGeometries(plan, hub: hub, sites: sitesById, fleet: fleet)
        try await save(plan, geometries: geometries, hub: hub, sites: sitesById, date: date, fleet: fleet, previous: previous, fixedRouteIds: Set(fixedRoutes.map(\.id)),
                       weights: Dictionary(firstWins: parcelRows.map { ($0.barcode, $0.weightKg) }))
    }

    /// The sites some vehicle of the fleet cannot reach by road (too far from any road of its
    /// profile), with why; none without road data.
    static func unreachableSites(_ sites: [SiteRecord], fleet: [VehicleRecord], roads: RoadMatrixProvider?) -> [String: String] {
        guard let roads else { return [:] }
        let networks = Set(fleet.map(\.fleetVehicle.category)).compactMap { roads.network(for: $0) }
        var unreachable: [String: String] = [:]
        for site in sites {
            for network in networks {
                do { _ = try network.snap(site.location, label: "site '\(site.id)'") } catch {
                    unreachable[site.id] = "\(error)"
                    break
                }
            }
        }
        return unreachable
    }

    /// Each route's line: along roads when the server has road data, else straight between stops.
    private func routeGeometries(_ plan: HubPlan, hub: HubRecord, sites: [String: RecipientSite], fleet: [VehicleRecord]) -> [[Coordinate]] {
        let categories = Dictionary(firstWins: fleet.map { ($0.id, $0.fleetVehicle.category) })
        return plan.routes.map { route in
            let points = [hub.location] + route.stops.compactMap { sites[$0.recipientId]?.location } + [hub.location]
            return application.platform.path(through: points, for: categories[route.vehicleId] ?? .eVan)
        }
    }

    private func save(
        _ plan: HubPlan, geometries: [[Coordinate]], hub: HubRecord, sites: [String: RecipientSite], date: DateComponents, fleet: [VehicleRecord], previous: String?,
        fixedRouteIds: Set<String>, weights: [String: Double]
    ) async throws {
        let midnight = Wire.midnight(of: date, in: hub.zone).epochMilliseconds
        @Sendable func instant(_ seconds: Double) -> EpochMilliseconds { midnight + EpochMilliseconds((seconds * 1000).rounded()) }
        let types = Dictionary(firstWins: fleet.map { ($0.id, $0.type) })
        let unassigned = String(decoding: try JSONEncoder().encode(plan.unassigned.map { UnassignedParcels(barcodes: $0.parcelIds, reason: $0.reason) }),
                                as: UTF8.self)
        let configuration = application.platform.configuration
        let bays = try await RouteBays.choose(plan, operatorId: hub.operatorId, sites: sites, fleet: fleet, store: store, rules: configuration.bookingRules,
                                              now: configuration.now(), instant: instant)
        let routes = try zip(zip(plan.routes, geometries), bays).map { routeAndGeometry, bays in
            let (route, geometry) = routeAndGeometry
            return NewRoute(id: Secrets.identifier("rte"), vehicleId: route.vehicleId, vehicleType: types[route.vehicleId] ?? VehicleCategory.eVan.rawValue,
                     departure: instant(route.departure), returnTime: instant(route.arrival), distanceM: route.distanceMetres,
                     loadKg: route.parcelIds.reduce(0) { $0 + (weights[$1] ?? 0) },
                     geometry: String(decoding: try JSONEncoder().encode(geometry.map { [$0.longitude, $0.latitude] }), as: UTF8.self),
                     stops: zip(route.stops, bays).map { stop, bay in (stop.recipientId, instant(stop.eta), stop.parcelIds, bay) })
        }
        let outcome = try await store.savePlan(job, worker: worker, routes: routes, unassigned: plan.unassigned.flatMap(\.parcelIds),
                                               unassignedJSON: unassigned, previousPlan: previous, fixedRouteIds: fixedRouteIds)
        application.logger.info("plan \(job.id): \(outcome.rawValue), \(plan.routes.count) routes, \(plan.unassigned.count) unassigned loads")
    }
}

/// Parcels a plan could not place, with the optimiser's reason.
struct UnassignedParcels: Codable, Sendable {
    var barcodes: [String]
    var reason: String
}
