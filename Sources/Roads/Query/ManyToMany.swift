/// Distance tables on a contraction hierarchy by bucket search (Knopp et al. 2007): an upward
/// search from every target leaves its distance in "buckets" at the nodes it settles; an upward
/// search from every source then meets them. Cost grows with sources + targets, not their product
/// times the graph.
struct ManyToMany {
    let hierarchy: ContractionHierarchy

    /// Path keys from each source to each target (row-major), `Int64.max` where none exists.
    func table(sources: [[Seed]], targets: [[Seed]]) -> [Int64] {
        let n = hierarchy.nodeCount
        var search = GraphSearch(nodeCount: n)

        // Backward searches: bucket entries (node, target, key), then grouped by node.
        var entries: [(node: Int32, target: Int32, key: Int64)] = []
        for (target, seeds) in targets.enumerated() {
            search.run(seeds: seeds, first: hierarchy.backwardFirst, targets: hierarchy.backwardTarget, keys: hierarchy.backwardKey)
            for node in search.settledNodes { entries.append((Int32(node), Int32(target), search.key(node))) }
        }
        var bucketFirst = [Int32](repeating: 0, count: n + 1)
        for entry in entries { bucketFirst[Int(entry.node) + 1] += 1 }
        for i in 0..<n { bucketFirst[i + 1] += bucketFirst[i] }
        var slot = Array(bucketFirst.dropLast())
        var bucketTarget = [Int32](repeating: 0, count: entries.count), bucketKey = [Int64](repeating: 0, count: entries.count)
        for entry in entries {
            let index = Int(slot[Int(entry.node)])
            bucketTarget[index] = entry.target
            bucketKey[index] = entry.key
            slot[Int(entry.node)] += 1
        }

        let width = targets.count
        var result = [Int64](repeating: .max, count: sources.count * width)
        for (source, seeds) in sources.enumerated() {
            search.run(seeds: seeds, first: hierarchy.forwardFirst, targets: hierarchy.forwardTarget, keys: hierarchy.forwardKey)
            let row = source * width
            for node in search.settledNodes {
                let up = search.key(node)
                for index in Int(bucketFirst[node])..<Int(bucketFirst[node + 1]) {
                    let total = up + bucketKey[index]
                    let cell = row + Int(bucketTarget[index])
                    if total < result[cell] { result[cell] = total }
                }
            }
        }
        return result
    }
}

/// Dijkstra over a graph given as CSR arrays (`first`, `targets`, `keys`): the whole road
/// graph for routes, or a hierarchy's upward arcs for tables. Settles every reachable node,
/// remembers predecessors, and reuses its arrays between runs.
struct GraphSearch {
    private var keys: [Int64]
    private var previous: [Int32]
    private(set) var settledNodes: [Int] = []
    private var touched: [Int] = []
    private var heap = NodeHeap()

    init(nodeCount: Int) {
        keys = [Int64](repeating: .max, count: nodeCount)
        previous = [Int32](repeating: -1, count: nodeCount)
    }

    /// Path key of the best path found to `node`, `Int64.max` if unreached.
    func key(_ node: Int) -> Int64 { keys[node] }

    /// Nodes from the seed the path started at to `node`.
    func path(to node: Int) -> [Int] {
        var nodes = [node]
        while previous[nodes[nodes.count - 1]] >= 0 { nodes.append(Int(previous[nodes[nodes.count - 1]])) }
        return nodes.reversed()
    }

    mutating func run(seeds: [Seed], first: [Int32], targets: [Int32], keys arcKeys: [Int64]) {
        for node in touched {
            keys[node] = .max
            previous[node] = -1
        }
        touched.removeAll(keepingCapacity: true)
        settledNodes.removeAll(keepingCapacity: true)
        heap.removeAll()
        for seed in seeds where seed.key < keys[Int(seed.node)] {
            if keys[Int(seed.node)] == .max { touched.append(Int(seed.node)) }
            keys[Int(seed.node)] = seed.key
            heap.push(seed.key, seed.node)
        }
        while !heap.isEmpty {
            let (key, node32) = heap.pop()
            let node = Int(node32)
            guard key == keys[node] else { continue }
            settledNodes.append(node)
            for arc in Int(first[node])..<Int(first[node + 1]) {
                let next = Int(targets[arc])
                let candidate = key + arcKeys[arc]
                if candidate < keys[next] {
                    if keys[next] == .max { touched.append(next) }
                    keys[next] = candidate
                    previous[next] = node32
                    heap.push(candidate, targets[arc])
                }
            }
        }
    }
}
