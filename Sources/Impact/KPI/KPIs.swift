/// The logistics KPIs Samlast reports, each with its definition (formula and unit), so a
/// municipality can say exactly what a number means.
public struct KPIValues: Sendable, Codable, Equatable {
    public var vehicleKm: Double = 0
    public var zoneVehicleKm: Double = 0
    public var vehiclesPerDay: Double = 0
    public var zoneEntriesPerDay: Double = 0
    public var stopsPerRecipientPerWeek: Double = 0
    public var parcelsPerStop: Double = 0
    public var fillRateByWeight: Double = 0
    public var singleParcelStopShare: Double = 0
    public var co2eWellToWheelKg: Double = 0
    public var co2eTankToWheelKg: Double = 0
    public var cost: Double = 0
    public var unservedParcels: Int = 0

    public init() {}

    /// KPIs where a higher value is the better one; for all others lower is better.
    public static let higherIsBetter: Set<String> = ["parcelsPerStop", "fillRateByWeight"]

    /// Definitions in report order: key, name, formula, unit.
    public static let definitions: [(key: String, name: String, formula: String, unit: String)] = [
        ("vehicleKm", "Vehicle-km", "Σ route distance of all vehicles, line-haul to the hub included", "km"),
        ("zoneVehicleKm", "Vehicle-km in the zone", "Σ over legs of leg distance × share of the leg's straight line inside the zone polygon", "km"),
        ("vehiclesPerDay", "Vehicles per day", "Σ over days of vehicles used (routes and line-haul trips) ÷ days", "vehicles/day"),
        ("zoneEntriesPerDay", "Vehicle entries into the zone per day", "Σ over legs of outside→inside crossings ÷ days", "entries/day"),
        ("stopsPerRecipientPerWeek", "Stops per recipient per week", "stops at recipients ÷ recipients ÷ (days ÷ 5)", "stops/week"),
        ("parcelsPerStop", "Parcels per stop", "parcels delivered ÷ stops at recipients", "parcels"),
        ("fillRateByWeight", "Fill rate by weight", "Σ load at departure ÷ Σ capacity, over routes", "%"),
        ("singleParcelStopShare", "Single-parcel stops", "stops delivering exactly one parcel ÷ stops", "%"),
        ("co2eWellToWheelKg", "CO2e well-to-wheel", "ISO 14083: Σ energy × WTW factor, transport and hub", "kg"),
        ("co2eTankToWheelKg", "CO2e tank-to-wheel", "ISO 14083: Σ energy × TTW factor", "kg"),
        ("cost", "Cost", "Σ vehicle fixed cost + cost per km × km + cost per hour × hours", "NOK"),
        ("unservedParcels", "Unserved parcels", "parcels the plans could not place (fleet or time windows too tight)", "parcels"),
    ]

    /// The value for a definition key.
    public func value(_ key: String) -> Double {
        switch key {
        case "vehicleKm": return vehicleKm
        case "zoneVehicleKm": return zoneVehicleKm
        case "vehiclesPerDay": return vehiclesPerDay
        case "zoneEntriesPerDay": return zoneEntriesPerDay
        case "stopsPerRecipientPerWeek": return stopsPerRecipientPerWeek
        case "parcelsPerStop": return parcelsPerStop
        case "fillRateByWeight": return fillRateByWeight
        case "singleParcelStopShare": return singleParcelStopShare
        case "co2eWellToWheelKg": return co2eWellToWheelKg
        case "co2eTankToWheelKg": return co2eTankToWheelKg
        case "cost": return cost
        default: return Double(unservedParcels)
        }
    }
}
