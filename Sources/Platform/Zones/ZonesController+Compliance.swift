import Domain
import Foundation
import Geo
import Store
import Vapor
import Zones

extension ZonesController {
    /// A zone's compliance over a month: the caller's own trips for operators; for the
    /// municipality (and admins) every operator's trips summed, withheld below three operators.
    struct ComplianceView: Content, APIModel {
        static let schemaName = "ZoneCompliance"
        static var rules: [String: FieldRule] { ["month": FieldRule(["pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$"])] }
        var zoneId: String
        var zoneName: String
        var month: String
        /// `own` (an operator's trips) or `all-operators`.
        var coverage: String
        /// Operators with trips in the month (aggregates only).
        var operators: Int?
        /// True when the figures are withheld: fewer than three operators could be told apart.
        var withheld: Bool
        var entries: Int?
        var compliant: Int?
        var exempt: Int?
        var nonCompliant: Int?
        var sharePercentCompliant: Double?
        /// Violations by code.
        var violations: [String: Int]?
        var parcels: Int?
        var parcelsPerEntry: Double?
        var recipientsPerEntry: Double?
        /// Kilometres the hubs' dispatched routes ran inside the zone in the month (their planned
        /// lines), for the municipality; absent when no route was dispatched. Carriers' own trips carry no line.
        var hubKmInZone: Double?
    }

    func compliance(_ request: Request) async throws -> ComplianceView {
        let caller = try request.requireCaller()
        let id = try request.parameters.require("zoneId")
        let store = Store(request.db)
        guard let entry = try await ZoneCatalogue.zone(id, store) else { throw Problem.notFound("zone '\(id)'") }
        let month = try request.query.get(String?.self, at: "month") ?? String(Wire.today(in: Self.oslo).prefix(7))
        return try await Self.compliance(of: entry, month: month, for: caller.principal, store: store)
    }

    /// The zone's compliance over `month` (`YYYY-MM`) as `principal` may see it.
    static func compliance(of entry: ZoneCatalogue.Entry, month: String, for principal: Principal, store: Store) async throws -> ComplianceView {
        try await complianceWithFigures(of: entry, month: month, for: principal, store: store).view
    }

    /// The compliance view and, unless withheld, the figures it was made from (the report page draws them).
    static func complianceWithFigures(of entry: ZoneCatalogue.Entry, month: String, for principal: Principal,
                                      store: Store) async throws -> (view: ComplianceView, figures: ComplianceFigures?) {
        let id = entry.zone.id
        let aggregate = principal.isPlatformAdmin
            || (principal.organisation.kind == .municipality && principal.organisation.id == entry.municipalityId && principal.role != .driver)
        let scope: ZoneAccess.Scope = aggregate ? .all : ZoneAccess.trips(principal)
        if case .refused(let reason) = scope { throw Problem.forbidden(reason) }
        guard let first = LocalDate(iso: month + "-01") else { throw Problem.badRequest("month: '\(month)' is not YYYY-MM") }
        let next = first.month == 12 ? LocalDate(year: first.year + 1, month: 1, day: 1) : LocalDate(year: first.year, month: first.month + 1, day: 1)
        let clock = try ZoneClock(timeZone: entry.zone.timeZone)
        guard let from = clock.instant(first, LocalTime(minutes: 0)), let to = clock.instant(next, LocalTime(minutes: 0)) else {
            throw Problem.badRequest("month: '\(month)' is outside the calendar")
        }
        let rows = try await store.zoneTrips(scope, zoneId: id, from: from.epochMilliseconds, to: to.epochMilliseconds, limit: 1_000_000)
        let figures = ComplianceFigures(try rows.map(judged), clock: clock)
        // Withheld by the operators the figures count (trips outside the rules' validity count for nothing).
        var view = ComplianceView(zoneId: id, zoneName: entry.zone.name, month: month, coverage: aggregate ? "all-operators" : "own",
                                  operators: aggregate ? figures.operators : nil, withheld: false)
        if aggregate && ZoneAccess.withholdsAggregate(from: principal, operators: figures.operators) {
            view.withheld = true
            return (view, nil)
        }
        let summary = figures.summary
        view.entries = summary.entries
        view.compliant = summary.compliant
        view.exempt = summary.exempt
        view.nonCompliant = summary.nonCompliant
        view.sharePercentCompliant = summary.entries == 0 ? nil : (summary.shareCompliant * 1000).rounded() / 10
        view.violations = Dictionary(firstWins: summary.violations.map { ($0.key.rawValue, $0.value) })
        view.parcels = figures.parcels
        view.parcelsPerEntry = figures.parcelsPerEntry.map { ($0 * 100).rounded() / 100 }
        view.recipientsPerEntry = figures.recipientsPerEntry.map { ($0 * 100).rounded() / 100 }
        let lines = aggregate ? try await store.dispatchedRouteLines(from: from.epochMilliseconds, to: to.epochMilliseconds) : []
        if !lines.isEmpty {
            let metres = lines.reduce(0.0) { sum, line in
                let points = ((try? JSONDecoder().decode([[Double]].self, from: Data(line.utf8))) ?? []).compactMap { pair in
                    pair.count == 2 ? Coordinate(longitude: pair[0], latitude: pair[1]) : nil
                }
                return sum + entry.zone.area.lengthInside(points)
            }
            view.hubKmInZone = (metres / 100).rounded() / 10
        }
        return (view, figures)
    }
}
