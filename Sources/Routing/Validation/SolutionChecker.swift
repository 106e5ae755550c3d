/// Validates a solution against the problem from scratch — its own code path, sharing
/// nothing with the optimiser's cached summaries — and recomputes distance, duration and
/// cost. Used by tests, by `samlast solve` before printing, and by benchmarks.
public struct SolutionChecker: Sendable {
    /// One route as a plain visiting order.
    public struct PlannedRoute: Sendable {
        public var vehicleIndex: Int
        public var stops: [(jobIndex: Int, isShipmentDelivery: Bool)]

        public init(vehicleIndex: Int, stops: [(jobIndex: Int, isShipmentDelivery: Bool)]) {
            self.vehicleIndex = vehicleIndex
            self.stops = stops
        }
    }

    /// What the checker found: every violated constraint, and the recomputed totals.
    public struct Report: Sendable {
        public var violations: [String]
        public var distance: Double
        /// Sum of route durations, each with the departure that minimises it.
        public var duration: Double
        public var cost: Double
        public var vehicles: Int
        public var isFeasible: Bool { violations.isEmpty }
    }

    public let problem: Problem
    /// Relative tolerance for time and load comparisons with reported values.
    public var tolerance = 1e-6

    public init(problem: Problem) { self.problem = problem }

    /// Checks a solution produced by the optimiser, including the schedule and totals it reports.
    public func check(_ solution: Solution) -> Report {
        let planned = solution.routes.map { route in
            PlannedRoute(vehicleIndex: route.vehicleIndex, stops: route.stops.map { ($0.jobIndex, $0.isShipmentDelivery) })
        }
        var report = check(routes: planned, unassigned: solution.unassigned.map(\.jobIndex))
        for (number, route) in solution.routes.enumerated() {
            let recomputed = simulate(planned[number], into: &report.violations, label: "route \(number + 1)")
            if !close(recomputed.distance, route.distance) {
                report.violations.append("route \(number + 1): reports distance \(route.distance), recomputed \(recomputed.distance)")
            }
            if !close(recomputed.minimumDuration, route.duration) && route.duration < recomputed.minimumDuration - tolerance {
                report.violations.append("route \(number + 1): reports duration \(route.duration), shorter than possible (\(recomputed.minimumDuration))")
            }
            for (index, stop) in route.stops.enumerated() {
                let job = problem.jobs[stop.jobIndex]
                let windows = (stop.isShipmentDelivery ? job.deliveryStop! : job.stop).timeWindows
                if !windows.isEmpty && !windows.contains(where: { $0.start - tolerance <= stop.serviceStart && stop.serviceStart <= $0.end + tolerance }) {
                    report.violations.append("route \(number + 1) stop \(index + 1) (job \(job.id)): reported service start \(stop.serviceStart) is outside its time windows")
                }
            }
        }
        return report
    }

    /// Checks plain visiting orders (e.g. a best-known solution file).
    public func check(routes: [PlannedRoute], unassigned: [Int] = []) -> Report {
        var violations: [String] = []
        var served = [Int](repeating: 0, count: problem.jobs.count)
        var usedVehicles = Set<Int>()
        var distance = 0.0, duration = 0.0, cost = 0.0
        for (number, route) in routes.enumerated() {
            let label = "route \(number + 1)"
            guard problem.vehicles.indices.contains(route.vehicleIndex) else {
                violations.append("\(label): vehicle index \(route.vehicleIndex) does not exist")
                continue
            }
            if !usedVehicles.insert(route.vehicleIndex).inserted {
                violations.append("\(label): vehicle \(problem.vehicles[route.vehicleIndex].id) drives more than one route")
            }
            guard !route.stops.isEmpty else { continue }
            for stop in route.stops where !stop.isShipmentDelivery { served[stop.jobIndex] += 1 }
            let result = simulate(route, into: &violations, label: label)
            let vehicle = problem.vehicles[route.vehicleIndex]
            distance += result.distance
            duration += result.minimumDuration
            cost += vehicle.fixedCost + vehicle.costPerDistance * result.distance + vehicle.costPerTime * result.minimumDuration
        }
        for job in unassigned where problem.jobs.indices.contains(job) { served[job] += 1 }
        for (index, count) in served.enumerated() where count != 1 {
            let id = problem.jobs[index].id
            violations.append(count == 0 ? "job \(id) is neither served nor listed as unassigned"
                                         : "job \(id) appears \(count) times")
        }
        return Report(violations: violations, distance: distance, duration: duration, cost: cost,
                      vehicles: routes.filter { !$0.stops.isEmpty }.count)
    }

    private struct Simulation {
        var distance = 0.0
        var minimumDuration = 0.0
    }

