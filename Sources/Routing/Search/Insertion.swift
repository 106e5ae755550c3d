/// The cheapest feasible place for a job in a route, found with O(1) checks per position.
struct InsertionCandidate {
    var costDelta: Double
    var route: Int
    /// Position the (first) task takes in the route's `nodes`.
    var position: Int
    /// For shipments: position of the delivery in `nodes` after the pickup went in.
    var deliveryPosition: Int = 0
}

extension SearchModel {
    /// Whether the load summary respects `vehicle`'s capacity in every dimension.
    @inline(__always)
    func fits(_ loads: UnsafeBufferPointer<LoadSegment>, vehicle: Int) -> Bool {
        for d in 0..<dimensions where loads[d].peakLoad > capacity[vehicle * dimensions + d] { return false }
        return true
    }

    /// Exact schedule check of a whole node sequence, for routes visiting nodes whose time
    /// windows have gaps (the O(1) summaries use each node's window hull).
    func scheduleIsFeasible(_ nodes: [Int], vehicle: Int) -> Bool {
        let matrix = matrices[vehicleMatrix[vehicle]]
        var time = windowStart[nodes[0]]
        for i in 1..<nodes.count {
            time += serviceTime[nodes[i - 1]] + matrix.duration(location[nodes[i - 1]], location[nodes[i]])
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
        let matrix = matrices[vehicleMatrix[vehicle]]
        let n = matrix.count
        let cpd = costPerDistance[vehicle], cpt = costPerTime[vehicle]
        let fixed = route.isEmpty ? fixedCost[vehicle] : 0
        let taskLocation = location[task], taskSegment = nodeDuration[task]
        let latestStart = windowEnd[task]
        let nodes = route.nodes
        var best: InsertionCandidate?
        var bestCost = bound

        // Load does not depend on the position for depot deliveries and pickups, but in
        // general (shipments on board) it does; check it per position.
        var loads = [LoadSegment](repeating: .empty, count: dimensions)
        return matrix.distances.withUnsafeBufferPointer { dist in
            matrix.durations.withUnsafeBufferPointer { time in
                loads.withUnsafeMutableBufferPointer { loads in
                    for position in 1..<nodes.count {
                        let before = nodes[position - 1], after = nodes[position]
                        let a = location[before], b = location[after]
                        let prefix = route.forward[position - 1]
                        // Arriving after the window closes here means also at every later position
                        // (travel times obey the triangle inequality): stop.
                        if prefix.earliest + prefix.duration - prefix.timeWarp + time[a * n + taskLocation] > latestStart { break }
                        let addedDistance = dist[a * n + taskLocation] + dist[taskLocation * n + b] - dist[a * n + b]
                        if cpt == 0 && fixed + cpd * addedDistance >= bestCost { continue }
                        if blinkRate > 0 && random.unit() < blinkRate { continue }
                        for d in 0..<dimensions {
                            loads[d] = route.forwardLoad[(position - 1) * dimensions + d]
                                .followed(by: nodeLoad[task * dimensions + d])
                                .followed(by: route.backwardLoad[position * dimensions + d])
                        }
                        guard fits(UnsafeBufferPointer(loads), vehicle: vehicle) else { continue }
                        let segment = prefix.followed(by: taskSegment, travel: time[a * n + taskLocation])
                            .followed(by: route.backward[position], travel: time[taskLocation * n + b])
                        guard segment.timeWarp == 0, segment.duration <= maxDuration[vehicle] else { continue }
                        let newDistance = route.distance + addedDistance
                        guard newDistance <= maxDistance[vehicle] else { continue }
                        let delta = fixed + cpd * addedDistance + cpt * (segment.duration - route.duration)
                        guard delta < bestCost else { continue }
                        if route.gappedVisits > 0 || hasWindowGaps[task] {
                            var candidate = nodes
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
        let matrix = matrices[vehicleMatrix[vehicle]]
        let cpd = costPerDistance[vehicle], cpt = costPerTime[vehicle]
        let fixed = route.isEmpty ? fixedCost[vehicle] : 0
        let pickupLocation = location[pickup], deliveryLocation = location[delivery]
        let nodes = route.nodes, count = nodes.count, dims = dimensions
        var best: InsertionCandidate?
        var bestCost = bound
        var inner = [LoadSegment](repeating: .empty, count: dims)
        var full = [LoadSegment](repeating: .empty, count: dims)

        for p in 1..<count {
            let before = nodes[p - 1]
            let prefix = route.forward[p - 1]
            var segment = prefix.followed(by: nodeDuration[pickup], travel: matrix.duration(location[before], pickupLocation))
            if segment.timeWarp > 0 {
                if prefix.earliest + prefix.duration - prefix.timeWarp
                    + matrix.duration(location[before], pickupLocation) > windowEnd[pickup] { break }
                continue
            }
            var distance = route.forwardDistance[p - 1] + matrix.distance(location[before], pickupLocation)
            for d in 0..<dims {
                inner[d] = route.forwardLoad[(p - 1) * dims + d].followed(by: nodeLoad[pickup * dims + d])
            }
            var last = pickup
            // The delivery goes in front of nodes[q], for q = p … count-1.
            for q in p..<count {
                let after = nodes[q]
                let toDelivery = matrix.distance(location[last], deliveryLocation)
                let fromDelivery = matrix.distance(deliveryLocation, location[after])
                let newDistance = distance + toDelivery + fromDelivery + route.backwardDistance[q]
                let delta = fixed + cpd * (newDistance - route.distance)
                let skip = (cpt == 0 && delta >= bestCost) || (blinkRate > 0 && random.unit() < blinkRate)
                if !skip && newDistance <= maxDistance[vehicle] {
                    let whole = segment
                        .followed(by: nodeDuration[delivery], travel: matrix.duration(location[last], deliveryLocation))
                        .followed(by: route.backward[q], travel: matrix.duration(deliveryLocation, location[after]))
                    var loadOK = true
                    for d in 0..<dims {
                        full[d] = inner[d].followed(by: nodeLoad[delivery * dims + d]).followed(by: route.backwardLoad[q * dims + d])
                        if full[d].peakLoad > capacity[vehicle * dims + d] { loadOK = false }
                    }
                    let totalDelta = delta + cpt * (whole.duration - route.duration)
                    if loadOK, whole.timeWarp == 0, whole.duration <= maxDuration[vehicle], totalDelta < bestCost {
                        var feasible = true
                        if route.gappedVisits > 0 || hasWindowGaps[pickup] || hasWindowGaps[delivery] {
                            var candidate = nodes
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
                segment = segment.followed(by: nodeDuration[after], travel: matrix.duration(location[last], location[after]))
                distance += matrix.distance(location[last], location[after])
                var overloaded = false
                for d in 0..<dims {
                    inner[d] = inner[d].followed(by: nodeLoad[after * dims + d])
                    if inner[d].peakLoad > capacity[vehicle * dims + d] { overloaded = true }
                }
                if segment.timeWarp > 0 || overloaded { break }
                last = after
            }
        }
        return best
    }
}
