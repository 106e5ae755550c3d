/// Slack induction by string removals (Christiaens & Vanden Berghe 2020): remove a few
/// strings of consecutive visits from routes near a random seed visit, then put the jobs
/// back one by one at their cheapest place, skipping places at random ("blinks").
struct RuinAndRecreate {
    /// Average number of visits removed per ruin (c̄).
    var averageRemoved = 10.0
    /// Longest string removed from one route (L^max).
    var maximumStringLength = 10.0
    /// Probability of the split-string variant, which keeps a run of visits inside the string.
    var splitRate = 0.5
    /// Probability that ends the growth of the kept run in a split string.
    var splitDepth = 0.01
    /// Probability of skipping a place during insertion.
    var blinkRate = 0.01
    /// A job is only tried in routes that serve one of its this many nearest neighbours (and
    /// in one empty route per vehicle class): far routes never hold its cheapest place, and
    /// skipping them keeps an iteration's cost flat as instances grow.
    var insertionNeighbours = 40

    /// Removes strings around a random visit; returns the removed jobs' first tasks.
    func ruin(_ state: inout SearchState, model: SearchModel, random: inout SeededGenerator) -> [Int] {
        var assignedVisits = 0, usedRoutes = 0
        for route in state.routes where !route.isEmpty {
            assignedVisits += route.visitCount
            usedRoutes += 1
        }
        guard assignedVisits > 0 else { return [] }
        let stringLengthLimit = min(maximumStringLength, Double(assignedVisits) / Double(usedRoutes))
        let maximumStrings = 4 * averageRemoved / (1 + stringLengthLimit) - 1
        let stringCount = Int(random.unit() * maximumStrings) + 1

        var seed = random.below(model.taskCount)
        for _ in 0..<model.taskCount where state.routeOfTask[seed] < 0 { seed = (seed + 1) % model.taskCount }
        guard state.routeOfTask[seed] >= 0 else { return [] }

        var ruinedRoutes: [Int] = []
        var removed: [Int] = []
        let nearby = model.neighbours[seed]
        for k in -1..<nearby.count {
            if ruinedRoutes.count >= stringCount { break }
            let task = k < 0 ? seed : nearby[k]
            let routeIndex = state.routeOfTask[task]
            guard routeIndex >= 0, !ruinedRoutes.contains(routeIndex) else { continue }
            let route = state.routes[routeIndex]
            let cardinality = route.visitCount
            let length = Int(random.unit() * min(Double(cardinality), stringLengthLimit)) + 1
            let position = route.position(of: task)! - 1 // 0-based among visits
            let visits = route.visits
            if length == cardinality || random.unit() >= splitRate {
                let first = max(0, position - length + 1) + random.below(min(position, cardinality - length) - max(0, position - length + 1) + 1)
                removed.append(contentsOf: visits.dropFirst(first).prefix(length))
            } else {
                var kept = 1
                while kept < cardinality - length && random.unit() > splitDepth { kept += 1 }
                let span = length + kept
                let lowest = max(0, position - span + 1), highest = min(position, cardinality - span)
                let first = lowest + random.below(highest - lowest + 1)
                let keptStart = random.below(length + 1)
                let string = visits.dropFirst(first).prefix(span)
                for (offset, visit) in string.enumerated() where offset < keptStart || offset >= keptStart + kept {
                    removed.append(visit)
                }
            }
            ruinedRoutes.append(routeIndex)
        }
        return state.remove(removed, model: model)
    }

    /// Inserts the given jobs (first tasks) and the state's unassigned ones, each at its
    /// cheapest feasible place, in an order drawn from SISR's sort criteria. With
    /// `routeLimit`, no new route is opened once that many routes are in use.
    func recreate(
        _ jobs: [Int], into state: inout SearchState, model: SearchModel, emptyRouteClasses: [[Int]],
        routeLimit: Int = .max, random: inout SeededGenerator
    ) {
        var pending = jobs + state.unassigned
        state.unassigned.removeAll(keepingCapacity: true)
        sort(&pending, model: model, random: &random)

        var tried = [Bool](repeating: false, count: state.routes.count)
        var triedRoutes: [Int] = []
        var usedRoutes = state.usedRoutes
        for job in pending {
            var best: InsertionCandidate?
            func attempt(_ routeIndex: Int, blinking: Bool = true) {
                tried[routeIndex] = true
                triedRoutes.append(routeIndex)
                let route = state.routes[routeIndex]
                let bound = best?.costDelta ?? .infinity
                let blinks = blinking && !route.isEmpty ? blinkRate : 0
                let found = model.sibling[job] >= 0
                    ? model.bestPairInsertion(of: job, into: route, routeIndex: routeIndex, bound: bound, blinkRate: blinks, random: &random)
                    : model.bestInsertion(of: job, into: route, routeIndex: routeIndex, bound: bound, blinkRate: blinks, random: &random)
                if let found { best = found }
            }
            // Routes near the job first, then a new route; all other routes only if neither helped.
            for neighbour in model.neighbours[job].prefix(insertionNeighbours) {
                let route = state.routeOfTask[neighbour]
                if route >= 0 && !tried[route] { attempt(route) }
            }
            if usedRoutes < routeLimit {
                for vehicles in emptyRouteClasses {
                    if let free = vehicles.first(where: { state.routes[$0].isEmpty }) { attempt(free) }
                }
            }
            if best == nil || state.routes[best!.route].isEmpty {
                for (index, route) in state.routes.enumerated() where !route.isEmpty && !tried[index] { attempt(index) }
            }
            if best == nil && blinkRate > 0 {
                // Blinks must never be the reason a job is left out.
                for (index, route) in state.routes.enumerated() where !route.isEmpty { attempt(index, blinking: false) }
            }
            for route in triedRoutes { tried[route] = false }
            triedRoutes.removeAll(keepingCapacity: true)

            guard let best else {
                state.unassigned.append(job)
                continue
            }
            if state.routes[best.route].isEmpty { usedRoutes += 1 }
            if model.sibling[job] >= 0 {
                state.insertPair(job, route: best.route, pickupPosition: best.position, deliveryPosition: best.deliveryPosition, model: model)
            } else {
                state.insert(job, route: best.route, at: best.position, model: model)
            }
        }
    }

    /// SISR's insertion orders: random, larger demand first, farther from the depot first,
    /// closer first; plus, for time windows, tighter windows first and earlier windows first.
    private func sort(_ jobs: inout [Int], model: SearchModel, random: inout SeededGenerator) {
        jobs.shuffle(using: &random)
        let depot = model.location[model.startNode(0)]
        let matrix = model.matrices[0]
        let draw = random.below(13)
        switch draw {
        case 0..<4: break
        case 4..<8:
            let demand = { (t: Int) in (0..<model.dimensions).reduce(0) { $0 + abs(model.nodeLoad[t * model.dimensions + $1].netChange) } }
            jobs.sort { demand($0) > demand($1) }
        case 8..<10: jobs.sort { matrix.distance(depot, model.location[$0]) > matrix.distance(depot, model.location[$1]) }
        case 10: jobs.sort { matrix.distance(depot, model.location[$0]) < matrix.distance(depot, model.location[$1]) }
        case 11: jobs.sort { model.windowEnd[$0] - model.windowStart[$0] < model.windowEnd[$1] - model.windowStart[$1] }
        default: jobs.sort { model.windowStart[$0] < model.windowStart[$1] }
        }
    }
}
