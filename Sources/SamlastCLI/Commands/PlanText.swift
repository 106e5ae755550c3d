import Foundation
import Routing

/// A plan as readable text: totals, then each route with its stops and times.
struct PlanText {
    let problem: Problem
    let solution: Solution

    var text: String {
        var lines = [
            "\(problem.name): \(solution.vehiclesUsed) vehicles, distance \(number(solution.distance)), duration \(number(solution.duration)), cost \(number(solution.routeCost))",
        ]
        for (index, route) in solution.routes.enumerated() {
            let vehicle = problem.vehicles[route.vehicleIndex]
            lines.append("")
            lines.append("Route \(index + 1) — vehicle \(vehicle.id) (\(vehicle.type)): \(route.stops.count) stops, distance \(number(route.distance)), duration \(number(route.duration)), waiting \(number(route.waiting)), load at start \(route.loadAtStart.values)")
            lines.append("  depart \(time(route.departure))")
            for stop in route.stops {
                let job = problem.jobs[stop.jobIndex]
                let kind = job.kind == .shipment ? (stop.isShipmentDelivery ? "drop" : "pick") : job.kind.rawValue
                lines.append("  \(time(stop.arrival))  \(kind) \(job.id)\(stop.waiting > 0 ? " (wait \(number(stop.waiting)))" : "")  load \(stop.loadAfter.values)")
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

    private func time(_ seconds: Double) -> String {
        guard let offset = problem.timeZoneOffset else { return number(seconds) }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: offset)
        return formatter.string(from: Date(timeIntervalSince1970: seconds.rounded()))
    }
}
