/// Timing, distance and load of a route assembled from cached prefixes/suffixes and single
/// nodes, so a move is evaluated without building the new route.
struct RouteEvaluation {
    let model: SearchModel
    let vehicle: Int
    private let matrix: TravelMatrix
    private(set) var duration: DurationSegment
    private(set) var distance: Double
    private(set) var loads: [LoadSegment]
    private(set) var last: Int

    /// Starts with `route.nodes[0...index]`.
    init(prefixOf route: RouteState, through index: Int, model: SearchModel) {
        self.model = model
        vehicle = route.vehicle
        matrix = model.matrices[model.vehicleMatrix[vehicle]]
        duration = route.forward(index)
        distance = route.summaries[index].forwardDistance
        loads = (0..<model.dimensions).map { route.forwardLoad(index, $0, dimensions: model.dimensions) }
        last = route.nodes[index]
    }

    mutating func append(node: Int) {
        duration = duration.followed(by: model.nodeDuration[node], travel: matrix.duration(model.location[last], model.location[node]))
        distance += matrix.distance(model.location[last], model.location[node])
        for d in 0..<model.dimensions { loads[d] = loads[d].followed(by: model.nodeLoad[node * model.dimensions + d]) }
        last = node
    }

    /// Appends `route.nodes[index...]` (which ends with that route's end depot).
    mutating func append(suffixOf route: RouteState, from index: Int) {
        let first = route.nodes[index]
        duration = duration.followed(by: route.backward(index), travel: matrix.duration(model.location[last], model.location[first]))
        distance += matrix.distance(model.location[last], model.location[first]) + route.summaries[index].backwardDistance
        for d in 0..<model.dimensions { loads[d] = loads[d].followed(by: route.backwardLoad(index, d, dimensions: model.dimensions)) }
        last = route.nodes[route.nodes.count - 1]
    }

    /// Whether the finished route respects time windows, capacity, duration and distance limits.
    var isFeasible: Bool {
        guard duration.timeWarp == 0, duration.duration <= model.maxDuration[vehicle],
              distance <= model.maxDistance[vehicle] else { return false }
        for d in 0..<model.dimensions where loads[d].peakLoad > model.capacity[vehicle * model.dimensions + d] { return false }
        return true
    }

    /// Cost of the finished route; `visits` is its number of task visits (0 = unused vehicle).
    func cost(visits: Int) -> Double {
        visits == 0 ? 0 : RouteState.cost(vehicle: vehicle, distance: distance, duration: duration.duration, model: model)
    }
}
