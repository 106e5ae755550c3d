import Foundation
import Geo
import Pages

/// A self-contained HTML report of a scenario: KPI table side by side, sensitivity chart and
/// route maps as inline SVG, assumptions and sources. Loads nothing from the internet. The page
/// is Pages' `report` template; this maps a result onto its model.
public struct HTMLReport {
    public let result: ScenarioResult
    /// The language of the report's own words (headings, captions); the KPI definitions,
    /// assumptions and sources are the scenario's, in English.
    public let language: Language

    public init(result: ScenarioResult, language: Language = .en) {
        self.result = result
        self.language = language
    }

    public var html: String { Pages.render(page, language: language) }

    /// The report's model.
    var page: ScenarioReport {
        ScenarioReport(
            scenario: result.scenario, recipients: result.recipients, carriers: result.carriers, days: result.days,
            deliveries: result.deliveries, parcels: result.parcels, factorVersion: result.factorVersion,
            variants: result.variants.indices.map(variant), kpis: KPIValues.definitions.map(kpi), hub: result.hub, zone: result.zone,
            // The direct variant and the last one: the two ends of the comparison.
            maps: result.variants.indices.filter { $0 == 0 || $0 == result.variants.count - 1 }.map { index in
                let variant = result.variants[index]
                return ReportMap(variant: variant.name, routes: variant.sampleDayRoutes, vehicleTypes: variant.sampleDayVehicleTypes)
            },
            assumptions: result.assumptions, sources: result.sources, attribution: result.attribution)
    }

    private func variant(_ index: Int) -> ReportVariant {
        let variant = result.variants[index]
        // A KPI of this variant as a share of the direct one's (0 where the direct one's is 0).
        func share(_ key: String) -> Double {
            let base = result.variants[0].kpis.value(key)
            return base > 0 ? variant.kpis.value(key) / base : 0
        }
        let isPolicy = index >= 1 + result.participationVariantCount
        return ReportVariant(name: variant.name, hubParticipation: variant.hubParticipation,
                             policyNumber: isPolicy ? index - result.participationVariantCount : nil,
                             vehicleKmShare: share("vehicleKm"), vehiclesShare: share("vehiclesPerDay"), co2eShare: share("co2eWellToWheelKg"))
    }

    private func kpi(_ definition: (key: String, name: String, formula: String, unit: String)) -> KPIRow {
        // Cost is given only when the scenario priced the vehicles; every other KPI always is.
        let given = definition.key != "cost" || result.variants.contains { $0.kpis.value(definition.key) != 0 }
        let cells = result.variants.indices.map { index in
            KPICell(value: result.variants[index].kpis.value(definition.key),
                    changePercent: index > 0 ? result.change(definition.key, variant: index) : nil)
        }
        return KPIRow(name: definition.name, unit: definition.unit, formula: definition.formula, given: given,
                      higherIsBetter: KPIValues.higherIsBetter.contains(definition.key), cells: cells)
    }
}
