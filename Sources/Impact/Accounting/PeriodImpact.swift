import Foundation

/// A hub's impact summed over days (a week, a month, any period): the totals of both systems,
/// which carriers contributed, and the counterfactual's noise range summed day by day.
public struct PeriodImpact: Sendable, Equatable {
    public var days: [String] = []
    public var carriers: Set<String> = []
    public var consolidated = ImpactFigures()
    public var counterfactual = ImpactFigures()
    /// Σ of each day's lowest and highest counterfactual km over the seeds.
    public var counterfactualKmRange: [Double] = [0, 0]
    /// Every assumption of its days, once, in first-seen order.
    public var assumptions: [String] = []

    public init() {}

    public init(_ days: [HubDayImpact]) {
        for day in days { add(day) }
    }

    public mutating func add(_ day: HubDayImpact) {
        days.append(day.date)
        carriers.formUnion(day.carrierIds)
        consolidated = consolidated + day.consolidated
        counterfactual = counterfactual + day.counterfactual
        counterfactualKmRange = [counterfactualKmRange[0] + (day.counterfactualKmRange.first ?? 0), counterfactualKmRange[1] + (day.counterfactualKmRange.last ?? 0)]
        for assumption in day.assumptions where !assumptions.contains(assumption) { assumptions.append(assumption) }
    }

    /// Vehicle-km the consolidation saved against the counterfactual (negative: it cost km).
    public var vehicleKmSaved: Double { counterfactual.vehicleKm - consolidated.vehicleKm }
    public var co2eWellToWheelSavedKg: Double { counterfactual.co2eWellToWheelKg - consolidated.co2eWellToWheelKg }
    public var co2eTankToWheelSavedKg: Double { counterfactual.co2eTankToWheelKg - consolidated.co2eTankToWheelKg }

    /// A saving as a share of the counterfactual, in percent; nil without a counterfactual.
    public static func percent(saved: Double, of counterfactual: Double) -> Double? {
        counterfactual > 0 ? 100 * saved / counterfactual : nil
    }

    /// `days` in ISO weeks (`2026-W49`), oldest first.
    public static func weeks(_ days: [HubDayImpact]) -> [(week: String, impact: PeriodImpact)] {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        var weeks: [String: PeriodImpact] = [:]
        for day in days {
            let parts = day.date.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3, let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) else { continue }
            let week = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
            let key = String(format: "%04d-W%02d", week.yearForWeekOfYear ?? 0, week.weekOfYear ?? 0)
            weeks[key, default: PeriodImpact()].add(day)
        }
        return weeks.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
