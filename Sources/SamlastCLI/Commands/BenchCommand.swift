import ArgumentParser
import Foundation
import Routing
import Synchronization

/// `samlast bench`: solve every instance of a benchmark set and compare with best-known solutions.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the optimiser on a benchmark set against best-known solutions.",
        discussion: """
        Solves each instance with the given time limit, verifies the plan with the independent \
        checker, and prints per instance: vehicles, distance, the best-known vehicles and distance, \
        the gap (distance − BKS) / BKS, feasibility and time; then the mean gap per family \
        (C1, R2, lc1, …) and overall.

        With --objective distance, Solomon is compared with the distance-only best-known values \
        (solomon/bks_distance.csv); every other set has hierarchical best-known values only (fewest \
        vehicles first), which a distance-minimising plan may beat with more vehicles (a negative gap).

        Each instance runs single-threaded; --jobs runs several instances at once (faster on a \
        multi-core machine, slightly noisier timings).

        Examples:
          samlast bench --set solomon --time-limit 1s
          samlast bench --set li_lim --time-limit 10s --jobs 2 --csv results/li_lim.csv
        """
    )

    @Option(help: "solomon, li_lim, homberger_200, or a folder with instance files and a bks.csv.")
    var set: String

    @OptionGroup var solver: SolverOptions

    @Option(help: "Folder holding the benchmark sets (default: $SAMLAST_DATA_DIR or the nearest shared/data).")
    var dataDir: String?

    @Option(help: "Only instances whose file name starts with this, e.g. R1 or lc2.")
    var filter: String?

    @Option(help: "How many instances to solve at the same time.")
    var jobs: Int = 1

    @Option(help: "Also write the per-instance results to this CSV file.")
    var csv: String?

    @Option(help: ArgumentHelp("Advanced: annealing start temperature, as a fraction of the mean distance per visit.", visibility: .hidden))
    var startTemperature: Double?

    @Option(help: ArgumentHelp("Advanced: annealing end temperature, as a fraction of the mean distance per visit.", visibility: .hidden))
    var endTemperature: Double?

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
    }

    struct Result: Sendable {
        var instance: String
        var vehicles: Int
        var distance: Double
        var bestKnown: BenchmarkSet.BestKnown?
        var feasible: Bool
        var seconds: Double
        var iterations: Int
        var gap: Double? { bestKnown.map { 100 * (distance - $0.distance) / $0.distance } }
    }

    func run() throws {
        // A named set lives in the data folder; anything else is a folder of its own.
        let directory = BenchmarkSet.namedSets.contains(set)
            ? BenchmarkSet.directory(for: set, dataDirectory: try BenchmarkSet.locateDataDirectory(dataDir)) : set
        let benchmark = try BenchmarkSet(directory: directory, objective: solver.objective, filter: filter)
        var tuned = solver.parameters(default: .seconds(1))
        if let startTemperature { tuned.startTemperature = startTemperature }
        if let endTemperature { tuned.endTemperature = endTemperature }
        let parameters = tuned
        print("bench \(set): \(benchmark.instances.count) instances, \(tuned.timeLimit) each, objective \(solver.objective.rawValue), \(jobs) at a time")
        print(Self.header)

        struct Shared {
            var results: [Result] = []
            var failures: [String] = []
            var next = 0
        }
        let shared = Mutex(Shared())
        DispatchQueue.concurrentPerform(iterations: jobs) { _ in
            while true {
                let index: Int = shared.withLock { state in defer { state.next += 1 }; return state.next }
                guard index < benchmark.instances.count else { return }
                let file = benchmark.instances[index]
                let name = String(file.split(separator: ".").first ?? Substring(file))
                do {
                    let problem = try ProblemReader.read(path: benchmark.directory + "/" + file)
                    let (solution, statistics) = Solver(parameters: parameters).solve(problem)
                    let report = SolutionChecker(problem: problem).check(solution)
                    let result = Result(
                        instance: name, vehicles: solution.vehiclesUsed, distance: report.distance,
                        bestKnown: benchmark.bestKnown[name], feasible: report.isFeasible && solution.unassigned.isEmpty,
                        seconds: statistics.elapsed.seconds, iterations: statistics.iterations)
                    shared.withLock { state in
                        state.results.append(result)
                        print(Self.line(result))
                        if !report.isFeasible { print("  violations: " + report.violations.prefix(3).joined(separator: "; ")) }
                        fflush(nil) // show each instance as it finishes, also when output goes to a file
                    }
                } catch {
                    shared.withLock { state in
                        state.failures.append("\(file): \(error)")
                        print("\(file): \(error)")
                    }
                }
            }
        }
        let (failures, unsorted) = shared.withLock { ($0.failures, $0.results) }
        let results = unsorted.sorted { $0.instance.localizedStandardCompare($1.instance) == .orderedAscending }
        print("")
        print(Self.summary(results))
        if let csv { try OutputFile.write(Self.csv(results), to: csv) }
        if !failures.isEmpty || results.contains(where: { !$0.feasible }) {
            throw CLIError.internalCheck("\(failures.count) instance(s) failed, \(results.filter { !$0.feasible }.count) plan(s) infeasible or incomplete")
        }
    }

    static let header = "instance       veh   distance   bks veh   bks dist     gap %  feasible   time s   iterations"

    static func line(_ result: Result) -> String {
        [result.instance.padded(12, left: true), "\(result.vehicles)".padded(5), String(format: "%.2f", result.distance).padded(10),
         (result.bestKnown.map { "\($0.vehicles)" } ?? "-").padded(9), (result.bestKnown.map { String(format: "%.2f", $0.distance) } ?? "-").padded(10),
         (result.gap.map { String(format: "%.3f", $0) } ?? "-").padded(9), " " + (result.feasible ? "yes" : "NO").padded(8, left: true),
         String(format: "%.2f", result.seconds).padded(7), "\(result.iterations)".padded(12)].joined(separator: " ")
    }

    /// Mean gap, vehicles and feasibility per family and overall.
    static func summary(_ results: [Result]) -> String {
        var families: [String] = []
        var groups: [String: [Result]] = [:]
        for result in results {
            let family = BenchmarkSet.family(of: result.instance)
            if groups[family] == nil { families.append(family) }
            groups[family, default: []].append(result)
        }
        func row(_ name: String, _ group: [Result]) -> String {
            let gaps = group.compactMap(\.gap)
            let meanGap = gaps.isEmpty ? "-" : String(format: "%.3f", gaps.reduce(0, +) / Double(gaps.count))
            let vehicles = group.reduce(0) { $0 + $1.vehicles }
            let bestVehicles = group.compactMap(\.bestKnown).reduce(0) { $0 + $1.vehicles }
            return name.padded(8, left: true) + "\(group.count)".padded(4) + "  mean gap " + meanGap.padded(8)
                + String(format: " %%  vehicles %5d (bks %5d)  infeasible %d  mean time %.2fs", vehicles, bestVehicles,
                         group.filter { !$0.feasible }.count, group.reduce(0) { $0 + $1.seconds } / Double(max(group.count, 1)))
        }
        return (["family  count"] + families.map { row($0, groups[$0]!) } + [row("all", results)]).joined(separator: "\n")
    }

    static func csv(_ results: [Result]) -> String {
        (["instance,vehicles,distance,bks_vehicles,bks_distance,gap_percent,feasible,seconds,iterations"] + results.map {
            [$0.instance, "\($0.vehicles)", String(format: "%.4f", $0.distance), $0.bestKnown.map { "\($0.vehicles)" } ?? "",
             $0.bestKnown.map { String(format: "%.4f", $0.distance) } ?? "", $0.gap.map { String(format: "%.4f", $0) } ?? "",
             $0.feasible ? "true" : "false", String(format: "%.3f", $0.seconds), "\($0.iterations)"].joined(separator: ",")
        }).joined(separator: "\n") + "\n"
    }
}

extension String {
    /// Pads with spaces to `width` characters, on the right (`left: true`) or the left.
    func padded(_ width: Int, left: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - count))
        return left ? self + padding : padding + self
    }
}
