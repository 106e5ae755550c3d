/// What consolidation saved at one hub over a period, for municipalities and hub operators:
/// the consolidated system as driven beside each carrier driving direct, with the
/// counterfactual's routing noise, a weekly trend and the assumptions behind it.
public struct ImpactSummary: Sendable, Codable, Equatable {
    public var factorVersion: String
    /// Fewer than three carriers contributed: only that shows.
    public var withheld: Bool
    public var daysAccounted: Int
    public var failedDays: [String]
    public var rows: [ImpactRow]
    /// The counterfactual's vehicle-km, lowest and highest over the seeds it was planned with.
    public var counterfactualKmLow: Double?
    public var counterfactualKmHigh: Double?
    public var weeks: [ImpactWeek]
    public var assumptions: [String]

    public init(factorVersion: String, withheld: Bool, daysAccounted: Int, failedDays: [String],
                rows: [ImpactRow], counterfactualKmLow: Double?, counterfactualKmHigh: Double?, weeks: [ImpactWeek], assumptions: [String]) {
        self.factorVersion = factorVersion
        self.withheld = withheld
        self.daysAccounted = daysAccounted
        self.failedDays = failedDays
        self.rows = rows
        self.counterfactualKmLow = counterfactualKmLow
        self.counterfactualKmHigh = counterfactualKmHigh
        self.weeks = weeks
        self.assumptions = assumptions
    }
}

extension ImpactSummary: TemplateFields {
    func templateFields(_ catalogue: Catalogue) -> [String: Any] {
        let shown = weeks.filter { !$0.withheld }
        return ["chart": shown.isEmpty ? nil : TrendChart(weeks: shown).draw(catalogue), "accounted": daysAccounted > 0,
                "anyFailed": !failedDays.isEmpty, "anyWithheldWeek": weeks.contains(where: \.withheld)]
            .compactMapValues { $0 }
    }
}

/// A figure of both systems and what the hub saved (positive: less with the hub).
public struct ImpactRow: Sendable, Codable, Equatable {
    public var measure: ImpactMeasure
    public var consolidated: Double
    public var counterfactual: Double
    public var saved: Double
    public var savedPercent: Double?

    public init(measure: ImpactMeasure, consolidated: Double, counterfactual: Double, saved: Double, savedPercent: Double?) {
        self.measure = measure
        self.consolidated = consolidated
        self.counterfactual = counterfactual
        self.saved = saved
        self.savedPercent = savedPercent
    }
}

/// The figures the dashboard compares, named by the catalogue (`impact_<raw value>`).
public enum ImpactMeasure: String, Term {
    case vehicleKm = "vehicle-km"
    case lineHaulKm = "line-haul-km"
    case vehicles
    case parcelsPerStop = "parcels-per-stop"
    case co2eWellToWheel = "co2e-wtw"
    case co2eTankToWheel = "co2e-ttw"

    public static let cataloguePrefix = "impact"
}

/// One ISO week of the trend (`2026-W49`); withheld weeks are left out of the chart.
public struct ImpactWeek: Sendable, Codable, Equatable {
    public var week: String
    public var withheld: Bool
    public var consolidatedKm: Double
    public var counterfactualKm: Double

    public init(week: String, withheld: Bool, consolidatedKm: Double, counterfactualKm: Double) {
        self.week = week
        self.withheld = withheld
        self.consolidatedKm = consolidatedKm
        self.counterfactualKm = counterfactualKm
    }
}
