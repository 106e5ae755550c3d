import Testing
@testable import Routing

/// The checker must reject each kind of broken plan, naming what is wrong.
@Suite struct SolutionCheckerTests {
    /// Depot at 0; customers 1 and 2 on a line; a shipment from 3 to 4.
    private let problem: Problem = {
        let points: [(x: Double, y: Double)] = [(0, 0), (10, 0), (20, 0), (0, 10), (0, 20)]
        let stop = { (location: Int, start: Double, end: Double) in Stop(location: location, timeWindows: [TimeWindow(start: start, end: end)]) }
        return Problem(
            name: "line", capacityDimensions: ["kg"], matrices: [euclideanMatrix(points)],
            jobs: [
                Job(id: "a", kind: .delivery, stop: stop(1, 0, 100), demand: [6]),
                Job(id: "b", kind: .delivery, stop: stop(2, 0, 25), demand: [4]),
                Job(id: "s", kind: .shipment, stop: stop(3, 0, 500), deliveryStop: stop(4, 0, 500), demand: [3]),
            ],
            vehicles: [Vehicle(id: "v1", startLocation: 0, capacity: [10], shift: TimeWindow(start: 0, end: 200)),
                       Vehicle(id: "v2", startLocation: 0, capacity: [10], shift: TimeWindow(start: 0, end: 200))])
    }()

    private func check(_ routes: [[(Int, Bool)]], unassigned: [Int] = []) -> SolutionChecker.Report {
        SolutionChecker(problem: problem).check(
            routes: routes.enumerated().map { SolutionChecker.PlannedRoute(vehicleIndex: $0.offset, stops: $0.element.map { (jobIndex: $0.0, isShipmentDelivery: $0.1) }) },
            unassigned: unassigned)
    }

    @Test func acceptsAValidPlanAndRecomputesDistance() {
        let report = check([[(0, false), (1, false)], [(2, false), (2, true)]])
        #expect(report.violations == [])
        #expect(abs(report.distance - (20 + 20 + 40)) < 1e-9)
        #expect(report.vehicles == 2)
    }

    @Test func rejectsAReversedPair() {
        let report = check([[(0, false), (1, false)], [(2, true), (2, false)]])
        #expect(report.violations.contains { $0.contains("delivered before") })
    }

    @Test func rejectsOverCapacity() {
        // Leaves with 10 kg for a and b, then picks up 3 kg more.
        let report = check([[(2, false), (0, false), (1, false), (2, true)]])
        #expect(report.violations.contains { $0.contains("load 13 kg outside 0…10") })
    }

    @Test func rejectsALateArrival() {
        // Going to b (due 25) after the detour to the shipment arrives too late.
        let report = check([[(2, false), (2, true), (1, false)], [(0, false)]])
        #expect(report.violations.contains { $0.contains("job b") && $0.contains("after its last time window closes") })
    }

    @Test func rejectsAMissingJob() {
        let report = check([[(0, false), (1, false)]])
        #expect(report.violations == ["job s is neither served nor listed as unassigned"])
    }

    @Test func acceptsAMissingJobListedAsUnassigned() {
        #expect(check([[(0, false), (1, false)]], unassigned: [2]).violations == [])
    }

    @Test func rejectsADuplicatedJob() {
        let report = check([[(0, false), (1, false)], [(0, false), (2, false), (2, true)]])
        #expect(report.violations.contains("job a appears 2 times"))
    }

    @Test func rejectsAVehicleUsedTwice() {
        let report = SolutionChecker(problem: problem).check(routes: [
            .init(vehicleIndex: 0, stops: [(0, false), (1, false)]), .init(vehicleIndex: 0, stops: [(2, false), (2, true)]),
        ])
        #expect(report.violations.contains { $0.contains("drives more than one route") })
    }

    @Test func rejectsALateReturnAndOverlongRoutes() {
        var strict = problem
        strict.vehicles[0].shift = TimeWindow(start: 0, end: 30)
        strict.vehicles[1].maxDistance = 30
        let report = SolutionChecker(problem: strict).check(routes: [
            .init(vehicleIndex: 0, stops: [(0, false), (1, false)]), .init(vehicleIndex: 1, stops: [(2, false), (2, true)]),
        ])
        #expect(report.violations.contains { $0.contains("returns at 40") })
        #expect(report.violations.contains { $0.contains("is 40.0 long, over the maximum 30.0") })
    }
}
