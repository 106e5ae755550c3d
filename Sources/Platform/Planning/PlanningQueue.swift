import Domain
import Foundation
import Geo
import Routing
import SQLKit
import NIOConcurrencyHelpers
import Vapor

/// Planning jobs in the `plans` table, used as a queue that any `samlast serve` instance may
/// work on: a worker claims the oldest queued plan (PostgreSQL: `FOR UPDATE SKIP LOCKED`;
/// SQLite: one writer at a time), keeps a lease while solving, and stores the result. A plan
/// whose worker died is claimed again when its lease runs out, and a plan that failed is
/// queued again — both at most `maximumAttempts` times in all; then it is `failed`, with its
/// error, for the hub to see. No stored plan can keep a worker busy forever.
enum PlanningQueue {
    static let lease: TimeInterval = 30
    static let maximumAttempts = 3

    struct Job: Decodable, Sendable {
        var id: String
        var hubId: String
        var planDate: String
        var timeLimit: Double
        var attempts: Int
    }

    static func enqueue(hubId: String, date: String, timeLimit: Double, requestedBy: String, store: Store) async throws -> String {
        let id = Secrets.identifier("pln")
        try await store.run("""
            INSERT INTO plans (id, hub_id, plan_date, status, progress, time_limit, requested_by, created_at, attempts)
            VALUES (\(bind: id), \(bind: hubId), \(bind: date), 'queued', 0, \(bind: timeLimit), \(bind: requestedBy), \(bind: Date().epochMilliseconds), 0)
            """)
        return id
    }

    /// Claims the oldest waiting plan for `worker`, or returns nil when there is none. Plans
    /// whose lease ran out after their last attempt are marked failed first.
    static func claim(worker: String, store: Store, now: Date = Date()) async throws -> Job? {
        let locking: SQLQueryString = store.dialect == .postgres ? "FOR UPDATE SKIP LOCKED" : ""
        let nowMs = now.epochMilliseconds
        return try await store.transaction { store in
            try await store.run("""
                UPDATE plans SET status = 'failed', finished_at = \(bind: nowMs), claimed_by = NULL,
                       error = \(bind: "the planning worker stopped during each of \(maximumAttempts) attempts (a crash or a lost database connection); see the server log")
                WHERE status = 'running' AND lease_until < \(bind: nowMs) AND attempts >= \(bind: maximumAttempts)
                """)
            return try await store.row("""
                UPDATE plans SET status = 'running', claimed_by = \(bind: worker), started_at = \(bind: nowMs),
                       lease_until = \(bind: nowMs + EpochMilliseconds(lease * 1000)), attempts = attempts + 1, progress = 0
                WHERE id = (SELECT id FROM plans WHERE status = 'queued' OR (status = 'running' AND lease_until < \(bind: nowMs))
                            ORDER BY created_at LIMIT 1 \(locking))
                RETURNING id, hub_id, plan_date, time_limit, attempts
                """)
        }
    }

    /// After a failed attempt: queued again with the error while attempts remain, else failed.
    static func recordFailure(_ job: Job, worker: String, message: String, store: Store, now: Date = Date()) async throws {
        let final = job.attempts >= maximumAttempts
        let error = final ? message : "attempt \(job.attempts) of \(maximumAttempts) failed: \(message)"
        try await store.run("""
            UPDATE plans SET status = \(bind: final ? "failed" : "queued"), error = \(bind: error),
                   finished_at = \(bind: final ? now.epochMilliseconds : nil), claimed_by = NULL
            WHERE id = \(bind: job.id) AND claimed_by = \(bind: worker)
            """)
    }

    /// Gives a plan back to the queue untouched, its attempt not counted (the server is stopping).
    static func release(_ job: Job, worker: String, store: Store) async throws {
        try await store.run("""
            UPDATE plans SET status = 'queued', claimed_by = NULL, progress = 0, attempts = attempts - 1
            WHERE id = \(bind: job.id) AND claimed_by = \(bind: worker) AND status = 'running'
            """)
    }
}

