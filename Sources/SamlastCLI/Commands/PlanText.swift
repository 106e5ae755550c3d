import Foundation
import Routing

/// A plan as readable text: totals, then each route with its stops and times.
struct PlanText {
    let problem: Problem
    let solution: Solution

    var text: String {
        var lines = [
            "\(problem.name): \(solution.vehiclesUsed) vehicles, distance \(distance(solution.distance)), duration \(duration(solution.duration)), cost \(number(solution.routeCost))",
        ]
        for (index, route) in solution.routes.enumerated() {
            let vehicle = problem.vehicles[route.vehicleIndex]
            lines.append("")
            lines.append("Route \(index + 1) — vehicle \(vehicle.id) (\(vehicle.type)): \(route.stops.count) stops, distance \(distance(route.distance)), duration \(duration(route.duration)), waiting \(duration(route.waiting)), load at start \(route.loadAtStart.values)")
            lines.append("  depart \(time(route.departure))")
            for stop in route.stops {
                let job = problem.jobs[stop.jobIndex]
                let kind = job.kind == .shipment ? (stop.isShipmentDelivery ? "drop" : "pick") : job.kind.rawValue
                lines.append("  \(time(stop.arrival))  \(kind) \(job.id)\(stop.waiting > 0 ? " (wait \(duration(stop.waiting)))" : "")  load \(stop.loadAfter.values)")
            }
            lines.append("  return \(time(route.arrival))")
        }
        if !solution.unassigned.isEmpty {
            lines.append("")
            lines.append("Unassigned jobs:")
            for job in solution.unassigned { lines.append("  \(problem.jobs[job.jobIndex].id): \(job.reason)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func number(_ value: Double) -> String { String(format: "%.2f", value) }

    /// Real-world problems (with coordinates) are in metres and seconds; benchmarks are unitless.
    private var hasUnits: Bool { problem.coordinates != nil }

    private func distance(_ metres: Double) -> String { hasUnits ? String(format: "%.1f km", metres / 1000) : number(metres) }

    private func duration(_ seconds: Double) -> String {
        guard hasUnits else { return number(seconds) }
        let minutes = Int((seconds / 60).rounded())
        return minutes >= 60 ? "\(minutes / 60) h \(minutes % 60) min" : "\(minutes) min"
    }

    private func time(_ seconds: Double) -> String {
        guard let offset = problem.timeZoneOffset else { return number(seconds) }
        return ISO8601DateTime.format(Date(timeIntervalSince1970: seconds.rounded()), offsetSeconds: offset)
    }
}
