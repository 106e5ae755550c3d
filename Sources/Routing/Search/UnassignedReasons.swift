/// Explains why a job cannot be served: first whether any single vehicle could serve it on
/// its own (skills, capacity, time windows, range), which is decided before the search.
enum UnassignedReasons {
    /// Jobs that no vehicle can serve even on an otherwise empty route, keyed by first task.
    static func impossibleTasks(in model: SearchModel) -> [Int: String] {
        var result: [Int: String] = [:]
        for task in 0..<model.taskCount where model.sibling[task] < 0 || model.isShipmentPickup[task] {
            if let reason = reasonNoVehicleCanServe(task, model: model) { result[task] = reason }
        }
        return result
    }

    /// The reason why no vehicle can serve the job starting at `task` alone, or nil if one can.
    static func reasonNoVehicleCanServe(_ task: Int, model: SearchModel) -> String? {
        let tasks = model.sibling[task] >= 0 ? [task, model.sibling[task]] : [task]
        var skilled = false, roomy = false, inTime = false, inRange = false
        for vehicle in 0..<model.vehicleCount {
            guard tasks.allSatisfy({ model.canServe[vehicle * model.taskCount + $0] }) else { continue }
            skilled = true
            var route = RouteState(vehicle: vehicle, model: model)
            route.replaceVisits(tasks, model: model)
            let dims = model.dimensions
            let fits = (0..<dims).allSatisfy { route.forwardLoad(route.nodes.count - 1, $0, dimensions: dims).peakLoad <= model.capacity[vehicle * dims + $0] }
            guard fits else { continue }
            roomy = true
            let timely = route.forward(route.nodes.count - 1).timeWarp == 0
                && (route.gappedVisits == 0 || model.scheduleIsFeasible(route.nodes, vehicle: vehicle))
            guard timely else { continue }
            inTime = true
            guard route.duration <= model.maxDuration[vehicle] else { continue }
            inRange = true
            if route.distance <= model.maxDistance[vehicle] { return nil }
        }
        if !skilled { return "no vehicle has the required skills and an allowed vehicle type" }
        if !roomy { return "demand exceeds every suitable vehicle's capacity" }
        if !inTime { return "time window closes before any vehicle can arrive (or return within its shift)" }
        if !inRange { return "serving it alone exceeds every suitable vehicle's maximum route duration" }
        return "serving it alone exceeds every suitable vehicle's maximum route distance"
    }

    /// Reason for a job that could be served alone but found no room in the final plan.
    static let noRoom = "no room left in any route within capacity, time windows and route limits (more vehicles or a longer search may help)"
}
