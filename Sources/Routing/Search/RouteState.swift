/// Cached summaries at one position of a route.
struct PositionSummary: Sendable {
    /// Timing of `nodes[0...i]` and of `nodes[i...]`.
    var forward: DurationSegment
    var backward: DurationSegment
    var forwardDistance: Double
    var backwardDistance: Double
    /// Shipments picked up in `nodes[0...i]` and delivered later. A route may only be cut
    /// after `i` (2-opt*) where this is 0.
    var openShipments: Int
}

/// One vehicle's route during the search, with cached prefix and suffix summaries so that
/// inserting or removing visits can be evaluated in O(1).
///
/// `nodes` starts with the vehicle's start depot and ends with its end depot. Loads are
/// stored per position and dimension: forward (`nodes[0...i]`) at `i * 2d + k`, backward
/// (`nodes[i...]`) at `i * 2d + d + k`, for `d` dimensions.
struct RouteState: Sendable {
    let vehicle: Int
    private(set) var nodes: [Int]
    private(set) var summaries: [PositionSummary] = []
    private(set) var loads: [LoadSegment] = []
    /// Number of visits to nodes with gaps between their time windows (needing an exact check).
    private(set) var gappedVisits = 0
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

    @inline(__always) func forward(_ i: Int) -> DurationSegment { summaries[i].forward }
    @inline(__always) func backward(_ i: Int) -> DurationSegment { summaries[i].backward }
    @inline(__always) func forwardLoad(_ i: Int, _ d: Int, dimensions: Int) -> LoadSegment { loads[i * 2 * dimensions + d] }
    @inline(__always) func backwardLoad(_ i: Int, _ d: Int, dimensions: Int) -> LoadSegment { loads[i * 2 * dimensions + dimensions + d] }

    mutating func insert(_ task: Int, at position: Int, model: SearchModel) {
        nodes.insert(task, at: position)
        refresh(model)
    }

    /// Replaces all task visits (depots are kept).
    mutating func replaceVisits(_ tasks: some Collection<Int>, model: SearchModel) {
        nodes.replaceSubrange(1..<(nodes.count - 1), with: tasks)
        refresh(model)
    }

    func position(of task: Int) -> Int? { nodes.firstIndex(of: task) }

    /// Recomputes every cached summary in place: O(length × dimensions).
    mutating func refresh(_ model: SearchModel) {
        let count = nodes.count, dims = model.dimensions
        let distances = model.distances(of: vehicle), durations = model.durations(of: vehicle)
        let n = model.locationCount
        let zero = DurationSegment(duration: 0, timeWarp: 0, earliest: 0, latest: 0)
        if summaries.count != count {
            summaries = Array(repeating: PositionSummary(forward: zero, backward: zero, forwardDistance: 0, backwardDistance: 0, openShipments: 0), count: count)
            loads = Array(repeating: .empty, count: count * 2 * dims)
        }
        gappedVisits = 0
        nodes.withUnsafeBufferPointer { nodes in
            summaries.withUnsafeMutableBufferPointer { summaries in
                loads.withUnsafeMutableBufferPointer { loads in
                    let first = nodes[0]
                    summaries[0].forward = model.nodeDuration[first]
                    summaries[0].forwardDistance = 0
                    summaries[0].openShipments = 0
                    for d in 0..<dims { loads[d] = model.nodeLoad[first * dims + d] }
                    var open = 0
                    for i in 1..<count {
                        let node = nodes[i], from = model.location[nodes[i - 1]], to = model.location[node]
                        summaries[i].forward = summaries[i - 1].forward.followed(by: model.nodeDuration[node], travel: durations[from * n + to])
                        summaries[i].forwardDistance = summaries[i - 1].forwardDistance + distances[from * n + to]
                        if node < model.taskCount && model.sibling[node] >= 0 { open += model.isShipmentPickup[node] ? 1 : -1 }
                        summaries[i].openShipments = open
                        for d in 0..<dims {
                            loads[i * 2 * dims + d] = loads[(i - 1) * 2 * dims + d].followed(by: model.nodeLoad[node * dims + d])
                        }
                        if model.hasWindowGaps[node] { gappedVisits += 1 }
                    }
                    let last = nodes[count - 1]
                    summaries[count - 1].backward = model.nodeDuration[last]
                    summaries[count - 1].backwardDistance = 0
                    for d in 0..<dims { loads[(count - 1) * 2 * dims + dims + d] = model.nodeLoad[last * dims + d] }
                    for i in stride(from: count - 2, through: 0, by: -1) {
                        let node = nodes[i], from = model.location[node], to = model.location[nodes[i + 1]]
                        summaries[i].backward = model.nodeDuration[node].followed(by: summaries[i + 1].backward, travel: durations[from * n + to])
                        summaries[i].backwardDistance = summaries[i + 1].backwardDistance + distances[from * n + to]
                        for d in 0..<dims {
                            loads[i * 2 * dims + dims + d] = model.nodeLoad[node * dims + d].followed(by: loads[(i + 1) * 2 * dims + dims + d])
                        }
                    }
                }
            }
        }
        distance = summaries[count - 1].forwardDistance
        duration = summaries[count - 1].forward.duration
        cost = isEmpty ? 0 : RouteState.cost(vehicle: vehicle, distance: distance, duration: duration, model: model)
    }

    /// Cost of a non-empty route of `vehicle`.
    @inline(__always)
    static func cost(vehicle: Int, distance: Double, duration: Double, model: SearchModel) -> Double {
        model.fixedCost[vehicle] + model.costPerDistance[vehicle] * distance + model.costPerTime[vehicle] * duration
    }
}