/// Runs planning jobs in the background of a server instance, and hourly removes expired
/// sessions and idempotency keys.
final class PlanningWorker: LifecycleHandler, @unchecked Sendable {
    let identity = Secrets.identifier("wrk")
    let pollInterval: Duration
    /// Set when the server stops: the solver ends its search, and the plan goes back to the queue.
    let stopping = NIOLockedValueBox(false)
    private var task: Task<Void, Never>?

    init(pollInterval: Duration = .milliseconds(500)) { self.pollInterval = pollInterval }

    func didBoot(_ application: Application) throws {
        task = Task { [identity, pollInterval, stopping] in
            var lastHousekeeping = Date.distantPast
            while !Task.isCancelled && !stopping.withLockedValue({ $0 }) {
                do {
                    let store = Store(application.db)
                    if Date().timeIntervalSince(lastHousekeeping) > 3600 {
                        try await Self.removeExpired(store)
                        lastHousekeeping = Date()
                    }
                    if let job = try await PlanningQueue.claim(worker: identity, store: store) {
                        await PlanningRun(job: job, worker: identity, application: application, stopping: stopping).execute()
                        continue
                    }
                } catch {
                    application.logger.error("planning queue: \(String(reflecting: error))")
                }
                try? await Task.sleep(for: pollInterval)
            }
        }
    }

    /// Idempotency keys are kept for `idempotencyRetention` (a retry after that is a new request);
    /// expired web sessions are removed.
    static let idempotencyRetention: TimeInterval = 7 * 86_400

    static func removeExpired(_ store: Store, now: Date = Date()) async throws {
        try await store.run("DELETE FROM sessions WHERE expires_at < \(bind: now.epochMilliseconds)")
        try await store.run("DELETE FROM idempotency_keys WHERE created_at < \(bind: now.addingTimeInterval(-idempotencyRetention).epochMilliseconds)")
        try await LoginGuard.removeExpired(store, now: now)
    }

    /// Stops the search of a plan being solved (it goes back to the queue) and waits for the loop to end.
    func shutdownAsync(_ application: Application) async {
        stopping.withLockedValue { $0 = true }
        task?.cancel()
        await task?.value
    }

    func shutdown(_ application: Application) {
        stopping.withLockedValue { $0 = true }
        task?.cancel()
    }
}

