import Routing
import ArgumentParser
import Foundation

/// A time span on the command line: `500ms`, `5s`, `2m`, or a bare number of seconds.
struct TimeLimit: ExpressibleByArgument, Sendable {
    var duration: Duration

    init?(argument: String) {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, scale) in units where argument.hasSuffix(suffix) {
            guard let value = Double(argument.dropLast(suffix.count)), value > 0 else { return nil }
            duration = .milliseconds(Int64((value * scale * 1000).rounded()))
            return
        }
        guard let seconds = Double(argument), seconds > 0 else { return nil }
        duration = .milliseconds(Int64((seconds * 1000).rounded()))
    }
}


/// `--objective`: `distance` and `cost` are the same for benchmark files (1 per unit of distance).
enum ObjectiveOption: String, ExpressibleByArgument, CaseIterable, Sendable {
    case distance, cost, hierarchical

    var objective: Objective { self == .hierarchical ? .fleetFirst : .cost }
}

extension InstanceFormat: ExpressibleByArgument {}

extension Duration {
    /// "7.6 ms" — for timings people read.
    var milliseconds: String { String(format: "%.1f ms", seconds * 1000) }
}
