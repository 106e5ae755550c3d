import Foundation

/// The plain route-list solution format shared by VRPLIB (`Route #1: 3 7 2`, then
/// `Cost 123.4`) and the SINTEF best-known-solution files (`Route 1 : 3 7 2`). Route entries
/// are stop ids (customer numbers of the instance).
public struct RouteList: Equatable, Sendable {
    public var routes: [[String]]
    public var cost: Double?

    public init(routes: [[String]], cost: Double? = nil) {
        self.routes = routes
        self.cost = cost
    }

    public static func read(text: String, file: String) throws(FormatError) -> RouteList {
        var routes: [[String]] = [], cost: Double?
        var number = 0
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            number += 1
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.lowercased().hasPrefix("route") {
                guard let colon = line.firstIndex(of: ":") else {
                    throw FormatError(file: file, line: number, "expected 'Route #k: stop stop …', found '\(line)'")
                }
                routes.append(line[line.index(after: colon)...].split(separator: " ").map(String.init))
            } else if line.lowercased().hasPrefix("cost") {
                let value = line.dropFirst(4).trimmingCharacters(in: .whitespaces)
                guard let parsed = Double(value) else { throw FormatError(file: file, line: number, "expected 'Cost <number>', found '\(line)'") }
                cost = parsed
            }
        }
        guard !routes.isEmpty else { throw FormatError(file: file, "no 'Route' lines found") }
        return RouteList(routes: routes, cost: cost)
    }

    /// The VRPLIB text: one `Route #k:` line per route, then `Cost`.
    public var text: String {
        var lines = routes.enumerated().map { "Route #\($0.offset + 1): \($0.element.joined(separator: " "))" }
        if let cost { lines.append("Cost \(RouteList.format(cost))") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Integers print without decimals; other values with enough digits to compare with BKS.
    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.4f", value)
    }
}

extension Solution {
    /// The solution as a route list of stop ids, with the total distance as cost
    /// (the literature convention for benchmark instances).
    public func routeList(for problem: Problem) -> RouteList {
        RouteList(routes: routes.map { route in
            route.stops.map { stop in
                let job = problem.jobs[stop.jobIndex]
                let source = stop.isShipmentDelivery ? job.deliveryStop! : job.stop
                return source.id ?? job.id
            }
        }, cost: distance)
    }
}

extension Problem {
    /// Reconstructs routes from a route list by stop ids, assigning vehicles in order.
    /// Throws when an id is unknown or a shipment's stops are split across routes.
    public func routes(from list: RouteList, file: String) throws(FormatError) -> [[(jobIndex: Int, isShipmentDelivery: Bool)]] {
        var byId: [String: (Int, Bool)] = [:]
        for (index, job) in jobs.enumerated() {
            byId[job.stop.id ?? job.id] = (index, false)
            if let delivery = job.deliveryStop { byId[delivery.id ?? "\(job.id)/delivery"] = (index, true) }
        }
        var result: [[(jobIndex: Int, isShipmentDelivery: Bool)]] = []
        for (routeNumber, route) in list.routes.enumerated() {
            var stops: [(jobIndex: Int, isShipmentDelivery: Bool)] = []
            for id in route {
                guard let entry = byId[id] else { throw FormatError(file: file, "route \(routeNumber + 1): stop id '\(id)' is not in the instance") }
                stops.append((entry.0, entry.1))
            }
            result.append(stops)
        }
        return result
    }
}
