import Geo

/// Impact's self-contained report of a scenario (`Templates/report.mustache`): the KPIs of
/// every variant side by side, the sensitivity chart, route maps of the first day, assumptions
/// and sources. It loads nothing from the internet and has no web layout.
public struct ScenarioReport: Page, Codable, Equatable {
    public static let template = "report"

    public var scenario: String
    public var recipients: Int
    public var carriers: Int
    public var days: Int
    public var deliveries: Int
    public var parcels: Int
    /// The emission factors' table version.
    public var factorVersion: String
    /// In column order; the first is every carrier driving direct.
    public var variants: [ReportVariant]
    public var kpis: [KPIRow]
    public var hub: Coordinate
    /// The zone, drawn under the routes.
    public var zone: [Coordinate]?
    public var maps: [ReportMap]
    public var assumptions: [String]
    public var sources: [String]
    /// The data's attribution (road data, say), shown at the end.
    public var attribution: String?

    public init(scenario: String, recipients: Int, carriers: Int, days: Int, deliveries: Int, parcels: Int, factorVersion: String,
                variants: [ReportVariant], kpis: [KPIRow], hub: Coordinate, zone: [Coordinate]?, maps: [ReportMap],
                assumptions: [String], sources: [String], attribution: String?) {
        self.scenario = scenario
        self.recipients = recipients
        self.carriers = carriers
        self.days = days
        self.deliveries = deliveries
        self.parcels = parcels
        self.factorVersion = factorVersion
        self.variants = variants
        self.kpis = kpis
        self.hub = hub
        self.zone = zone
        self.maps = maps
        self.assumptions = assumptions
        self.sources = sources
        self.attribution = attribution
    }
}

/// A variant of the scenario, and its bars in the sensitivity chart.
public struct ReportVariant: Sendable, Codable, Equatable {
    public var name: String
    /// The share of carriers delivering via the hub (0 to 1), labelling the variant's bars;
    /// for a policy variant its number (from 1) labels them instead.
    public var hubParticipation: Double
    public var policyNumber: Int?
    /// Vehicle-km, vehicles per day and CO2e well-to-wheel as shares of the direct variant
    /// (1 = the same; drawn up to 1.2).
    public var vehicleKmShare: Double
    public var vehiclesShare: Double
    public var co2eShare: Double

    public init(name: String, hubParticipation: Double, policyNumber: Int? = nil, vehicleKmShare: Double, vehiclesShare: Double, co2eShare: Double) {
        self.name = name
        self.hubParticipation = hubParticipation
        self.policyNumber = policyNumber
        self.vehicleKmShare = vehicleKmShare
        self.vehiclesShare = vehiclesShare
        self.co2eShare = co2eShare
    }
}

/// One KPI across the variants, with its definition.
public struct KPIRow: Sendable, Codable, Equatable {
    public var name: String
    public var unit: String
    public var formula: String
    /// False when the scenario gave nothing to compute it from (no costs, say): shown as such.
    public var given: Bool
    public var higherIsBetter: Bool
    /// One per variant, in column order.
    public var cells: [KPICell]

    public init(name: String, unit: String, formula: String, given: Bool, higherIsBetter: Bool, cells: [KPICell]) {
        self.name = name
        self.unit = unit
        self.formula = formula
        self.given = given
        self.higherIsBetter = higherIsBetter
        self.cells = cells
    }
}

public struct KPICell: Sendable, Codable, Equatable {
    public var value: Double
    /// Change from the direct variant in percent; nil for the direct variant itself and where
    /// the direct value is 0.
    public var changePercent: Double?

    public init(value: Double, changePercent: Double? = nil) {
        self.value = value
        self.changePercent = changePercent
    }
}

/// One variant's first day on a map: a straight-line route per vehicle, coloured by its kind.
public struct ReportMap: Sendable, Codable, Equatable {
    public var variant: String
    public var routes: [[Coordinate]]
    /// The kind of vehicle of each route (`e-van`, `e-cargo-bike`, `diesel-van`, `truck`).
    public var vehicleTypes: [String]

    public init(variant: String, routes: [[Coordinate]], vehicleTypes: [String]) {
        self.variant = variant
        self.routes = routes
        self.vehicleTypes = vehicleTypes
    }
}

extension ScenarioReport: TemplateFields {
    func templateFields(_ catalogue: Catalogue) -> [String: Any] {
        [
            "chart": SensitivityChart(variants: variants).draw(catalogue),
            "mapFigures": maps.map { map in
                Scope(map, catalogue, adding: [
                    "svg": ScenarioMap(hub: hub, zone: zone, routes: map.routes, vehicleTypes: map.vehicleTypes).draw(catalogue),
                    "routeCount": map.routes.count,
                ])
            },
            "kpiRows": kpis.map { row in Scope(row, catalogue, adding: ["cellViews": row.cells.map { cell(row, $0, catalogue) }]) },
        ]
    }

    /// A KPI's value (0 decimals from 100 on, else 2) and its change, marked better or worse.
    private func cell(_ row: KPIRow, _ cell: KPICell, _ catalogue: Catalogue) -> Scope {
        var fields: [String: Any] = [
            "value": row.given ? Text(catalogue.decimal(cell.value, digits: abs(cell.value) >= 100 ? 0 : 2)) : catalogue.entry("report_not_given"),
        ]
        if let change = cell.changePercent {
            let improves = row.higherIsBetter ? change > 0 : change < 0
            fields["change"] = (change >= 0 ? "+" : "") + catalogue.decimal(change, digits: 0)
            fields["trend"] = change == 0 ? "" : improves ? "better" : "worse"
        }
        return Scope(cell, catalogue, adding: fields)
    }
}
