import Foundation

/// What the optimiser minimises.
public enum Objective: String, Sendable, CaseIterable, Codable {
    /// Fixed costs + distance and time costs + penalties of unassigned jobs.
    case cost
    /// Fewest vehicles first, then cost: the ranking of the literature benchmarks (Solomon,
    /// Gehring-Homberger, Li & Lim "hierarchical" best-known solutions).
    case fleetFirst = "hierarchical"
}

/// How long and how the optimiser searches.
public struct SolverParameters: Sendable {
    public var timeLimit: Duration
    /// Stop after this many ruin-and-recreate iterations even if time remains.
    public var iterationLimit: Int
    public var seed: UInt64
    public var objective: Objective
    /// Simulated-annealing temperatures as fractions of the mean distance per visit of the
    /// first plan; the temperature falls geometrically from start to end over the run. Nil
    /// picks them by problem class, as tuned on the benchmarks: 3 → 0.1 when jobs have time
    /// windows (Solomon, Li & Lim), 1 → 0.03 without (CVRPLIB X).
    public var startTemperature: Double?
    public var endTemperature: Double?
    /// With the fleet-first objective: share of the time (or half of the iterations) spent on
    /// removing routes before the annealing on cost.
    public var fleetMinimisationShare = 0.5

    public init(
        timeLimit: Duration = .seconds(5), iterationLimit: Int = .max, seed: UInt64 = 1,
        objective: Objective = .cost, startTemperature: Double? = nil, endTemperature: Double? = nil
    ) {
        self.timeLimit = timeLimit
        self.iterationLimit = iterationLimit
        self.seed = seed
        self.objective = objective
        self.startTemperature = startTemperature
        self.endTemperature = endTemperature
    }
}

/// A snapshot reported each time the best solution improves.
public struct SolverProgress: Sendable {
    public var elapsed: Duration
    public var iteration: Int
    public var cost: Double
    public var distance: Double
    public var vehicles: Int
    public var unassigned: Int
}

/// Statistics of a finished run.
public struct SolverStatistics: Sendable {
    public var iterations: Int
    public var elapsed: Duration
    public var improvements: Int
    public var timePerIteration: Duration { iterations > 0 ? elapsed / iterations : .zero }
}

/// The vehicle-routing optimiser: slack induction by string removals (ruin and recreate)
/// under simulated annealing, with a local-search descent on every new best solution.
/// Deterministic for a seed and an iteration limit; anytime under a time limit.
public struct Solver: Sendable {
    public var parameters: SolverParameters

    public init(parameters: SolverParameters = SolverParameters()) {
        self.parameters = parameters
    }

    /// Solves `problem` (which must pass `validate()`), calling `progress` on each new best.
    public func solve(
        _ problem: Problem, progress: (SolverProgress) -> Void = { _ in }
    ) -> (solution: Solution, statistics: SolverStatistics) {
        let clock = ContinuousClock()
        let started = clock.now
        let model = SearchModel(problem: problem, fleetWeight: fleetWeight(problem))
        var random = SeededGenerator(seed: parameters.seed)
        let operators = RuinAndRecreate()
        let localSearch = LocalSearch(model: model)
        let classes = model.emptyRouteClasses()

        let limit = parameters.timeLimit.seconds
        var current = SearchState(model: model)
        operators.recreate([], into: &current, model: model, emptyRouteClasses: classes, random: &random)
        localSearch.improve(&current)
        var currentCost = current.cost(model)
        var best = current, bestCost = currentCost
        var improvements = 0

        var iteration = 0
        if parameters.objective == .fleetFirst && current.unassigned.isEmpty {
            // Spend part of the budget on removing routes, the rest on distance.
            let minimiser = FleetMinimisation(model: model, operators: operators, emptyRouteClasses: classes)
            iteration = minimiser.run(&current, random: &random) { iteration in
                iteration >= parameters.iterationLimit / 2
                    || (iteration & 15 == 0 && (clock.now - started).seconds >= limit * parameters.fleetMinimisationShare)
            }
            currentCost = current.cost(model)
            best = current
            bestCost = currentCost
        }

        let assigned = model.taskCount - current.unassigned.count
        let scale = max(current.distance, 1e-9) / Double(max(assigned, 1))
        let windowed = model.problem.jobs.contains { !$0.stop.timeWindows.isEmpty || !($0.deliveryStop?.timeWindows.isEmpty ?? true) }
        let t0 = (parameters.startTemperature ?? (windowed ? 3 : 1)) * scale
        let t1 = (parameters.endTemperature ?? (windowed ? 0.1 : 0.03)) * scale

        func report(_ iteration: Int) {
            progress(SolverProgress(
                elapsed: clock.now - started, iteration: iteration, cost: bestCost, distance: best.distance,
                vehicles: best.usedRoutes, unassigned: best.unassigned.count + model.impossible.count))
        }
        report(0)

        let annealingStart = clock.now - started, annealingIterations = iteration
        var fraction = 0.0
        while iteration < parameters.iterationLimit {
            if iteration & 15 == 0 {
                let elapsed = clock.now - started
                if elapsed.seconds >= limit { break }
                let byTime = (elapsed - annealingStart).seconds / (limit - annealingStart.seconds)
                let byIterations = parameters.iterationLimit == .max ? 0
                    : Double(iteration - annealingIterations) / Double(parameters.iterationLimit - annealingIterations)
                fraction = max(byTime, byIterations)
            }
            iteration += 1
            let temperature = t0 * pow(t1 / t0, fraction)

            var candidate = current
            let removed = operators.ruin(&candidate, model: model, random: &random)
            operators.recreate(removed, into: &candidate, model: model, emptyRouteClasses: classes, random: &random)
            let candidateCost = candidate.cost(model)
            if candidateCost < currentCost - temperature * log(random.unit()) {
                current = candidate
                currentCost = candidateCost
                if candidateCost < bestCost - 1e-9 {
                    localSearch.improve(&current)
                    currentCost = current.cost(model)
                    best = current
                    bestCost = currentCost
                    improvements += 1
                    report(iteration)
                }
            }
        }
        let solution = SolutionBuilder(model: model).solution(from: best)
        return (solution, SolverStatistics(iterations: iteration, elapsed: clock.now - started, improvements: improvements))
    }

    /// In fleet-first mode every used vehicle costs more than any possible saving in distance.
    private func fleetWeight(_ problem: Problem) -> Double {
        guard parameters.objective == .fleetFirst else { return 0 }
        var longest = 0.0
        for matrix in problem.matrices { longest = max(longest, matrix.distances.max() ?? 0) }
        let perVehicle = problem.vehicles.map { $0.costPerDistance * longest + $0.costPerTime * longest }.max() ?? 1
        return max(1, perVehicle) * Double(2 * (problem.jobs.count + 1))
    }
}

public extension Duration {
    /// The span in seconds, as a floating-point number.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}

extension SearchModel {
    /// Vehicles grouped by everything that matters to a route: an empty route of one of them
    /// is as good as any other's, so insertion tries one empty route per group.
    func emptyRouteClasses() -> [[Int]] {
        var groups: [String: [Int]] = [:], order: [String] = []
        for (index, vehicle) in problem.vehicles.enumerated() {
            var copy = vehicle
            copy.id = ""
            let key = String(describing: copy)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(index)
        }
        return order.map { groups[$0]! }
    }
}
