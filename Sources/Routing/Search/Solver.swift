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
    /// Ends the search early, with the best plan so far, once it returns true (checked as
    /// often as the time limit): a server stopping mid-plan, say.
    public var stop: (@Sendable () -> Bool)?

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
/// under simulated annealing, with a local-search descent on the first and the final plan.
/// Deterministic for a seed and an iteration limit; anytime under a time limit.
public struct Solver: Sendable {
    public var parameters: SolverParameters

    public init(parameters: SolverParameters = SolverParameters()) {
        self.parameters = parameters
    }

    /// Solves `problem` (which must pass `validate()`), calling `progress` on each new best.
    public func solve(
        _ problem: Problem, progress: @escaping (SolverProgress) -> Void = { _ in }
    ) -> (solution: Solution, statistics: SolverStatistics) {
        let model = SearchModel(problem: problem, fleetWeight: fleetWeight(problem))
        var run = SearchRun(model: model, parameters: parameters, progress: progress)
        run.construct()
        if parameters.objective == .fleetFirst { run.minimiseFleet() }
        run.anneal()
        run.polish()
        return (SolutionBuilder(model: model).solution(from: run.best),
                SolverStatistics(iterations: run.iteration, elapsed: run.elapsed, improvements: run.improvements))
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

/// One run of the optimiser: the phases of `Solver.solve` and the state they share.
private struct SearchRun {
    let model: SearchModel
    let parameters: SolverParameters
    let progress: (SolverProgress) -> Void
    let operators = RuinAndRecreate()
    let localSearch: LocalSearch
    let classes: [[Int]]
    let clock = ContinuousClock()
    let started: ContinuousClock.Instant
    var random: SeededGenerator
    var current: SearchState
    var currentCost = 0.0
    var best: SearchState
    var bestCost = Double.infinity
    var iteration = 0
    var improvements = 0

    /// Share of the time limit for annealing; the rest is left for the final local search.
    static let annealingShare = 0.98
    /// Penalty of a waiting job in the fleet-first annealing, in mean distances per visit.
    static let waitingPenalty = 20.0

    init(model: SearchModel, parameters: SolverParameters, progress: @escaping (SolverProgress) -> Void) {
        self.model = model
        self.parameters = parameters
        self.progress = progress
        localSearch = LocalSearch(model: model)
        classes = model.emptyRouteClasses()
        started = clock.now
        random = SeededGenerator(seed: parameters.seed)
        current = SearchState(model: model)
        best = current
    }

    var elapsed: Duration { clock.now - started }

    /// A deadline check for the local search, which runs outside the annealing loop.
    var deadline: () -> Bool {
        let clock = clock, started = started, limit = parameters.timeLimit.seconds, stop = parameters.stop
        return { (clock.now - started).seconds >= limit || stop?() == true }
    }

    /// Whether `current` beats `best`: fleet-first compares unassigned jobs, then routes, then
    /// cost, so the capped annealing (which lets jobs wait unassigned) never loses ground.
    var currentIsBetter: Bool {
        guard parameters.objective == .fleetFirst else { return currentCost < bestCost - 1e-9 }
        if current.unassigned.count != best.unassigned.count { return current.unassigned.count < best.unassigned.count }
        if current.usedRoutes != best.usedRoutes { return current.usedRoutes < best.usedRoutes }
        return currentCost < bestCost - 1e-9
    }

    /// Keeps `current` as the best plan if it is better, and reports it.
    mutating func recordIfBest() {
        guard bestCost == .infinity || currentIsBetter else { return }
        best = current
        bestCost = currentCost
        improvements += 1
        progress(SolverProgress(
            elapsed: elapsed, iteration: iteration, cost: bestCost, distance: best.distance,
            vehicles: best.usedRoutes, unassigned: best.unassigned.count + model.impossible.count))
    }

    /// A first plan by cheapest insertion, then a local-search descent.
    mutating func construct() {
        operators.recreate([], into: &current, model: model, emptyRouteClasses: classes, random: &random)
        currentCost = current.cost(model)
        recordIfBest()
        localSearch.improve(&current, shouldStop: deadline)
        currentCost = current.cost(model)
        recordIfBest()
    }

    /// Fleet-first objective: part of the budget removes routes from a complete plan.
    mutating func minimiseFleet() {
        guard current.unassigned.isEmpty else { return }
        let minimiser = FleetMinimisation(model: model, operators: operators, emptyRouteClasses: classes)
        let clock = clock, started = started, stop = parameters.stop
        let limit = parameters.timeLimit.seconds * parameters.fleetMinimisationShare
        let iterationLimit = parameters.iterationLimit / 2
        iteration += minimiser.run(&current, random: &random) { iteration in
            iteration >= iterationLimit || (iteration & 15 == 0 && ((clock.now - started).seconds >= limit || stop?() == true))
        }
        currentCost = current.cost(model)
        recordIfBest()
    }

    /// Ruin and recreate under simulated annealing until the time or iteration limit.
    mutating func anneal() {
        let assigned = model.taskCount - current.unassigned.count
        let scale = max(current.distance, 1e-9) / Double(max(assigned, 1))
        let windowed = model.problem.jobs.contains { !$0.stop.timeWindows.isEmpty || !($0.deliveryStop?.timeWindows.isEmpty ?? true) }
        let t0 = (parameters.startTemperature ?? (windowed ? 3 : 1)) * scale
        let t1 = (parameters.endTemperature ?? (windowed ? 0.1 : 0.03)) * scale
        // Fleet first: keep at most the fleet minimisation's routes, and let jobs wait
        // unassigned at a few visits' cost instead of forcing them into a route.
        var routeLimit = Int.max
        if parameters.objective == .fleetFirst && current.unassigned.isEmpty {
            routeLimit = current.usedRoutes
            model.setUnassignedPenalty(SearchRun.waitingPenalty * scale)
            currentCost = current.cost(model)
            bestCost = best.cost(model)
        }
        defer { if routeLimit != .max { model.setUnassignedPenalty(nil) } }
        let limit = parameters.timeLimit.seconds * SearchRun.annealingShare
        let startSeconds = elapsed.seconds, startIteration = iteration
        var fraction = 0.0
        while iteration < parameters.iterationLimit {
            if iteration & 15 == 0 {
                let seconds = elapsed.seconds
                if seconds >= limit || parameters.stop?() == true { break }
                let byTime = (seconds - startSeconds) / (limit - startSeconds)
                let byIterations = parameters.iterationLimit == .max ? 0
                    : Double(iteration - startIteration) / Double(parameters.iterationLimit - startIteration)
                fraction = max(byTime, byIterations)
            }
            iteration += 1
            let temperature = t0 * pow(t1 / t0, fraction)
            var candidate = current
            let removed = operators.ruin(&candidate, model: model, random: &random)
            operators.recreate(removed, into: &candidate, model: model, emptyRouteClasses: classes, routeLimit: routeLimit, random: &random)
            let candidateCost = candidate.cost(model)
            if candidateCost < currentCost - temperature * log(random.unit()) {
                current = candidate
                currentCost = candidateCost
                recordIfBest()
            }
        }
    }

    /// A final local-search descent on the best plan, within the time limit.
    mutating func polish() {
        current = best
        localSearch.improve(&current, shouldStop: deadline)
        currentCost = current.cost(model)
        recordIfBest()
    }
}
