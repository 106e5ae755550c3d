import Testing
@testable import Routing

/// Every move's predicted cost change must equal the change found by recomputing the routes
/// from scratch, and every move called feasible must pass the independent checker.
@Suite struct MoveDeltaTests {
    /// A feasible starting plan from a short, seeded solver run's internal state.
    private func startingState(_ model: SearchModel, seed: UInt64) -> SearchState {
        var random = SeededGenerator(seed: seed)
        var state = SearchState(model: model)
        RuinAndRecreate().recreate([], into: &state, model: model, emptyRouteClasses: model.emptyRouteClasses(), random: &random)
        return state
    }

    /// The state's cost recomputed from nothing: fresh routes built from the visit orders.
    private func recomputedCost(_ state: SearchState, model: SearchModel) -> Double {
        var total = state.unassigned.reduce(0) { $0 + model.unassignedPenalty[$1] }
        for route in state.routes {
            var fresh = RouteState(vehicle: route.vehicle, model: model)
            fresh.replaceVisits(Array(route.visits), model: model)
            total += fresh.cost
        }
        return total
    }

    private func checkerAccepts(_ state: SearchState, model: SearchModel) -> [String] {
        let solution = SolutionBuilder(model: model).solution(from: state)
        return SolutionChecker(problem: model.problem).check(solution).violations
    }

    @Test(arguments: 1...25)
    func localSearchMoveDeltasEqualRecomputation(seed: UInt64) {
        let model = SearchModel(problem: TestSupport.randomProblem(seed: seed))
        let state = startingState(model, seed: seed)
        let search = LocalSearch(model: model)
        var evaluated = 0
        for u in 0..<model.taskCount {
            for v in 0..<model.taskCount where u != v {
                for move in LocalSearch.Move.allCases {
                    guard let delta = search.evaluate(move, u, v, in: state) else { continue }
                    evaluated += 1
                    var after = state
                    search.apply(move, u, v, to: &after)
                    let actual = recomputedCost(after, model: model) - recomputedCost(state, model: model)
                    #expect(abs(actual - delta) < 1e-6, "\(move) \(u)→\(v): predicted \(delta), actual \(actual)")
                    #expect(checkerAccepts(after, model: model) == [], "\(move) \(u)→\(v) was called feasible")
                }
            }
        }
        #expect(evaluated > 0)
    }

    @Test(arguments: 1...25)
    func insertionDeltasEqualRecomputation(seed: UInt64) {
        let model = SearchModel(problem: TestSupport.randomProblem(seed: seed))
        var random = SeededGenerator(seed: seed)
        let full = startingState(model, seed: seed)
        var inserted = 0
        // Take each job out in turn and compare every route's best insertion with the truth.
        for task in 0..<model.taskCount where model.sibling[task] < 0 || model.isShipmentPickup[task] {
            guard full.routeOfTask[task] >= 0 else { continue }
            var without = full
            _ = without.remove([task], model: model)
            let before = recomputedCost(without, model: model)
            for (index, route) in without.routes.enumerated() {
                let isPair = model.sibling[task] >= 0
                let found = isPair
                    ? model.bestPairInsertion(of: task, into: route, routeIndex: index, bound: .infinity, blinkRate: 0, random: &random)
                    : model.bestInsertion(of: task, into: route, routeIndex: index, bound: .infinity, blinkRate: 0, random: &random)
                guard let found else { continue }
                var after = without
                if isPair {
                    after.insertPair(task, route: index, pickupPosition: found.position, deliveryPosition: found.deliveryPosition, model: model)
                } else {
                    after.insert(task, route: index, at: found.position, model: model)
                }
                after.unassigned.removeAll { $0 == task }
                let actual = recomputedCost(after, model: model) - before
                #expect(abs(actual - found.costDelta) < 1e-6, "task \(task) into route \(index): predicted \(found.costDelta), actual \(actual)")
                #expect(checkerAccepts(after, model: model) == [])
                inserted += 1
            }
        }
        #expect(inserted > 0)
    }

    @Test(arguments: 1...10)
    func segmentSummariesMatchTheCheckersSimulation(seed: UInt64) {
        // Without shipments, any order is a candidate; compare duration and time feasibility.
        let problem = TestSupport.randomProblem(seed: seed, jobs: 10, shipments: false)
        let model = SearchModel(problem: problem)
        var random = SeededGenerator(seed: seed)
        for _ in 0..<50 {
            let vehicle = random.below(model.vehicleCount)
            var tasks = Array(0..<model.taskCount).shuffled(using: &random)
            tasks = Array(tasks.prefix(1 + random.below(5)))
            var route = RouteState(vehicle: vehicle, model: model)
            route.replaceVisits(tasks, model: model)
            let planned = SolutionChecker.PlannedRoute(vehicleIndex: vehicle, stops: tasks.map { (model.jobOfTask[$0], false) })
            let report = SolutionChecker(problem: problem).check(routes: [planned], unassigned: Array(Set(0..<problem.jobs.count).subtracting(tasks.map { model.jobOfTask[$0] })))
            let late = report.violations.contains { $0.contains("arrives") || $0.contains("returns") }
            #expect((route.forward(route.nodes.count - 1).timeWarp > 0) == late, "\(report.violations)")
            #expect(abs(route.distance - report.distance) < 1e-9)
            if !late { #expect(abs(route.duration - report.duration) < 1e-6, "segment \(route.duration), checker \(report.duration)") }
        }
    }
}
