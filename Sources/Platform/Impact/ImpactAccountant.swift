import Domain
import Emissions
import Foundation
import Geo
import Impact
import Routing
import Store
import Vapor

/// Accounts a hub's day: reads what was served from the store, computes it with Impact's
/// `HubDayAccounting` off the event loops, and stores the computation as the day's next
/// revision. A day that cannot be accounted (a vehicle the factor table does not price, say)
/// is stored as failed with the reason, never as zeros.
enum ImpactAccountant {
    static func account(hubId: String, day: String, factors: EmissionFactors, application: Application) async throws -> ImpactDayRecord {
        let store = Store(application.db)
        let hub = try await HubRecord.find(hubId, store: store)
        let summary = try await store.dispatchSummary(hubId: hubId, day: day)
        guard summary.routes > 0 else { throw Problem.unprocessable("date: hub '\(hubId)' dispatched no route on \(day); there is nothing to account") }
        let outcome: Result<HubDayImpact, any Error>
        do {
            let hubDay = try await gather(hub, day: day, store: store)
            let accounting = accounting(factors, application: application)
            // Whatever stops the computation is the day's data (a vehicle the table cannot
            // price, a site outside the road data): stored with the day, not thrown.
            outcome = await Result(catching: { try await application.threadPool.runIfActive { try accounting.account(hubDay) } })
        } catch let error as ImpactError {
            outcome = .failure(error)
        }
        let id = Secrets.identifier("imp")
        let record: NewImpactDay
        switch outcome {
        case .success(let impact):
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let footprints = try impact.shipments.map { shipment in
                FootprintRow(shipmentId: shipment.shipmentId, carrierId: shipment.carrierId, shipperId: shipment.shipperId, hubId: hubId, day: day,
                             factorVersion: factors.version, revision: 0, footprint: String(decoding: try encoder.encode(shipment), as: UTF8.self))
            }
            record = NewImpactDay(hubId: hubId, day: day, factorVersion: factors.version, method: HubDayImpact.method, carriers: impact.carriers,
                                  document: String(decoding: try encoder.encode(impact), as: UTF8.self), error: nil,
                                  eventsThrough: summary.latestEvent, footprints: footprints)
        case .failure(let error):
            application.logger.warning("hub \(hubId) day \(day) cannot be accounted: \(error)")
            record = NewImpactDay(hubId: hubId, day: day, factorVersion: factors.version, method: HubDayImpact.method, carriers: 0, document: nil,
                                  error: "\(error)", eventsThrough: summary.latestEvent, footprints: [])
        }
        let revision = try await store.saveImpactDay(record, id: id, at: Date())
        guard let saved = try await store.impactRevisions(hubId: hubId, day: day).first(where: { $0.revision == revision }) else {
            throw Problem.notFound("impact of hub '\(hubId)' on \(day)")
        }
        return saved
    }

    private static func accounting(_ factors: EmissionFactors, application: Application) -> HubDayAccounting {
        var accounting = HubDayAccounting(factors: factors, matrixProvider: application.platform.matrixProvider)
        accounting.counterfactualSeeds = application.platform.configuration.impact.counterfactualSeeds
        return accounting
    }

    /// The day as served: dispatched routes with the stops where something was delivered or
    /// attempted, in the order of the first such event at each.
    static func gather(_ hub: HubRecord, day: String, store: Store) async throws -> HubDay {
        let date = try Wire.date(day, field: "date")
        let midnight = Wire.midnight(of: date, in: hub.zone).epochMilliseconds
        func clock(_ instant: EpochMilliseconds) -> Double { Double(instant - midnight) / 1000 }
        let served = try await store.servedParcels(hubId: hub.id, day: day)
        var routes: [DrivenRoute] = []
        for (routeId, rows) in Dictionary(grouping: served, by: \.routeId).sorted(by: { $0.key < $1.key }) {
            guard let first = rows.first else { continue }
            let stops = Dictionary(grouping: rows, by: \.stopIndex).values.compactMap { stop -> DrivenStop? in
                guard let any = stop.first else { return nil }
                return DrivenStop(siteId: any.siteId, parcelIds: stop.map(\.barcode).sorted(), servedAt: clock(stop.map(\.servedAt).min() ?? any.servedAt))
            }.sorted { ($0.servedAt, $0.siteId) < ($1.servedAt, $1.siteId) }
            routes.append(DrivenRoute(id: routeId, vehicleId: first.vehicleId, stops: stops, departure: clock(first.departure), arrival: clock(first.returnTime)))
        }
        let fleet = try await store.fleet(of: hub.id)
        let sites = try await store.sites(Array(Set(served.map(\.siteId))).sorted())
        let carriers = Array(Set(served.map(\.carrierId))).sorted()
        var depots: [String: CarrierDepot] = [:]
        for depot in try await store.depots(of: carriers) {
            guard let category = VehicleCategory(rawValue: depot.vehicleType) else {
                throw ImpactError("carrier \(depot.organisationId): its depot's vehicle type '\(depot.vehicleType)' is not a known vehicle category")
            }
            depots[depot.organisationId] = CarrierDepot(location: Coordinate(longitude: depot.longitude, latitude: depot.latitude), vehicleType: category,
                                                        capacityKg: depot.capacityKg, capacityParcels: depot.capacityParcels)
        }
        let parcels = served.map {
            Parcel(id: $0.barcode, shipmentId: $0.shipmentId, carrierId: $0.carrierId, shipperId: $0.shipperId, recipientId: $0.siteId, hubId: hub.id,
                   weightKg: $0.weightKg)
        }
        return HubDay(hubId: hub.id, date: day, weekday: Wire.weekday(of: date), hubLocation: hub.location, fleet: fleet.map(\.fleetVehicle),
                      routes: routes, parcels: parcels, sites: Dictionary(firstWins: sites.map { ($0.id, $0.recipientSite) }), depots: depots,
                      planTimeLimitSeconds: try await store.planTimeLimit(hubId: hub.id, day: day) ?? 2,
                      hubEnergyPerParcelKWh: hub.energyPerParcelKwh)
    }

    /// The background loop: accounts every recent day whose deliveries changed since its last
    /// computation with the current factor table, oldest first.
    static func worker(settings: ImpactSettings) -> BackgroundWorker {
        BackgroundWorker(name: "impact accounting", idle: settings.pollInterval) { application in
            {
                let store = Store(application.db)
                let since = Wire.format(Date().addingTimeInterval(-Double(settings.lookbackDays) * 86_400), in: .gmt).prefix(10)
                guard let next = try await store.staleHubDays(sinceDay: String(since), factorVersion: settings.currentVersion).first else { return false }
                _ = try await account(hubId: next.hubId, day: next.day, factors: try settings.table(nil), application: application)
                return true
            }
        }
    }
}

extension Result where Failure == any Error {
    /// The outcome of an asynchronous throwing body.
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
