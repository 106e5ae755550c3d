/// Fleet minimisation of SISR (Christiaens & Vanden Berghe 2020, §5): take a feasible
/// plan, empty one route, and ruin and recreate without opening routes until every job is
/// back in. A candidate is kept if it leaves fewer jobs out, or leaves out jobs that were
/// out less often so far (their "absence" counts), which steers the search towards
/// placing the hard jobs first.
struct FleetMinimisation {
    let model: SearchModel
    let operators: RuinAndRecreate
    let emptyRouteClasses: [[Int]]

    /// Improves `best` (complete, no unassigned jobs) to use fewer routes while `shouldStop`
    /// is false. Returns the number of iterations run.
    func run(_ best: inout SearchState, random: inout SeededGenerator, shouldStop: (Int) -> Bool) -> Int {
        var absences = [Int](repeating: 0, count: model.taskCount)
        var current = best
        removeSmallestRoute(&current, random: &random)
        var iteration = 0
        while !shouldStop(iteration) && best.usedRoutes > 1 {
            iteration += 1
            var candidate = current
            let removed = operators.ruin(&candidate, model: model, random: &random)
            operators.recreate(removed, into: &candidate, model: model, emptyRouteClasses: emptyRouteClasses,
                               routeLimit: current.usedRoutes, random: &random)
            for task in candidate.unassigned { absences[task] += 1 }
            let absentNow = candidate.unassigned.reduce(0) { $0 + absences[$1] }
            let absentBefore = current.unassigned.reduce(0) { $0 + absences[$1] }
            if candidate.unassigned.count < current.unassigned.count || absentNow < absentBefore {
                current = candidate
                if current.unassigned.isEmpty {
                    best = current
                    removeSmallestRoute(&current, random: &random)
                }
            }
        }
        return iteration
    }

    /// Empties the route with the fewest visits (ties at random) into the unassigned jobs.
    private func removeSmallestRoute(_ state: inout SearchState, random: inout SeededGenerator) {
        var smallest: Int?
        for (index, route) in state.routes.enumerated() where !route.isEmpty {
            if smallest == nil || route.visitCount < state.routes[smallest!].visitCount
                || (route.visitCount == state.routes[smallest!].visitCount && random.below(2) == 0) {
                smallest = index
            }
        }
        guard let smallest else { return }
        let removed = state.remove(Array(state.routes[smallest].visits), model: model)
        state.unassigned.append(contentsOf: removed)
    }
}
