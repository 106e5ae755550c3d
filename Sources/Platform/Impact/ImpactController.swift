import Domain
import Foundation
import Impact
import Routing
import Store
import Vapor

/// What consolidation saved, per hub and period (`GET /v1/impact`), for municipalities (their
/// area, aggregates over at least three carriers), hub operators (their hubs) and admins; and
/// a hub day's computations with every leg (`/v1/hubs/{hubId}/impact/{date}`) for the hub's
/// staff, who may also account a day again (another factor table, late events).
struct ImpactController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("impact", use: impact)
        routes.get("impact.csv", use: impactCSV)
        routes.get("hubs", ":hubId", "impact", ":date", use: revisions)
        routes.post("hubs", ":hubId", "impact", ":date", use: recompute)
    }

    /// One system's totals over the period.
    struct SystemView: Content {
        var vehicleKm: Double
        var lineHaulKm: Double
        var vehicles: Int
        var stops: Int
        var parcels: Int
        var parcelsPerStop: Double
        var fillRatePercent: Double
        var co2eTankToWheelKg: Double
        var co2eWellToWheelKg: Double
        var unservedParcels: Int

        init(_ figures: ImpactFigures) {
            vehicleKm = Self.round(figures.vehicleKm)
            lineHaulKm = Self.round(figures.lineHaulKm)
            vehicles = figures.vehicles
            stops = figures.stops
            parcels = figures.parcels
            parcelsPerStop = Self.round(figures.parcelsPerStop)
            fillRatePercent = Self.round(figures.fillRateByWeight)
            co2eTankToWheelKg = Self.round(figures.co2eTankToWheelKg, places: 3)
            co2eWellToWheelKg = Self.round(figures.co2eWellToWheelKg, places: 3)
            unservedParcels = figures.unservedParcels
        }

        static func round(_ value: Double, places: Int = 2) -> Double {
            let scale = pow(10, Double(places))
            return (value * scale).rounded() / scale
        }
    }

    /// Consolidated against the counterfactual: positive numbers are savings.
    struct SavingView: Content {
        var vehicleKm: Double
        var vehicleKmPercent: Double?
        var vehicles: Int
        var co2eWellToWheelKg: Double
        var co2eWellToWheelPercent: Double?
        var co2eTankToWheelKg: Double

        init(_ period: PeriodImpact) {
            vehicleKm = SystemView.round(period.vehicleKmSaved)
            vehicleKmPercent = PeriodImpact.percent(saved: period.vehicleKmSaved, of: period.counterfactual.vehicleKm).map { SystemView.round($0, places: 1) }
            vehicles = period.counterfactual.vehicles - period.consolidated.vehicles
            co2eWellToWheelKg = SystemView.round(period.co2eWellToWheelSavedKg, places: 3)
            co2eWellToWheelPercent = PeriodImpact.percent(saved: period.co2eWellToWheelSavedKg, of: period.counterfactual.co2eWellToWheelKg)
                .map { SystemView.round($0, places: 1) }
            co2eTankToWheelKg = SystemView.round(period.co2eTankToWheelSavedKg, places: 3)
        }
    }

    /// One ISO week of the trend; withheld from municipalities when fewer than three carriers contributed that week.
    struct WeekView: Content {
        var week: String
        var suppressed: Bool
        var consolidatedKm: Double?
        var counterfactualKm: Double?
        var consolidatedCo2eWellToWheelKg: Double?
        var counterfactualCo2eWellToWheelKg: Double?
    }

    /// A day that could not be accounted.
    struct FailedDay: Content {
        var day: String
        var error: String
    }

    struct HubImpactView: Content {
        var hubId: String
        var hubName: String
        var from: String
        var to: String
        var factorVersion: String
        /// True when the figures are withheld because fewer than three carriers contributed.
        var suppressed: Bool
        var carriers: String
        var daysAccounted: Int
        var failedDays: [FailedDay]
        var consolidated: SystemView?
        var counterfactual: SystemView?
        var saved: SavingView?
        /// The counterfactual's vehicle-km, lowest and highest over the seeds it was planned with.
        var counterfactualKmRange: [Double]?
        var weeks: [WeekView]
        var assumptions: [String]
    }

    struct ImpactView: Content {
        var hubs: [HubImpactView]
    }

    /// The hubs' impact over the period, computed from the stored computations.
    func impact(_ request: Request) async throws -> ImpactView {
        try await Self.view(request)
    }

    /// The same, one CSV line per hub day.
    func impactCSV(_ request: Request) async throws -> Response {
        Response(status: .ok, headers: ["Content-Type": "text/csv; charset=utf-8", "Content-Disposition": "attachment; filename=\"samlast-impact.csv\""],
                 body: .init(string: try await Self.csv(request)))
    }

    static func hubs(for caller: Caller, store: Store) async throws -> [HubRecord] {
        switch HubRules.figures(caller.principal) {
        case .allHubs: return try await store.hubs()
        case .hubsInMunicipality(let municipality): return try await store.hubs(.inMunicipality(municipality))
        case .hubsOperatedBy(let operatorId): return try await store.hubs(.operatedBy(operatorId))
        case .refused(let reason): throw Problem.forbidden(reason)
        }
    }

    /// The request's hubs and period, each hub's days with the requested factor table.
    static func days(_ request: Request) async throws -> [(hub: HubRecord, period: ImpactPeriod, days: [ImpactDayRecord])] {
        let caller = try request.requireCaller()
        let store = Store(request.db)
        let hubs = try await hubs(for: caller, store: store)
        let version = try request.application.platform.configuration.impact.table(try request.query.get(String?.self, at: "factorVersion")).version
        let hubFilter = try request.query.get(String?.self, at: "hubId")
        var result: [(HubRecord, ImpactPeriod, [ImpactDayRecord])] = []
        for hub in hubs where hubFilter == nil || hub.id == hubFilter {
            let period = try ImpactPeriod.resolve(from: try request.query.get(String?.self, at: "from"), to: try request.query.get(String?.self, at: "to"),
                                                  period: try request.query.get(String?.self, at: "period"), today: Wire.today(in: hub.zone))
            result.append((hub, period, try await store.impactDays(hubId: hub.id, from: period.from, to: period.to, factorVersion: version)))
        }
        return result
    }

    static func view(_ request: Request) async throws -> ImpactView {
        let caller = try request.requireCaller()
        let days = try await days(request)
        let version = try request.application.platform.configuration.impact.table(try request.query.get(String?.self, at: "factorVersion")).version
        var hubs: [HubImpactView] = []
        for (hub, period, records) in days {
            let computed = try records.compactMap { try $0.impact() }
            let total = PeriodImpact(computed)
            let withheld = HubRules.withholdsFigures(from: caller.principal, carriersPerDay: computed.map(\.carrierIds.count))
            let municipality = caller.organisation.kind == .municipality
            let failed = records.filter { $0.status != "computed" }.map {
                FailedDay(day: $0.day, error: municipality ? "not accounted; the hub operator sees why" : $0.error ?? "not accounted")
            }
            let weeks = PeriodImpact.weeks(computed).map { week, impact -> WeekView in
                let perDay = computed.filter { impact.days.contains($0.date) }.map(\.carrierIds.count)
                guard !HubRules.withholdsFigures(from: caller.principal, carriersPerDay: perDay) else { return WeekView(week: week, suppressed: true) }
                return WeekView(week: week, suppressed: false, consolidatedKm: SystemView.round(impact.consolidated.vehicleKm),
                                counterfactualKm: SystemView.round(impact.counterfactual.vehicleKm),
                                consolidatedCo2eWellToWheelKg: SystemView.round(impact.consolidated.co2eWellToWheelKg, places: 3),
                                counterfactualCo2eWellToWheelKg: SystemView.round(impact.counterfactual.co2eWellToWheelKg, places: 3))
            }
            let carriers = total.carriers.count >= HubRules.minimumCarriers ? String(total.carriers.count) : "fewer than \(HubRules.minimumCarriers)"
            hubs.append(HubImpactView(
                hubId: hub.id, hubName: hub.name, from: period.from, to: period.to, factorVersion: version, suppressed: withheld, carriers: carriers,
                daysAccounted: computed.count, failedDays: failed,
                consolidated: withheld ? nil : SystemView(total.consolidated), counterfactual: withheld ? nil : SystemView(total.counterfactual),
                saved: withheld || computed.isEmpty ? nil : SavingView(total),
                counterfactualKmRange: withheld || computed.isEmpty ? nil : total.counterfactualKmRange.map { SystemView.round($0) },
                weeks: withheld ? [] : weeks, assumptions: withheld ? [] : total.assumptions))
        }
        return ImpactView(hubs: hubs)
    }

    static let csvColumns = [
        "hub_id", "day", "factor_version", "revision", "withheld", "km_consolidated", "km_counterfactual", "km_saved", "line_haul_km",
        "vehicles_consolidated", "vehicles_counterfactual", "stops_consolidated", "stops_counterfactual", "parcels",
        "parcels_per_stop_consolidated", "parcels_per_stop_counterfactual", "co2e_wtw_kg_consolidated", "co2e_wtw_kg_counterfactual",
        "co2e_ttw_kg_consolidated", "co2e_ttw_kg_counterfactual",
    ]

    /// One line per accounted hub day; a municipality's day with fewer than three carriers is withheld.
    static func csv(_ request: Request) async throws -> String {
        let caller = try request.requireCaller()
        var text = CSVTable.line(csvColumns)
        for (hub, _, records) in try await days(request) {
            for record in records {
                guard let impact = try record.impact() else { continue }
                let withheld = HubRules.withholdsFigures(from: caller.principal, carriersPerDay: [impact.carrierIds.count])
                let (a, b) = (impact.consolidated, impact.counterfactual)
                let numbers: [Double] = [a.vehicleKm, b.vehicleKm, b.vehicleKm - a.vehicleKm, a.lineHaulKm, Double(a.vehicles), Double(b.vehicles),
                                         Double(a.stops), Double(b.stops), Double(a.parcels), a.parcelsPerStop, b.parcelsPerStop,
                                         a.co2eWellToWheelKg, b.co2eWellToWheelKg, a.co2eTankToWheelKg, b.co2eTankToWheelKg]
                let cells = withheld ? numbers.map { _ in "" } : numbers.map { String(SystemView.round($0, places: 3)) }
                text += CSVTable.line([hub.id, record.day, record.factorVersion, String(record.revision), withheld ? "true" : "false"] + cells)
            }
        }
        return text
    }

    /// One computation of a hub's day, with its whole document (every leg and assumption).
    struct RevisionView: Content {
        var hubId: String
        var day: String
        var revision: Int
        var factorVersion: String
        var method: String
        var status: String
        var error: String?
        var computedAt: String
        var impact: HubDayImpact?
    }

    private func hubAndDay(_ request: Request, write: Bool) async throws -> (HubRecord, String) {
        let caller = try request.requireCaller()
        let hub = try await HubRecord.find(try request.parameters.require("hubId"), store: Store(request.db))
        try hub.requireOperator(caller, write: write, action: write ? "account a hub's day" : "read a hub's accounting")
        let day = try request.parameters.require("date")
        _ = try Wire.date(day, field: "date")
        return (hub, day)
    }

    /// Every computation of the day, newest first: the audit trail.
    func revisions(_ request: Request) async throws -> [RevisionView] {
        let (hub, day) = try await hubAndDay(request, write: false)
        return try await Store(request.db).impactRevisions(hubId: hub.id, day: day).map { try $0.view(in: hub.zone) }
    }

    /// Accounts the day now, with the current table or `factorVersion`, as a new revision.
    func recompute(_ request: Request) async throws -> Response {
        let (hub, day) = try await hubAndDay(request, write: true)
        let factors = try request.application.platform.configuration.impact.table(try request.query.get(String?.self, at: "factorVersion"))
        let record = try await ImpactAccountant.account(hubId: hub.id, day: day, factors: factors, application: request.application)
        return try await record.view(in: hub.zone).encodeResponse(status: .created, for: request)
    }
}

extension ImpactDayRecord {
    /// The stored computation; nil for a failed one.
    func impact() throws -> HubDayImpact? {
        guard status == "computed", let document else { return nil }
        do { return try JSONDecoder().decode(HubDayImpact.self, from: Data(document.utf8)) } catch {
            throw Problem(.internalServerError, "the stored impact of hub '\(hubId)' on \(day) (revision \(revision)) is unreadable")
        }
    }

    func view(in zone: TimeZone) throws -> ImpactController.RevisionView {
        .init(hubId: hubId, day: day, revision: revision, factorVersion: factorVersion, method: method, status: status, error: error,
              computedAt: Wire.format(computedAt, in: zone), impact: try impact())
    }
}
