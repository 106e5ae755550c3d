/// A complete (possibly partial) assignment during the search: one route per vehicle plus
/// the jobs not in any route. A value type: copying it is cheap (copy-on-write arrays) and
/// only the routes a move touches get copied, which is how rejected moves are undone.
struct SearchState: Sendable {
    var routes: [RouteState]
    /// Route index of each task, -1 when unassigned.
    var routeOfTask: [Int]
    /// First task (the pickup for shipments) of each job that is not in a route and could be.
    var unassigned: [Int]

    /// Every vehicle with an empty route, every possible job unassigned.
    init(model: SearchModel) {
        routes = (0..<model.vehicleCount).map { RouteState(vehicle: $0, model: model) }
        routeOfTask = Array(repeating: -1, count: model.taskCount)
        unassigned = (0..<model.taskCount).filter {
            !(model.sibling[$0] >= 0 && !model.isShipmentPickup[$0]) && model.impossible[$0] == nil
        }
    }

    /// Route costs plus penalties of the unassigned jobs (excluding impossible ones, a constant).
    func cost(_ model: SearchModel) -> Double {
        var total = 0.0
        for route in routes { total += route.cost }
        for task in unassigned { total += model.unassignedPenalty[task] }
        return total
    }

    var usedRoutes: Int { routes.reduce(0) { $0 + ($1.isEmpty ? 0 : 1) } }
    var distance: Double { routes.reduce(0) { $0 + $1.distance } }

    /// Inserts a task (and, for a shipment pickup, nothing else: call twice) at a position.
    mutating func insert(_ task: Int, route: Int, at position: Int, model: SearchModel) {
        routes[route].insert(task, at: position, model: model)
        routeOfTask[task] = route
    }

    /// Inserts a shipment: pickup at `pickupPosition`, delivery at `deliveryPosition` of the
    /// route as it is *after* the pickup went in.
    mutating func insertPair(_ pickup: Int, route: Int, pickupPosition: Int, deliveryPosition: Int, model: SearchModel) {
        let delivery = model.sibling[pickup]
        var visits = Array(routes[route].visits)
        visits.insert(pickup, at: pickupPosition - 1)
        visits.insert(delivery, at: deliveryPosition - 1)
        routes[route].replaceVisits(visits, model: model)
        routeOfTask[pickup] = route
        routeOfTask[delivery] = route
    }

    /// Removes the given tasks (with their shipment siblings) from their routes; returns the
    /// first tasks of the removed jobs.
    mutating func remove(_ tasks: [Int], model: SearchModel) -> [Int] {
        var byRoute: [Int: [Int]] = [:]
        var removedJobs: [Int] = []
        for task in tasks {
            for t in [task, model.sibling[task]] where t >= 0 && routeOfTask[t] >= 0 {
                byRoute[routeOfTask[t], default: []].append(t)
                routeOfTask[t] = -1
            }
            let first = model.sibling[task] >= 0 && !model.isShipmentPickup[task] ? model.sibling[task] : task
            if !removedJobs.contains(first) { removedJobs.append(first) }
        }
        for (route, removed) in byRoute {
            let kept = routes[route].visits.filter { !removed.contains($0) }
            routes[route].replaceVisits(kept, model: model)
        }
        return removedJobs
    }
}
