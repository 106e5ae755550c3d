import Geo

/// How a vehicle moves: speed and how much longer road distance is than the straight line.
public struct TravelProfile: Sendable, Hashable {
    public var name: String
    /// Average speed on the road network, km/h (including stops at crossings).
    public var speedKilometresPerHour: Double
    /// Road distance ÷ great-circle distance. 1.3 is a common urban value (between 1.2 for
    /// grid networks and 1.4 for networks cut by water, as around Fornebu).
    public var detourFactor: Double

    public init(name: String, speedKilometresPerHour: Double, detourFactor: Double = 1.3) {
        self.name = name
        self.speedKilometresPerHour = speedKilometresPerHour
        self.detourFactor = detourFactor
    }

    /// Vans and trucks in city traffic.
    public static let car = TravelProfile(name: "car", speedKilometresPerHour: 30)
    /// E-cargo bikes: slower, but use cycleways, so a slightly shorter detour.
    public static let bike = TravelProfile(name: "bike", speedKilometresPerHour: 15, detourFactor: 1.25)

    /// The default profile for a vehicle category.
    public static func `default`(for category: VehicleCategory) -> TravelProfile {
        category == .eCargoBike ? .bike : .car
    }
}

/// A source of travel matrices for a set of coordinates: great-circle estimates by default,
/// a road network or an external routing service where available.
public protocol TravelMatrixProvider: Sendable {
    /// Distances in metres and durations in seconds between every pair of `coordinates`.
    func matrix(for coordinates: [Coordinate], profile: TravelProfile) throws -> TravelMatrix

    /// The licence notice that the data behind the matrices ask for wherever results built on
    /// them are shown (OpenStreetMap's for road networks); nil when they ask for none.
    var attribution: String? { get }
}

extension TravelMatrixProvider {
    /// No notice: the matrices come from no licensed data.
    public var attribution: String? { nil }
}

/// Great-circle distance × the profile's detour factor, at the profile's speed. Needs no data
/// and is what Samlast uses when no road network is configured.
public struct GreatCircleMatrixProvider: TravelMatrixProvider {
    public init() {}

    public func matrix(for coordinates: [Coordinate], profile: TravelProfile) throws -> TravelMatrix {
        let n = coordinates.count
        let metresPerSecond = profile.speedKilometresPerHour / 3.6
        var distances = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in (i + 1)..<max(n, i + 1) {
                let d = coordinates[i].greatCircleDistance(to: coordinates[j]) * profile.detourFactor
                distances[i * n + j] = d
                distances[j * n + i] = d
            }
        }
        return TravelMatrix(count: n, distances: distances, durations: distances.map { $0 / metresPerSecond })
    }
}
