import ArgumentParser
import Routing

/// The optimiser's options, the same in every command that solves (`solve`, `bench`,
/// `bench-scaling`); each command has its own default search time.
struct SolverOptions: ParsableArguments {
    @Option(help: "Wall-clock time for the search, e.g. 500ms, 5s, 2m (default: 5s for solve, 1s per instance for bench, 10s for bench-scaling).")
    var timeLimit: TimeLimit?

    @Option(help: "Random seed; the same seed and iteration limit give the same plan.")
    var seed: UInt64 = 1

    @Option(help: "distance / cost: minimise fixed + distance + time costs; hierarchical: fewest vehicles first (literature ranking).")
    var objective: ObjectiveOption = .distance

    /// The search time asked for, else the command's default.
    func duration(default standard: Duration) -> Duration { timeLimit?.duration ?? standard }

    func parameters(default standard: Duration) -> SolverParameters {
        SolverParameters(timeLimit: duration(default: standard), seed: seed, objective: objective.objective)
    }
}
