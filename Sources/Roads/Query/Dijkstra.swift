/// Plain Dijkstra on the road graph: routes with their node sequence, and the reference the
/// faster matrix computation is tested against. Paths are ordered by duration, then distance.
struct Dijkstra {
    let graph: RoadGraph
    private let keys: [Int64]

    init(graph: RoadGraph) {
        self.graph = graph
        keys = graph.edgeKeys()
    }

    struct Result {
        var duration: Int64
        var distance: Int64
        /// Graph nodes from the first reached node to the last, in travel order.
        var nodes: [Int]
    }

    func shortest(from sources: [Seed], to targets: [Seed]) -> Result? {
        var search = GraphSearch(nodeCount: graph.nodeCount)
        search.run(seeds: sources, first: graph.firstEdge, targets: graph.edgeTargets, keys: keys)
        var arrival: (key: Int64, node: Int)?
        for seed in targets where search.key(Int(seed.node)) != .max {
            let total = search.key(Int(seed.node)) + seed.key
            if arrival == nil || total < arrival!.key { arrival = (total, Int(seed.node)) }
        }
        guard let arrival else { return nil }
        return Result(duration: PathKey.duration(arrival.key), distance: PathKey.distance(arrival.key), nodes: search.path(to: arrival.node))
    }
}
