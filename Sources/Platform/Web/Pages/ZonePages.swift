import Domain
import Foundation
import Pages
import Store
import Vapor
import Zones

/// `/ui/zones` (the zone map with compliance and bays now), `/ui/permits` (applications, with
/// a case officer's decision form) and `/ui/bays` (each bay's day in slots), on the same rules
/// and queries as the API.
enum ZonePages {
    static func zones(_ request: Request) async throws -> Response {
        guard let caller = request.caller else { return WebPage.redirect("/login") }
        let store = Store(request.db)
        let month = try request.query.get(String?.self, at: "month") ?? String(Wire.today(in: ZonesController.oslo).prefix(7))
        var summaries: [ZoneSummary] = []
        for entry in try await ZoneCatalogue.current(store) {
            // Parties who see no figures (recipients, shippers, drivers) still see the zones.
            let view = try? await ZonesController.compliance(of: entry, month: month, for: caller.principal, store: store)
            summaries.append(ZoneSummary(entry.zone, view: view))
        }
        let now = request.application.platform.configuration.now()
        let slot = Int64((now.timeIntervalSince1970 / 900).rounded(.down) * 900 * 1000)
        var bays: [BayNow] = []
        for record in try await store.bays() {
            let bay = try BaysController.bay(record)
            let claimed = try await store.occupancy(bayId: record.id, from: slot, to: slot + 1, now: now.epochMilliseconds).first?.claimed ?? 0
            bays.append(BayNow(id: bay.id, name: bay.displayName, position: bay.position, spaces: bay.capacity(for: .van), claimedNow: claimed))
        }
        return WebPage.respond(ZonesPage(month: month, zones: summaries, bays: bays), to: request)
    }

    /// A zone's month as the self-contained report `samlast zones report` writes, on the API's
    /// rules: an operator's own trips, the municipality's aggregate (withheld below three operators).
    static func report(_ request: Request) async throws -> Response {
        guard let caller = request.caller else { return WebPage.redirect("/login") }
        let store = Store(request.db)
        let id = try request.parameters.require("zoneId")
        guard let entry = try await ZoneCatalogue.zone(id, store) else { throw Problem.notFound("zone '\(id)'") }
        let month = try request.query.get(String?.self, at: "month") ?? String(Wire.today(in: ZonesController.oslo).prefix(7))
        let (view, figures) = try await ZonesController.complianceWithFigures(of: entry, month: month, for: caller.principal, store: store)
        let summary = ZoneSummary(entry.zone, view: view)
        let empty = ComplianceFigures([], clock: try ZoneClock(timeZone: entry.zone.timeZone))
        return WebPage.respond(ZoneReport(zone: summary, month: month, operatorName: view.coverage == "own" ? caller.organisation.displayName : nil,
                                          figures: figures ?? empty, hubKmInZone: view.hubKmInZone), to: request)
    }

    static func permits(_ request: Request) async throws -> Response {
        guard let caller = request.caller else { return WebPage.redirect("/login") }
        let store = Store(request.db)
        let permits = try await PermitsController().list(request)
        let zones = Dictionary(firstWins: try await ZoneCatalogue.current(store).map { ($0.zone.id, $0) })
        var lines: [PermitLine] = []
        let since = Date().addingTimeInterval(-31 * 86_400).epochMilliseconds, until = Date().addingTimeInterval(86_400).epochMilliseconds
        for permit in permits {
            let trips = try await store.zoneTrips(.operatedBy(permit.operatorId), zoneId: permit.zoneId, from: since, to: until, limit: 100_000)
            let vehicle = permit.vehicle
            lines.append(PermitLine(
                id: permit.id, zoneName: zones[permit.zoneId]?.zone.name ?? permit.zoneId,
                operatorName: try await store.organisation(permit.operatorId)?.displayName ?? permit.operatorId, status: PermitLine.Status(rawValue: permit.status) ?? .pending,
                waives: permit.waives, vehicleCategory: vehicle.category, zeroEmission: vehicle.zeroEmission, grossWeightKg: Int(min(vehicle.grossWeightKg, ZoneVehicle.maximumGrossWeightKg)),
                lengthM: vehicle.lengthM, period: "\(permit.validFrom.prefix(10)) – \(permit.validUntil.prefix(10))", justification: permit.justification,
                decision: permit.decision, decidedByRules: permit.decidedBy == "rules",
                recentTrips: trips.count, recentCompliant: trips.filter { $0.outcome == "compliant" }.count))
        }
        let mayDecide = caller.principal.isPlatformAdmin
            || (caller.organisation.kind == .municipality && (caller.role == .admin || caller.role == .writer))
        return WebPage.respond(PermitInboxPage(mayDecide: mayDecide, permits: lines), to: request)
    }

    struct DecisionForm: Content {
        var csrf: String
        var status: String
        var reason: String
    }

    static func decide(_ request: Request) async throws -> Response {
        let caller = try WebPage.formCaller(request)
        let form = try request.content.decode(DecisionForm.self)
        _ = try await PermitsController.decide(caller: caller, id: try request.parameters.require("permitId"), status: form.status, reason: form.reason,
                                               store: Store(request.db))
        return WebPage.redirect("/ui/permits")
    }

    static func bays(_ request: Request) async throws -> Response {
        guard request.caller != nil else { return WebPage.redirect("/login") }
        let store = Store(request.db)
        let day = try request.query.get(String?.self, at: "date") ?? Wire.today(in: ZonesController.oslo)
        guard let date = LocalDate(iso: day) else { throw Problem.badRequest("date: '\(day)' is not YYYY-MM-DD") }
        let (firstHour, lastHour) = (6, 20)
        let clock = try ZoneClock()
        guard let from = clock.instant(date, LocalTime(hour: firstHour)) else { throw Problem.badRequest("date: '\(day)' is outside the calendar") }
        let now = request.application.platform.configuration.now().epochMilliseconds
        var rows: [BayDay] = []
        for record in try await store.bays() {
            let bay = try BaysController.bay(record)
            let slots = (lastHour - firstHour) * 4
            let start = from.epochMilliseconds
            let taken = try await store.occupancy(bayId: record.id, from: start, to: start + Int64(slots) * 900_000, now: now)
            let claimed = Dictionary(firstWins: taken.map { ($0.slotStart, $0.claimed) })
            rows.append(BayDay(id: bay.id, name: bay.displayName, spaces: bay.capacity(for: .van),
                               claimed: (0..<slots).map { claimed[start + Int64($0) * 900_000] ?? 0 }))
        }
        return WebPage.respond(BayOccupancyPage(date: day, firstHour: firstHour, lastHour: lastHour, bays: rows), to: request)
    }
}

private extension ZoneSummary {
    /// The zone with the compliance the viewer may see (none for parties who see no figures).
    init(_ zone: Zone, view: ZonesController.ComplianceView?) {
        self.init(zone, entries: view?.entries, sharePercentCompliant: view?.sharePercentCompliant, withheld: view?.withheld ?? false,
                  ownTrips: view?.coverage == "own")
    }
}
