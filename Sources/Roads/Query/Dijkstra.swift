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
        let n = graph.nodeCount
        var best = [Int64](repeating: .max, count: n)
        var previous = [Int32](repeating: -1, count: n)
        var heap = NodeHeap()
        for seed in sources where seed.key < best[Int(seed.node)] {
            best[Int(seed.node)] = seed.key
            heap.push(seed.key, seed.node)
        }
        while !heap.isEmpty {
            let (key, node32) = heap.pop()
            let node = Int(node32)
            guard key == best[node] else { continue }
            for edge in graph.edges(from: node) {
                let next = Int(graph.edgeTargets[edge])
                let candidate = key + keys[edge]
                if candidate < best[next] {
                    best[next] = candidate
                    previous[next] = node32
                    heap.push(candidate, Int32(next))
                }
            }
        }
        var arrival: (key: Int64, node: Int)?
        for seed in targets where best[Int(seed.node)] != .max {
            let total = best[Int(seed.node)] + seed.key
            if arrival == nil || total < arrival!.key { arrival = (total, Int(seed.node)) }
        }
        guard let arrival else { return nil }
        var nodes = [arrival.node]
        while previous[nodes[nodes.count - 1]] >= 0 { nodes.append(Int(previous[nodes[nodes.count - 1]])) }
        return Result(duration: PathKey.duration(arrival.key), distance: PathKey.distance(arrival.key), nodes: nodes.reversed())
    }
}
