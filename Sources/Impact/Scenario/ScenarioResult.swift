import Geo

/// Results of a scenario: the KPIs of each variant, with what they rest on.
public struct ScenarioResult: Sendable, Codable {
    public struct Variant: Sendable, Codable {
        public var name: String
        /// Share of carriers delivering via the hub (0 = everyone drives direct).
        public var hubParticipation: Double
        public var kpis: KPIValues
        /// One day's routes, for the map: lines of [lon, lat] per vehicle, with the kind of vehicle.
        public var sampleDayRoutes: [[Coordinate]]
        public var sampleDayVehicleTypes: [String]
    }

    public var scenario: String
    public var factorVersion: String
    public var days: Int
    public var recipients: Int
    public var carriers: Int
    public var parcels: Int
    public var deliveries: Int
    public var variants: [Variant]
    /// How many variants after the first (direct) one vary hub participation; policy variants follow.
    public var participationVariantCount: Int
    public var assumptions: [String]
    public var sources: [String]
    public var attribution: String?
    public var zone: [Coordinate]?
    public var hub: Coordinate

    /// Change of a KPI from the direct variant to another, in percent.
    public func change(_ key: String, variant: Int) -> Double? {
        let base = variants[0].kpis.value(key)
        guard base != 0 else { return nil }
        return 100 * (variants[variant].kpis.value(key) - base) / base
    }
}
