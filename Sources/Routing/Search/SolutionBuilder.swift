/// Turns the search's final state into a `Solution` with a schedule for every route:
/// each vehicle departs as late as possible without lengthening its route, then serves each
/// stop at the earliest allowed time.
struct SolutionBuilder {
    let model: SearchModel

    func solution(from state: SearchState) -> Solution {
        let problem = model.problem
        var routes: [SolutionRoute] = []
        for route in state.routes where !route.isEmpty {
            routes.append(schedule(route, vehicle: problem.vehicles[route.vehicle]))
        }
        var unassigned: [UnassignedJob] = []
        for (task, reason) in model.impossible { unassigned.append(UnassignedJob(jobIndex: model.jobOfTask[task], reason: reason)) }
        for task in state.unassigned { unassigned.append(UnassignedJob(jobIndex: model.jobOfTask[task], reason: UnassignedReasons.noRoom)) }
        unassigned.sort { $0.jobIndex < $1.jobIndex }
        return Solution(routes: routes, unassigned: unassigned)
    }

    private func schedule(_ route: RouteState, vehicle: Vehicle) -> SolutionRoute {
        let matrix = model.matrices[model.vehicleMatrix[route.vehicle]]
        let dims = model.dimensions
        let departure = max(vehicle.shift.start, route.forward(route.nodes.count - 1).earliest)
        var load = (0..<dims).map { d in route.visits.reduce(0) { $0 + model.nodeLoad[$1 * dims + d].delivered } }
        let loadAtStart = Amount(load)
        var time = departure, previous = route.nodes[0]
        var stops: [ScheduledStop] = [], waiting = 0.0
        for task in route.visits {
            let arrival = time + matrix.duration(model.location[previous], model.location[task])
            let window = model.windows[task].first(where: { $0.end >= arrival }) ?? .always
            let start = max(arrival, window.start)
            waiting += start - arrival
            for d in 0..<dims { load[d] += model.nodeLoad[task * dims + d].netChange }
            let job = model.jobOfTask[task]
            stops.append(ScheduledStop(
                jobIndex: job, isShipmentDelivery: model.sibling[task] >= 0 && !model.isShipmentPickup[task],
                location: model.location[task], arrival: arrival, serviceStart: start,
                departure: start + model.serviceTime[task], loadAfter: Amount(load)))
            time = start + model.serviceTime[task]
            previous = task
        }
        let end = model.endNode(route.vehicle)
        let arrival = time + matrix.duration(model.location[previous], model.location[end])
        let duration = arrival - departure
        let cost = vehicle.fixedCost + vehicle.costPerDistance * route.distance + vehicle.costPerTime * duration
        return SolutionRoute(
            vehicleIndex: route.vehicle, departure: departure, arrival: arrival, stops: stops,
            distance: route.distance, duration: duration, waiting: waiting, cost: cost, loadAtStart: loadAtStart)
    }
}