    /// Drives the route: departs at the shift start, waits for windows, tracks the load.
    private func simulate(_ route: PlannedRoute, into violations: inout [String], label: String) -> Simulation {
        let vehicle = problem.vehicles[route.vehicleIndex]
        let matrix = problem.matrices[vehicle.profile]
        let dims = problem.capacityDimensions.count
        var load = [Int](repeating: 0, count: dims)
        for stop in route.stops where problem.jobs[stop.jobIndex].kind == .delivery {
            for d in 0..<dims { load[d] += problem.jobs[stop.jobIndex].demand[d] }
        }
        checkLoad(load, vehicle: vehicle, at: "\(label) at departure", into: &violations)

        var result = Simulation()
        var time = vehicle.shift.start, place = vehicle.startLocation
        var waitingSoFar = 0.0
        // Largest postponement of the departure that keeps every later service in its window.
        var slack = Double.infinity
        var pickedUp = Set<Int>(), delivered = Set<Int>()
        for (index, stop) in route.stops.enumerated() {
            let job = problem.jobs[stop.jobIndex]
            let where_ = "\(label) stop \(index + 1) (job \(job.id))"
            if !job.requiredSkills.isSubset(of: vehicle.skills) || !(job.allowedVehicleTypes.isEmpty || job.allowedVehicleTypes.contains(vehicle.type)) {
                violations.append("\(where_): vehicle \(vehicle.id) lacks a required skill or is not an allowed type")
            }
            let visit = stop.isShipmentDelivery ? job.deliveryStop! : job.stop
            if job.kind == .shipment {
                if stop.isShipmentDelivery {
                    if !pickedUp.contains(stop.jobIndex) { violations.append("\(where_): delivered before (or without) its pickup on this route") }
                    if !delivered.insert(stop.jobIndex).inserted { violations.append("\(where_): delivered twice") }
                } else if !pickedUp.insert(stop.jobIndex).inserted {
                    violations.append("\(where_): picked up twice")
                }
            }
            result.distance += matrix.distance(place, visit.location)
            let arrival = time + matrix.duration(place, visit.location) / vehicle.speedFactor
            var start = arrival, windowEnd = Double.infinity
            if !visit.timeWindows.isEmpty {
                if let window = visit.timeWindows.first(where: { $0.end >= arrival - tolerance }) {
                    start = max(arrival, window.start)
                    windowEnd = window.end
                } else {
                    violations.append("\(where_): arrives at \(arrival), after its last time window closes at \(visit.timeWindows.last!.end)")
                }
            }
            waitingSoFar += start - arrival
            slack = min(slack, windowEnd - start + waitingSoFar)
            time = start + visit.serviceTime
            place = visit.location
            for d in 0..<dims {
                switch (job.kind, stop.isShipmentDelivery) {
                case (.delivery, _), (.shipment, true): load[d] -= job.demand[d]
                case (.pickup, _), (.shipment, false): load[d] += job.demand[d]
                }
            }
            checkLoad(load, vehicle: vehicle, at: where_, into: &violations)
        }
        for job in pickedUp.subtracting(delivered) { violations.append("\(label): shipment \(problem.jobs[job].id) is picked up but not delivered") }
        result.distance += matrix.distance(place, vehicle.endLocation)
        let arrival = time + matrix.duration(place, vehicle.endLocation) / vehicle.speedFactor
        if arrival > vehicle.shift.end + tolerance {
            violations.append("\(label): returns at \(arrival), after the shift of vehicle \(vehicle.id) ends at \(vehicle.shift.end)")
        }
        slack = min(slack, vehicle.shift.end - arrival + waitingSoFar)
        let postponement = max(0, min(waitingSoFar, slack))
        result.minimumDuration = arrival - (vehicle.shift.start + postponement)
        if result.minimumDuration > vehicle.maxDuration + tolerance {
            violations.append("\(label): lasts \(result.minimumDuration), over the maximum \(vehicle.maxDuration) of vehicle \(vehicle.id)")
        }
        if result.distance > vehicle.maxDistance + tolerance {
            violations.append("\(label): is \(result.distance) long, over the maximum \(vehicle.maxDistance) of vehicle \(vehicle.id)")
        }
        return result
    }

    private func checkLoad(_ load: [Int], vehicle: Vehicle, at place: String, into violations: inout [String]) {
        for (d, value) in load.enumerated() where value > vehicle.capacity[d] || value < 0 {
            violations.append("\(place): load \(value) \(problem.capacityDimensions[d]) outside 0…\(vehicle.capacity[d])")
        }
    }

    private func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= tolerance * max(1, abs(a), abs(b)) }
}
