/// Seeded random instances in the style of the literature (uniform customers on a square,
/// central depot), for scaling measurements and tests where no published instance fits.
public enum RandomInstance {
    /// - Parameters:
    ///   - customers: number of delivery jobs.
    ///   - timeWindows: if true, each customer gets a window of 10–30 % of the horizon (VRPTW);
    ///     otherwise none (CVRP).
    ///   - customersPerRoute: capacity is set so that about this many customers fill a vehicle.
    public static func make(customers: Int, timeWindows: Bool, customersPerRoute: Int = 10, seed: UInt64 = 1) -> Problem {
        var random = SeededGenerator(seed: seed)
        let side = 1000.0
        var points: [(x: Double, y: Double)] = [(side / 2, side / 2)]
        for _ in 0..<customers { points.append((random.unit() * side, random.unit() * side)) }
        let matrix = euclideanMatrix(points)
        let horizon = 8 * side
        var jobs: [Job] = []
        var totalDemand = 0
        for index in 1...customers {
            let demand = 1 + random.below(10)
            totalDemand += demand
            var windows: [TimeWindow] = []
            if timeWindows {
                let width = horizon * (0.1 + 0.2 * random.unit())
                let earliest = matrix.duration(0, index)
                let latest = horizon - matrix.duration(index, 0) - 10 - width
                let start = earliest + random.unit() * max(0, latest - earliest)
                windows = [TimeWindow(start: start, end: start + width)]
            }
            jobs.append(Job(id: "\(index)", kind: .delivery,
                            stop: Stop(id: "\(index)", location: index, serviceTime: timeWindows ? 10 : 0, timeWindows: windows),
                            demand: [demand]))
        }
        let capacity = max(10, Int((Double(totalDemand) / Double(customers) * Double(customersPerRoute)).rounded()))
        let vehicles = (0..<customers).map {
            Vehicle(id: "\($0 + 1)", startLocation: 0, capacity: [capacity], shift: TimeWindow(start: 0, end: horizon))
        }
        return Problem(name: "random-\(timeWindows ? "vrptw" : "cvrp")-\(customers)", capacityDimensions: ["demand"],
                       matrices: [matrix], jobs: jobs, vehicles: vehicles)
    }
}