/// One planning job: reads the hub's day, solves it off the event loops, stores the routes.
struct PlanningRun: Sendable {
    var job: PlanningQueue.Job
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
            do { try await PlanningQueue.release(job, worker: worker, store: store) } catch {
                application.logger.error("plan \(job.id) could not go back to the queue (its lease will run out): \(String(reflecting: error))")
            }
        } catch {
            application.logger.error("plan \(job.id) attempt \(job.attempts) failed: \(String(reflecting: error))")
            let message = (error as? Problem)?.detail ?? "\(error)"
            do { try await PlanningQueue.recordFailure(job, worker: worker, message: message, store: store) } catch {
                application.logger.error("plan \(job.id): the failure could not be stored (its lease will run out): \(String(reflecting: error))")
            }
        }
    }

    /// The latest finished plan of the hub and day, whose dispatched routes stay as they are.
    static func currentPlanId(hubId: String, date: String, store: Store) async throws -> String? {
        try await store.sql.raw("""
            SELECT id FROM plans WHERE hub_id = \(bind: hubId) AND plan_date = \(bind: date) AND status = 'done'
            ORDER BY finished_at DESC LIMIT 1
            """).first()?.decode(column: "id", as: String.self)
    }

    private struct ParcelRow: Decodable {
        var barcode, shipmentId, carrierId, recipientId, siteId, hubId, temperature: String
        var shipperId: String?
        var weightKg: Double
        var pallet: Int
    }

    private func plan() async throws {
        let store = self.store
        let hub = try await HubRecord.find(job.hubId, store: store)
        let fleet = try await VehicleRecord.fleet(of: hub.id, store: store)
        let date = try Wire.date(job.planDate, field: "date")
        let previous = try await Self.currentPlanId(hubId: hub.id, date: job.planDate, store: store)
        let fixedRoutes = try await dispatchedRoutes(of: previous)
        let parcelRows: [ParcelRow] = try await store.rows("""
            SELECT p.barcode, p.shipment_id, p.carrier_id, p.recipient_id, p.site_id, p.hub_id, p.temperature, p.shipper_id, p.weight_kg, p.pallet
            FROM parcels p JOIN shipments s ON s.id = p.shipment_id
            WHERE p.hub_id = \(bind: hub.id) AND p.status IN (\(binds: ParcelStatus.plannable.map(\.rawValue)))
              AND (s.delivery_date IS NULL OR s.delivery_date <= \(bind: job.planDate))
              AND p.barcode NOT IN (SELECT sp.barcode FROM stop_parcels sp JOIN routes r ON r.id = sp.route_id
                                    WHERE r.plan_id = \(bind: previous ?? "") AND r.dispatched_at IS NOT NULL)
            ORDER BY p.barcode
            """)
        let siteIds = Array(Set(parcelRows.map(\.siteId))).sorted()
        let sites: [SiteRecord] = siteIds.isEmpty ? [] : try await store.rows("SELECT * FROM sites WHERE id IN (\(binds: siteIds))")
        let parcels = parcelRows.map {
            Parcel(id: $0.barcode, shipmentId: $0.shipmentId, carrierId: $0.carrierId, shipperId: $0.shipperId, recipientId: $0.siteId,
                   hubId: $0.hubId, weightKg: $0.weightKg, isPallet: $0.pallet != 0, temperature: TemperatureClass(rawValue: $0.temperature) ?? .ambient)
        }
        let planner = HubPlanner(hubLocation: hub.location, fleet: fleet.map(\.fleetVehicle),
                                 shift: TimeWindow(start: Double(hub.opens), end: Double(hub.closes)),
                                 matrixProvider: application.platform.matrixProvider)
        let weekday = Wire.weekday(of: date)
        let busy = Set(fixedRoutes.map(\.vehicleId))
        let limit = job.timeLimit
        let sitesById = Dictionary(firstWins: sites.map { ($0.id, $0.recipientSite) })

        // Solve on a pool thread; meanwhile renew the lease and report progress.
        let heartbeat = Task { [job, worker] in
            let start = Date()
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(500))
                let progress = min(0.99, Date().timeIntervalSince(start) / max(limit, 0.1))
                try? await store.run("""
                    UPDATE plans SET progress = \(bind: progress), lease_until = \(bind: Date().epochMilliseconds + EpochMilliseconds(PlanningQueue.lease * 1000))
                    WHERE id = \(bind: job.id) AND claimed_by = \(bind: worker)
                    """)
            }
        }
        defer { heartbeat.cancel() }
        var parameters = SolverParameters(timeLimit: .milliseconds(Int(limit * 1000)))
        parameters.stop = { [stopping] in stopping.withLockedValue { $0 } }
        let plan = try await application.threadPool.runIfActive { [parameters] in
            try planner.plan(parcels: parcels, sites: sitesById, weekday: weekday, busyVehicles: busy, parameters: parameters)
        }
        if stopping.withLockedValue({ $0 }) { throw Stopped() }
        let geometries = routeGeometries(plan, hub: hub, sites: sitesById, fleet: fleet)
        heartbeat.cancel()
        try await save(plan, geometries: geometries, hub: hub, date: date, fleet: fleet, previous: previous, fixedRouteIds: Set(fixedRoutes.map(\.id)),
                       weights: Dictionary(firstWins: parcelRows.map { ($0.barcode, $0.weightKg) }))
    }

    private struct FixedRoute: Decodable { var id: String; var vehicleId: String }

    private func dispatchedRoutes(of plan: String?) async throws -> [FixedRoute] {
        guard let plan else { return [] }
        return try await store.rows("SELECT id, vehicle_id FROM routes WHERE plan_id = \(bind: plan) AND dispatched_at IS NOT NULL")
    }

    /// Each route's line: along roads when the server has road data, else straight between stops.
    private func routeGeometries(_ plan: HubPlan, hub: HubRecord, sites: [String: RecipientSite], fleet: [VehicleRecord]) -> [[Coordinate]] {
        let profiles = Dictionary(firstWins: fleet.map { ($0.id, $0.fleetVehicle.category == .eCargoBike ? "bike" : "car") })
        return plan.routes.map { route in
            let points = [hub.location] + route.stops.compactMap { sites[$0.recipientId]?.location } + [hub.location]
            return application.platform.path(through: points, profile: profiles[route.vehicleId] ?? "car")
        }
    }

    private func save(
        _ plan: HubPlan, geometries: [[Coordinate]], hub: HubRecord, date: DateComponents, fleet: [VehicleRecord], previous: String?,
        fixedRouteIds: Set<String>, weights: [String: Double]
    ) async throws {
        let midnight = Wire.midnight(of: date, in: hub.zone).epochMilliseconds
        @Sendable func instant(_ seconds: Double) -> EpochMilliseconds { midnight + EpochMilliseconds((seconds * 1000).rounded()) }
        let types = Dictionary(firstWins: fleet.map { ($0.id, $0.type) })
        let unassigned = String(decoding: try JSONEncoder().encode(plan.unassigned.map { UnassignedParcels(barcodes: $0.parcelIds, reason: $0.reason) }),
                                as: UTF8.self)
        let outcome = try await store.transaction { [job, worker] store -> String in
            let owner = try await store.sql.raw("SELECT claimed_by, status FROM plans WHERE id = \(bind: job.id)").first()
            guard try owner?.decode(column: "claimed_by", as: String?.self) == worker,
                  try owner?.decode(column: "status", as: String.self) == "running" else { return "lost" }
            // A route dispatched while this plan was being solved: its parcels and vehicle may be in
            // this plan too, so plan again.
            if let previous {
                let now = try await store.sql.raw("SELECT id FROM routes WHERE plan_id = \(bind: previous) AND dispatched_at IS NOT NULL").all()
                    .map { try $0.decode(column: "id", as: String.self) }
                if Set(now) != fixedRouteIds {
                    try await store.run("UPDATE plans SET status = 'queued', claimed_by = NULL WHERE id = \(bind: job.id)")
                    return "requeued"
                }
                try await store.run("UPDATE routes SET plan_id = \(bind: job.id) WHERE plan_id = \(bind: previous) AND dispatched_at IS NOT NULL")
            }
            for (route, geometry) in zip(plan.routes, geometries) {
                let id = Secrets.identifier("rte")
                let load = route.parcelIds.reduce(0) { $0 + (weights[$1] ?? 0) }
                let line = String(decoding: try JSONEncoder().encode(geometry.map { [$0.longitude, $0.latitude] }), as: UTF8.self)
                try await store.run("""
                    INSERT INTO routes (id, plan_id, hub_id, vehicle_id, vehicle_type, departure, return_time, distance_m, load_kg, parcel_count, geometry)
                    VALUES (\(bind: id), \(bind: job.id), \(bind: hub.id), \(bind: route.vehicleId), \(bind: types[route.vehicleId] ?? "e-van"),
                            \(bind: instant(route.departure)), \(bind: instant(route.arrival)), \(bind: route.distanceMetres), \(bind: load),
                            \(bind: route.parcelIds.count), \(bind: line))
                    """)
                for (index, stop) in route.stops.enumerated() {
                    try await store.run("""
                        INSERT INTO route_stops (route_id, stop_index, site_id, eta)
                        VALUES (\(bind: id), \(bind: index), \(bind: stop.recipientId), \(bind: instant(stop.eta)))
                        """)
                    for barcode in stop.parcelIds {
                        try await store.run("INSERT INTO stop_parcels (route_id, stop_index, barcode) VALUES (\(bind: id), \(bind: index), \(bind: barcode))")
                        try await store.run("UPDATE parcels SET route_id = \(bind: id) WHERE barcode = \(bind: barcode)")
                    }
                }
            }
            for group in plan.unassigned {
                for barcode in group.parcelIds { try await store.run("UPDATE parcels SET route_id = NULL WHERE barcode = \(bind: barcode)") }
            }
            try await store.run("""
                UPDATE plans SET status = 'done', progress = 1, finished_at = \(bind: Date().epochMilliseconds), unassigned = \(bind: unassigned)
                WHERE id = \(bind: job.id)
                """)
            return "done"
        }
        application.logger.info("plan \(job.id): \(outcome), \(plan.routes.count) routes, \(plan.unassigned.count) unassigned loads")
    }
}

/// Parcels a plan could not place, with the optimiser's reason.
struct UnassignedParcels: Codable, Sendable {
    var barcodes: [String]
    var reason: String
}
