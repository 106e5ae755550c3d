import Domain
import Foundation
import Impact
import Pages
import Vapor

/// The municipality's figures: the API's aggregated statistics and what consolidation saved
/// (`/v1/stats`, `/v1/impact`) as tables and a weekly trend, withheld where fewer than three
/// carriers contributed; and the council's monthly report of the same.
enum MunicipalityFigures {
    static func show(_ request: Request) async throws -> Response {
        guard let caller = request.caller else { return WebPage.redirect("/login") }
        // A period button, or no period yet: the same page with the period's days.
        let from = try request.query.get(String?.self, at: "from"), to = try request.query.get(String?.self, at: "to")
        let period = try request.query.get(String?.self, at: "period")
        if period != nil || from == nil || to == nil {
            let days = try ImpactPeriod.resolve(from: period == nil ? from : nil, to: to, period: period, today: Wire.today(in: oslo))
            // The choices that are not the period go along (identifiers and a language code; anything else is refused by the page it lands on).
            var kept = ""
            for name in ["lang", "factorVersion", "hubId"] {
                if let value = try request.query.get(String?.self, at: name), (try? TextPolicy.identifier(value)) != nil { kept += "&\(name)=\(value)" }
            }
            return WebPage.redirect("/ui/municipality?from=\(days.from)&to=\(days.to)\(kept)")
        }
        let hubs = try await figures(request)
        return WebPage.respond(MunicipalityPage(organisationName: caller.organisation.displayName, minimumCarriers: StatsController.minimumCarriers,
                                                hubs: hubs, from: from ?? "", to: to ?? "", month: String((to ?? "").prefix(7))), to: request)
    }

    /// `?month=YYYY-MM` (default: this month): a self-contained document for the council.
    static func report(_ request: Request) async throws -> Response {
        guard let caller = request.caller else { return WebPage.redirect("/login") }
        let month = try request.query.get(String?.self, at: "month") ?? String(Wire.today(in: oslo).prefix(7))
        guard month.count == 7 else { throw Problem.badRequest("month: '\(month)' is not a month YYYY-MM") }
        let days = try ImpactPeriod.month(month)
        // The figures read the period from the query, as the page's do; the language choice stays.
        request.url.query = ([request.url.query].compactMap { $0 } + ["from=\(days.from)", "to=\(days.to)"]).joined(separator: "&")
        return WebPage.respond(CouncilReport(organisationName: caller.organisation.displayName, month: month,
                                             minimumCarriers: StatsController.minimumCarriers, hubs: try await figures(request)), to: request)
    }

    private static var oslo: TimeZone { TimeZone(identifier: "Europe/Oslo") ?? .gmt }

    /// Each hub's counts and impact for the request's `from` and `to`.
    private static func figures(_ request: Request) async throws -> [HubFigures] {
        let stats = try await StatsController().stats(request)
        let impact = Dictionary(firstWins: try await ImpactController.view(request).hubs.map { ($0.hubId, $0) })
        return stats.hubs.map { hub in
            HubFigures(hubName: hub.hubName, from: hub.from, to: hub.to, withheld: hub.suppressed, parcelsAnnounced: hub.parcelsAnnounced,
                       parcelsDelivered: hub.parcelsDelivered, parcelsFailed: hub.parcelsFailed, stops: hub.stops,
                       parcelsPerStop: hub.parcelsPerStop, routesDriven: hub.routesDriven, distanceKm: hub.distanceKm,
                       distanceByVehicleType: (hub.distanceKmByVehicleType ?? [:]).sorted { $0.key < $1.key }
                           .map { VehicleDistance(vehicleType: $0.key, km: $0.value) },
                       carriers: hub.carriers, impact: impact[hub.hubId].map(summary))
        }
    }

    static func summary(_ hub: ImpactController.HubImpactView) -> ImpactSummary {
        var rows: [ImpactRow] = []
        if let a = hub.consolidated, let b = hub.counterfactual {
            func row(_ measure: ImpactMeasure, _ with: Double, _ without: Double, higherIsBetter: Bool = false) -> ImpactRow {
                let saved = higherIsBetter ? with - without : without - with
                return ImpactRow(measure: measure, consolidated: with, counterfactual: without, saved: saved,
                                 savedPercent: without > 0 ? (100 * saved / without * 10).rounded() / 10 : nil)
            }
            rows = [row(.vehicleKm, a.vehicleKm, b.vehicleKm), row(.lineHaulKm, a.lineHaulKm, b.lineHaulKm),
                    row(.vehicles, Double(a.vehicles), Double(b.vehicles)),
                    row(.parcelsPerStop, a.parcelsPerStop, b.parcelsPerStop, higherIsBetter: true),
                    row(.co2eWellToWheel, a.co2eWellToWheelKg, b.co2eWellToWheelKg), row(.co2eTankToWheel, a.co2eTankToWheelKg, b.co2eTankToWheelKg)]
        }
        return ImpactSummary(
            factorVersion: hub.factorVersion, withheld: hub.suppressed, daysAccounted: hub.daysAccounted,
            failedDays: hub.failedDays.map(\.day), rows: rows, counterfactualKmLow: hub.counterfactualKmRange?.first,
            counterfactualKmHigh: hub.counterfactualKmRange?.last,
            weeks: hub.weeks.map { ImpactWeek(week: $0.week, withheld: $0.suppressed, consolidatedKm: $0.consolidatedKm ?? 0, counterfactualKm: $0.counterfactualKm ?? 0) },
            assumptions: hub.assumptions)
    }
}
