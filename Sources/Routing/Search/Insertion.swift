/// The cheapest feasible place for a job in a route, found with O(1) checks per position.
struct InsertionCandidate {
    var costDelta: Double
    var route: Int
    /// Position the (first) task takes in the route's `nodes`.
    var position: Int
    /// For shipments: position of the delivery in `nodes` after the pickup went in.
    var deliveryPosition: Int = 0
}

/// What an insertion needs to know about the route's vehicle, read once per route.
struct VehicleTerms {
    let distances: FixedBuffer<Double>
    let durations: FixedBuffer<Double>
    let costPerDistance: Double
    let costPerTime: Double
    /// The vehicle's fixed cost when the route is still empty, else 0.
    let openingCost: Double
    let maxDuration: Double
    let maxDistance: Double
    /// Index of the vehicle's first capacity entry in `SearchModel.capacity`.
    let capacityBase: Int

    init(route: RouteState, model: SearchModel) {
        let vehicle = route.vehicle
        distances = model.distances(of: vehicle)
        durations = model.durations(of: vehicle)
        costPerDistance = model.costPerDistance[vehicle]
        costPerTime = model.costPerTime[vehicle]
        openingCost = route.isEmpty ? model.fixedCost[vehicle] : 0
        maxDuration = model.maxDuration[vehicle]
        maxDistance = model.maxDistance[vehicle]
        capacityBase = vehicle * model.dimensions
    }
}

extension SearchModel {
    /// Exact schedule check of a whole node sequence, for routes visiting nodes whose time
    /// windows have gaps (the O(1) summaries use each node's window hull).
    func scheduleIsFeasible(_ nodes: [Int], vehicle: Int) -> Bool {
        let durations = durations(of: vehicle), n = locationCount
        var time = windowStart[nodes[0]]
        for i in 1..<nodes.count {
            time += serviceTime[nodes[i - 1]] + durations[location[nodes[i - 1]] * n + location[nodes[i]]]
            guard let window = windows[nodes[i]].isEmpty ? TimeWindow.always : windows[nodes[i]].first(where: { $0.end >= time }) else {
                return false
            }
            time = max(time, window.start)
        }
        return true
    }

    /// Best insertion of a single-stop task into `route`, if cheaper than `bound`.
    /// Each position is skipped with probability `blinkRate` (SISR's "blinks").
    func bestInsertion(
        of task: Int, into route: RouteState, routeIndex: Int, bound: Double,
        blinkRate: Double, random: inout SeededGenerator
    ) -> InsertionCandidate? {
        let vehicle = route.vehicle
        guard canServe[vehicle * taskCount + task] else { return nil }
        let terms = VehicleTerms(route: route, model: self)
        let dist = terms.distances, time = terms.durations, n = locationCount
        let cpd = terms.costPerDistance, cpt = terms.costPerTime, fixed = terms.openingCost
        let capacityBase = terms.capacityBase, dims = dimensions
        let taskLocation = location[task], taskSegment = nodeDuration[task]
        let latestStart = windowEnd[task]
        let exactCheck = route.gappedVisits > 0 || hasWindowGaps[task]
        var best: InsertionCandidate?
        var bestCost = bound
        return route.nodes.withUnsafeBufferPointer { nodes in
            route.summaries.withUnsafeBufferPointer { summaries in
                route.loads.withUnsafeBufferPointer { loads in
                    for position in 1..<nodes.count {
                        let a = location[nodes[position - 1]], b = location[nodes[position]]
                        let prefix = summaries[position - 1].forward
                        let travelIn = time[a * n + taskLocation]
                        // Arriving after the window closes here means also at every later position
                        // (travel times obey the triangle inequality): stop.
                        if prefix.earliest + prefix.duration - prefix.timeWarp + travelIn > latestStart { break }
                        let addedDistance = dist[a * n + taskLocation] + dist[taskLocation * n + b] - dist[a * n + b]
                        if cpt == 0 && fixed + cpd * addedDistance >= bestCost { continue }
                        if blinkRate > 0 && random.unit() < blinkRate { continue }
                        var fits = true
                        for d in 0..<dims {
                            let load = loads[(position - 1) * 2 * dims + d].followed(by: nodeLoad[task * dims + d])
                                .followed(by: loads[position * 2 * dims + dims + d])
                            if load.peakLoad > capacity[capacityBase + d] { fits = false; break }
                        }
                        guard fits else { continue }
                        let segment = prefix.followed(by: taskSegment, travel: travelIn)
                            .followed(by: summaries[position].backward, travel: time[taskLocation * n + b])
                        guard segment.timeWarp == 0, segment.duration <= terms.maxDuration,
                              route.distance + addedDistance <= terms.maxDistance else { continue }
                        let delta = fixed + cpd * addedDistance + cpt * (segment.duration - route.duration)
                        guard delta < bestCost else { continue }
                        if exactCheck {
                            var candidate = Array(nodes)
                            candidate.insert(task, at: position)
                            guard scheduleIsFeasible(candidate, vehicle: vehicle) else { continue }
                        }
                        bestCost = delta
                        best = InsertionCandidate(costDelta: delta, route: routeIndex, position: position)
                    }
                    return best
                }
            }
        }
    }

