/// Strongly connected components of a road graph (Tarjan's algorithm, iterative). Points
/// snap only to large components, so that a dead-end service road drawn without its
/// connection never becomes a trap from which no route leads out.
public struct StronglyConnectedComponents: Sendable {
    /// Component of each node, numbered from 0.
    public let component: [Int32]
    public let sizes: [Int]

    public init(_ graph: RoadGraph) {
        let n = graph.nodeCount
        var index = [Int32](repeating: -1, count: n), low = [Int32](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var component = [Int32](repeating: -1, count: n)
        var stack: [Int32] = [], sizes: [Int] = []
        var counter: Int32 = 0
        // Explicit call stack: (node, next edge to look at).
        var calls: [(node: Int, edge: Int)] = []
        for root in 0..<n where index[root] < 0 {
            calls.append((root, Int(graph.firstEdge[root])))
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(Int32(root)); onStack[root] = true
            while let (node, edge) = calls.last {
                if edge < Int(graph.firstEdge[node + 1]) {
                    calls[calls.count - 1].edge += 1
                    let next = Int(graph.edgeTargets[edge])
                    if index[next] < 0 {
                        index[next] = counter; low[next] = counter; counter += 1
                        stack.append(Int32(next)); onStack[next] = true
                        calls.append((next, Int(graph.firstEdge[next])))
                    } else if onStack[next] {
                        low[node] = min(low[node], index[next])
                    }
                    continue
                }
                calls.removeLast()
                if let parent = calls.last { low[parent.node] = min(low[parent.node], low[node]) }
                if low[node] == index[node] {
                    let id = Int32(sizes.count)
                    var size = 0
                    while let member = stack.popLast() {
                        onStack[Int(member)] = false
                        component[Int(member)] = id
                        size += 1
                        if Int(member) == node { break }
                    }
                    sizes.append(size)
                }
            }
        }
        self.component = component
        self.sizes = sizes
    }

    /// Components with at least `share` of the largest one's nodes: the networks worth
    /// snapping to (a file may hold several separate networks, e.g. two towns).
    public func mainComponents(share: Double = 0.1) -> Set<Int32> {
        let largest = sizes.max() ?? 0
        return Set(sizes.indices.filter { Double(sizes[$0]) >= share * Double(largest) }.map { Int32($0) })
    }
}
