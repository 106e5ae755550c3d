import Foundation
@testable import Routing

/// Helpers shared by the routing tests.
enum TestSupport {
    /// The shared benchmark data: `$SAMLAST_DATA_DIR`, else `../shared/data` beside the repository.
    static var dataDirectory: String {
        if let path = ProcessInfo.processInfo.environment["SAMLAST_DATA_DIR"] { return path }
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return repository.deletingLastPathComponent().appendingPathComponent("shared/data").path
    }

    static func fixture(_ name: String) -> String {
        Bundle.module.path(forResource: name, ofType: nil, inDirectory: "Fixtures")!
    }

    /// A random problem on a 100 × 100 square: deliveries, pickups and shipments with time
    /// windows and two capacity dimensions, and a mixed fleet — small enough to check moves exhaustively.
    static func randomProblem(seed: UInt64, jobs: Int = 12, vehicles: Int = 4, shipments: Bool = true) -> Problem {
        var random = SeededGenerator(seed: seed)
        let locations = jobs * 2 + 2
        let points = (0..<locations).map { _ in (x: random.unit() * 100, y: random.unit() * 100) }
        let matrix = euclideanMatrix(points)
        var result: [Job] = []
        var next = 2
        for index in 0..<jobs {
            let start = random.unit() * 400
            let window = [TimeWindow(start: start, end: start + 100 + random.unit() * 300)]
            let demand: Amount = [1 + random.below(10), random.below(3)]
            let kind: JobKind = shipments && index % 4 == 3 ? .shipment : (index % 3 == 2 ? .pickup : .delivery)
            let stop = Stop(location: next, serviceTime: Double(random.below(10)), timeWindows: window)
            next += 1
            if kind == .shipment {
                let delivery = Stop(location: next, serviceTime: 5, timeWindows: [TimeWindow(start: start, end: start + 500)])
                next += 1
                result.append(Job(id: "j\(index)", kind: .shipment, stop: stop, deliveryStop: delivery, demand: demand))
            } else {
                result.append(Job(id: "j\(index)", kind: kind, stop: stop, demand: demand))
            }
        }
        var fleet: [Vehicle] = []
        for v in 0..<vehicles {
            let odd = Double(v % 2)
            let capacity: Amount = [25 + 5 * v, 6]
            fleet.append(Vehicle(
                id: "v\(v)", startLocation: v % 2, endLocation: v % 2, capacity: capacity,
                shift: TimeWindow(start: 0, end: 1000), maxDuration: 900, fixedCost: 10 * odd,
                costPerDistance: 1 + odd, costPerTime: 0.1 * Double(v % 3)))
        }
        return Problem(name: "random-\(seed)", capacityDimensions: ["a", "b"], matrices: [matrix], jobs: result, vehicles: fleet)
    }
}