    /// Best insertion of a shipment (pickup task and its delivery sibling) into `route`:
    /// pickup before delivery, both in this route, cheaper than `bound`.
    func bestPairInsertion(
        of pickup: Int, into route: RouteState, routeIndex: Int, bound: Double,
        blinkRate: Double, random: inout SeededGenerator
    ) -> InsertionCandidate? {
        let vehicle = route.vehicle
        let delivery = sibling[pickup]
        guard canServe[vehicle * taskCount + pickup], canServe[vehicle * taskCount + delivery] else { return nil }
        let terms = VehicleTerms(route: route, model: self)
        let dist = terms.distances, time = terms.durations, n = locationCount
        let cpd = terms.costPerDistance, cpt = terms.costPerTime, fixed = terms.openingCost
        let capacityBase = terms.capacityBase, dims = dimensions
        let pickupLocation = location[pickup], deliveryLocation = location[delivery]
        let exactCheck = route.gappedVisits > 0 || hasWindowGaps[pickup] || hasWindowGaps[delivery]
        let inner = scratchLoads
        var best: InsertionCandidate?
        var bestCost = bound
        return route.nodes.withUnsafeBufferPointer { nodes in
            route.summaries.withUnsafeBufferPointer { summaries in
                route.loads.withUnsafeBufferPointer { loads in
                    let count = nodes.count
                    for p in 1..<count {
                        let a = location[nodes[p - 1]]
                        let prefix = summaries[p - 1].forward
                        var segment = prefix.followed(by: nodeDuration[pickup], travel: time[a * n + pickupLocation])
                        if segment.timeWarp > 0 {
                            if prefix.earliest + prefix.duration - prefix.timeWarp + time[a * n + pickupLocation] > windowEnd[pickup] { break }
                            continue
                        }
                        var distance = summaries[p - 1].forwardDistance + dist[a * n + pickupLocation]
                        for d in 0..<dims { inner[d] = loads[(p - 1) * 2 * dims + d].followed(by: nodeLoad[pickup * dims + d]) }
                        var last = pickupLocation
                        // The delivery goes in front of nodes[q], for q = p … count-1.
                        for q in p..<count {
                            let after = nodes[q], b = location[after]
                            let newDistance = distance + dist[last * n + deliveryLocation] + dist[deliveryLocation * n + b] + summaries[q].backwardDistance
                            let delta = fixed + cpd * (newDistance - route.distance)
                            let skip = (cpt == 0 && delta >= bestCost) || (blinkRate > 0 && random.unit() < blinkRate)
                            if !skip && newDistance <= terms.maxDistance {
                                let whole = segment
                                    .followed(by: nodeDuration[delivery], travel: time[last * n + deliveryLocation])
                                    .followed(by: summaries[q].backward, travel: time[deliveryLocation * n + b])
                                var fits = true
                                for d in 0..<dims {
                                    let load = inner[d].followed(by: nodeLoad[delivery * dims + d]).followed(by: loads[q * 2 * dims + dims + d])
                                    if load.peakLoad > capacity[capacityBase + d] { fits = false; break }
                                }
                                let totalDelta = delta + cpt * (whole.duration - route.duration)
                                if fits, whole.timeWarp == 0, whole.duration <= terms.maxDuration, totalDelta < bestCost {
                                    var feasible = true
                                    if exactCheck {
                                        var candidate = Array(nodes)
                                        candidate.insert(delivery, at: q)
                                        candidate.insert(pickup, at: p)
                                        feasible = scheduleIsFeasible(candidate, vehicle: vehicle)
                                    }
                                    if feasible {
                                        bestCost = totalDelta
                                        best = InsertionCandidate(costDelta: totalDelta, route: routeIndex, position: p, deliveryPosition: q + 1)
                                    }
                                }
                            }
                            guard q < count - 1 else { break }
                            // Extend the part between pickup and delivery by nodes[q].
                            segment = segment.followed(by: nodeDuration[after], travel: time[last * n + b])
                            distance += dist[last * n + b]
                            var overloaded = false
                            for d in 0..<dims {
                                inner[d] = inner[d].followed(by: nodeLoad[after * dims + d])
                                if inner[d].peakLoad > capacity[capacityBase + d] { overloaded = true }
                            }
                            if segment.timeWarp > 0 || overloaded { break }
                            last = b
                        }
                    }
                    return best
                }
            }
        }
    }
}
