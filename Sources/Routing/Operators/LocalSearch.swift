/// A descent over relocate, swap and 2-opt* moves restricted to each visit's nearest
/// neighbours (granular neighbourhoods, Toth & Vigo 2003), applied to the first plan and to
/// the final best. Every move is evaluated in O(1) from the routes' cached summaries.
struct LocalSearch {
    let model: SearchModel
    /// How many nearest neighbours of a visit are considered as its new neighbour.
    var granularity = 20
    private static let epsilon = 1e-7

    init(model: SearchModel) { self.model = model }

    /// A move between visit `u` and visit `v` (always in different routes).
    enum Move: CaseIterable {
        /// Move `u` to just after `v`.
        case relocate
        /// Exchange `u` and `v`.
        case swap
        /// Exchange the tails after `u` and after `v`.
        case twoOptStar
    }

    /// Applies improving moves until none is left or `shouldStop` says so (checked between moves).
    func improve(_ state: inout SearchState, shouldStop: () -> Bool = { false }) {
        var positions = [Int](repeating: -1, count: model.taskCount)
        for route in state.routes { record(route, in: &positions) }
        var improved = true
        while improved {
            improved = false
            for u in 0..<model.taskCount where state.routeOfTask[u] >= 0 {
                if shouldStop() { return }
                for v in model.neighbours[u].prefix(granularity) where state.routeOfTask[v] >= 0 {
                    for move in Move.allCases {
                        if let delta = evaluate(move, u, v, in: state, positions: positions), delta < -LocalSearch.epsilon {
                            let (r1, r2) = (state.routeOfTask[u], state.routeOfTask[v])
                            apply(move, u, v, to: &state)
                            record(state.routes[r1], in: &positions)
                            record(state.routes[r2], in: &positions)
                            improved = true
                            break
                        }
                    }
                }
            }
        }
    }

    private func record(_ route: RouteState, in positions: inout [Int]) {
        for (index, node) in route.nodes.enumerated() where model.isTask(node) { positions[node] = index }
    }

    /// Cost change of a move, or nil when it is not allowed or infeasible. `positions` gives
    /// each task's index in its route's `nodes` (nil: look it up).
    func evaluate(_ move: Move, _ u: Int, _ v: Int, in state: SearchState, positions: [Int]? = nil) -> Double? {
        let r1 = state.routeOfTask[u], r2 = state.routeOfTask[v]
        guard r1 >= 0, r2 >= 0, r1 != r2 else { return nil }
        let route1 = state.routes[r1], route2 = state.routes[r2]
        let i = positions?[u] ?? route1.position(of: u)!, j = positions?[v] ?? route2.position(of: v)!
        let single = model.sibling[u] < 0 && model.sibling[v] < 0
        var new1: RouteEvaluation, new2: RouteEvaluation
        var visits1 = route1.visitCount, visits2 = route2.visitCount
        switch move {
        case .relocate:
            guard model.sibling[u] < 0, model.canServe[route2.vehicle * model.taskCount + u] else { return nil }
            new1 = RouteEvaluation(prefixOf: route1, through: i - 1, model: model)
            new1.append(suffixOf: route1, from: i + 1)
            new2 = RouteEvaluation(prefixOf: route2, through: j, model: model)
            new2.append(node: u)
            new2.append(suffixOf: route2, from: j + 1)
            visits1 -= 1
            visits2 += 1
        case .swap:
            guard single, model.canServe[route2.vehicle * model.taskCount + u],
                  model.canServe[route1.vehicle * model.taskCount + v] else { return nil }
            new1 = RouteEvaluation(prefixOf: route1, through: i - 1, model: model)
            new1.append(node: v)
            new1.append(suffixOf: route1, from: i + 1)
            new2 = RouteEvaluation(prefixOf: route2, through: j - 1, model: model)
            new2.append(node: u)
            new2.append(suffixOf: route2, from: j + 1)
        case .twoOptStar:
            // Tails keep their end depots' summaries, so the vehicles must end alike.
            guard route1.summaries[i].openShipments == 0, route2.summaries[j].openShipments == 0,
                  endsAlike(route1.vehicle, route2.vehicle),
                  tailServable(route2, from: j + 1, by: route1.vehicle),
                  tailServable(route1, from: i + 1, by: route2.vehicle) else { return nil }
            new1 = RouteEvaluation(prefixOf: route1, through: i, model: model)
            new1.append(suffixOf: route2, from: j + 1)
            new2 = RouteEvaluation(prefixOf: route2, through: j, model: model)
            new2.append(suffixOf: route1, from: i + 1)
            visits1 = i + (route2.nodes.count - j - 2)
            visits2 = j + (route1.nodes.count - i - 2)
        }
        guard new1.isFeasible, new2.isFeasible else { return nil }
        if route1.gappedVisits + route2.gappedVisits > 0 || model.hasWindowGaps[u] || model.hasWindowGaps[v] {
            var copy = state
            apply(move, u, v, to: &copy)
            guard model.scheduleIsFeasible(copy.routes[r1].nodes, vehicle: route1.vehicle),
                  model.scheduleIsFeasible(copy.routes[r2].nodes, vehicle: route2.vehicle) else { return nil }
        }
        return new1.cost(visits: visits1) + new2.cost(visits: visits2) - route1.cost - route2.cost
    }

    func apply(_ move: Move, _ u: Int, _ v: Int, to state: inout SearchState) {
        let r1 = state.routeOfTask[u], r2 = state.routeOfTask[v]
        let nodes1 = Array(state.routes[r1].visits), nodes2 = Array(state.routes[r2].visits)
        let i = nodes1.firstIndex(of: u)!, j = nodes2.firstIndex(of: v)!
        var new1 = nodes1, new2 = nodes2
        switch move {
        case .relocate:
            new1.remove(at: i)
            new2.insert(u, at: j + 1)
        case .swap:
            new1[i] = v
            new2[j] = u
        case .twoOptStar:
            new1 = Array(nodes1[...i] + nodes2[(j + 1)...])
            new2 = Array(nodes2[...j] + nodes1[(i + 1)...])
        }
        state.routes[r1].replaceVisits(new1, model: model)
        state.routes[r2].replaceVisits(new2, model: model)
        for task in new1 { state.routeOfTask[task] = r1 }
        for task in new2 { state.routeOfTask[task] = r2 }
    }

    private func endsAlike(_ a: Int, _ b: Int) -> Bool {
        let endA = model.endNode(a), endB = model.endNode(b)
        return model.vehicleMatrix[a] == model.vehicleMatrix[b] && model.location[endA] == model.location[endB]
            && model.nodeDuration[endA] == model.nodeDuration[endB]
    }

    private func tailServable(_ route: RouteState, from index: Int, by vehicle: Int) -> Bool {
        route.vehicle == vehicle || route.nodes[index..<(route.nodes.count - 1)].allSatisfy {
            model.canServe[vehicle * model.taskCount + $0]
        }
    }
}
