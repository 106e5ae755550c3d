/// Travel distances and durations between the problem's locations, for one travel profile
/// (car, bike, …). Asymmetric matrices are allowed. Stored flat, row-major: `from * count + to`.
public struct TravelMatrix: Sendable {
    public let count: Int
    public private(set) var distances: [Double]
    public private(set) var durations: [Double]

    /// - Precondition: both arrays hold `count * count` finite, non-negative values.
    public init(count: Int, distances: [Double], durations: [Double]) {
        precondition(distances.count == count * count && durations.count == count * count,
                     "a travel matrix over \(count) locations needs \(count * count) entries")
        self.count = count
        self.distances = distances
        self.durations = durations
    }

    @inlinable public func distance(_ from: Int, _ to: Int) -> Double { distances[from * count + to] }
    @inlinable public func duration(_ from: Int, _ to: Int) -> Double { durations[from * count + to] }

    /// The same matrix with every duration divided by `speedFactor` (a vehicle 20 % faster has 1.2).
    public func scalingDurations(by speedFactor: Double) -> TravelMatrix {
        guard speedFactor != 1 else { return self }
        return TravelMatrix(count: count, distances: distances, durations: durations.map { $0 / speedFactor })
    }
}
