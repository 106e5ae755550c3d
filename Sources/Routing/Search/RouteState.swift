/// One vehicle's route during the search, with cached prefix and suffix summaries so that
/// inserting or removing visits can be evaluated in O(1).
///
/// `nodes` starts with the vehicle's start depot and ends with its end depot. For every
/// position `i`: `forward[i]` summarises `nodes[0...i]`, `backward[i]` summarises
/// `nodes[i...]`; loads are stored per dimension at `i * dimensions + d`.
struct RouteState: Sendable {
    let vehicle: Int
    private(set) var nodes: [Int]
    private(set) var forward: [DurationSegment] = []
    private(set) var backward: [DurationSegment] = []
    private(set) var forwardDistance: [Double] = []
    private(set) var backwardDistance: [Double] = []
    private(set) var forwardLoad: [LoadSegment] = []
    private(set) var backwardLoad: [LoadSegment] = []
    /// Number of visits to nodes with gaps between their time windows (needing an exact check).
    private(set) var gappedVisits = 0
    /// `openShipments[i]`: shipments picked up in `nodes[0...i]` and delivered later. A route
    /// may only be cut after `i` (2-opt*) where this is 0.
    private(set) var openShipments: [Int] = []
    private(set) var distance: Double = 0
    private(set) var duration: Double = 0
    /// Fixed cost (when used) + distance and time costs.
    private(set) var cost: Double = 0

    init(vehicle: Int, model: SearchModel) {
        self.vehicle = vehicle
        nodes = [model.startNode(vehicle), model.endNode(vehicle)]
        refresh(model)
    }

    /// Number of task visits (depots excluded).
    var visitCount: Int { nodes.count - 2 }
    var isEmpty: Bool { nodes.count == 2 }
    /// Task visits in order (depots excluded).
    var visits: ArraySlice<Int> { nodes[1..<(nodes.count - 1)] }

    mutating func insert(_ task: Int, at position: Int, model: SearchModel) {
        nodes.insert(task, at: position)
        refresh(model)
    }

    mutating func remove(at positions: [Int], model: SearchModel) {
        for position in positions.sorted(by: >) { nodes.remove(at: position) }
        refresh(model)
    }

    /// Replaces all task visits (depots are kept).
    mutating func replaceVisits(_ tasks: some Collection<Int>, model: SearchModel) {
        nodes.replaceSubrange(1..<(nodes.count - 1), with: tasks)
        refresh(model)
    }

    func position(of task: Int) -> Int? { nodes.firstIndex(of: task) }

    /// Recomputes every cached summary: O(length × dimensions).
    mutating func refresh(_ model: SearchModel) {
        let count = nodes.count, dims = model.dimensions
        let matrix = model.matrices[model.vehicleMatrix[vehicle]]
        forward.removeAll(keepingCapacity: true)
        backward = Array(repeating: model.nodeDuration[nodes[count - 1]], count: count)
        forwardDistance.removeAll(keepingCapacity: true)
        backwardDistance = Array(repeating: 0, count: count)
        forwardLoad.removeAll(keepingCapacity: true)
        backwardLoad = Array(repeating: .empty, count: count * dims)
        gappedVisits = 0
        openShipments.removeAll(keepingCapacity: true)
        var open = 0
        for node in nodes {
            if node < model.taskCount && model.sibling[node] >= 0 { open += model.isShipmentPickup[node] ? 1 : -1 }
            openShipments.append(open)
        }

        var segment = model.nodeDuration[nodes[0]], travelled = 0.0
        forward.append(segment)
        forwardDistance.append(0)
        for d in 0..<dims { forwardLoad.append(model.nodeLoad[nodes[0] * dims + d]) }
        for i in 1..<count {
            let from = model.location[nodes[i - 1]], to = model.location[nodes[i]]
            segment = segment.followed(by: model.nodeDuration[nodes[i]], travel: matrix.duration(from, to))
            travelled += matrix.distance(from, to)
            forward.append(segment)
            forwardDistance.append(travelled)
            for d in 0..<dims {
                forwardLoad.append(forwardLoad[(i - 1) * dims + d].followed(by: model.nodeLoad[nodes[i] * dims + d]))
            }
            if model.hasWindowGaps[nodes[i]] { gappedVisits += 1 }
        }
        for d in 0..<dims { backwardLoad[(count - 1) * dims + d] = model.nodeLoad[nodes[count - 1] * dims + d] }
        for i in stride(from: count - 2, through: 0, by: -1) {
            let from = model.location[nodes[i]], to = model.location[nodes[i + 1]]
            backward[i] = model.nodeDuration[nodes[i]].followed(by: backward[i + 1], travel: matrix.duration(from, to))
            backwardDistance[i] = backwardDistance[i + 1] + matrix.distance(from, to)
            for d in 0..<dims {
                backwardLoad[i * dims + d] = model.nodeLoad[nodes[i] * dims + d].followed(by: backwardLoad[(i + 1) * dims + d])
            }
        }
        distance = travelled
        duration = segment.duration
        cost = isEmpty ? 0 : RouteState.cost(vehicle: vehicle, distance: distance, duration: duration, model: model)
    }

    /// Cost of a non-empty route of `vehicle`.
    @inline(__always)
    static func cost(vehicle: Int, distance: Double, duration: Double, model: SearchModel) -> Double {
        model.fixedCost[vehicle] + model.costPerDistance[vehicle] * distance + model.costPerTime[vehicle] * duration
    }
}
