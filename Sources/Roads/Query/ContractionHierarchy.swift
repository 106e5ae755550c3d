/// Contraction hierarchies (Geisberger et al. 2008): nodes are removed one by one, least
/// important first, adding shortcut arcs wherever a removed node lay on the only shortest
/// path between two of its neighbours. A query then searches only upwards, to more important
/// nodes, from both ends, which settles a few hundred nodes instead of the whole graph.
///
/// Arcs carry path keys (duration, then distance), so results equal Dijkstra's exactly.
struct ContractionHierarchy: Sendable {
    /// Upward arcs for searches from sources: `forwardFirst[v]..<forwardFirst[v+1]`.
    let forwardFirst: [Int32]
    let forwardTarget: [Int32]
    let forwardKey: [Int64]
    /// Upward arcs for searches from targets, reversed (an arc u → v stored at v, pointing to u).
    let backwardFirst: [Int32]
    let backwardTarget: [Int32]
    let backwardKey: [Int64]
    let nodeCount: Int
    /// Arcs added by contraction.
    let shortcutCount: Int

    private struct Arc { var node: Int32; var key: Int64 }

    init(graph: RoadGraph) {
        let n = graph.nodeCount
        nodeCount = n
        var outgoing = [[Arc]](repeating: [], count: n), incoming = [[Arc]](repeating: [], count: n)
        let keys = graph.edgeKeys()
        for node in 0..<n {
            for edge in graph.edges(from: node) {
                let target = Int(graph.edgeTargets[edge])
                outgoing[node].append(Arc(node: Int32(target), key: keys[edge]))
                incoming[target].append(Arc(node: Int32(node), key: keys[edge]))
            }
        }
        var contracted = [Bool](repeating: false, count: n)
        var deletedNeighbours = [Int32](repeating: 0, count: n)
        var witness = WitnessSearch(nodeCount: n)
        var upForward = [[Arc]](repeating: [], count: n), upBackward = [[Arc]](repeating: [], count: n)
        var shortcuts = 0

        /// The shortcuts contracting `v` now would need.
        func requiredShortcuts(_ v: Int) -> [(from: Int32, to: Int32, key: Int64)] {
            var result: [(Int32, Int32, Int64)] = []
            let outs = outgoing[v].filter { !contracted[Int($0.node)] }
            guard !outs.isEmpty else { return [] }
            let longestOut = outs.map(\.key).max()!
            for arcIn in incoming[v] where !contracted[Int(arcIn.node)] {
                let u = Int(arcIn.node)
                witness.run(from: u, avoiding: v, limit: arcIn.key + longestOut, outgoing: outgoing, contracted: contracted)
                for arcOut in outs where Int(arcOut.node) != u {
                    let through = arcIn.key + arcOut.key
                    if witness.distance(to: Int(arcOut.node)) > through { result.append((Int32(u), arcOut.node, through)) }
                }
            }
            return result
        }

        func priority(_ v: Int) -> Int64 {
            let degree = incoming[v].filter { !contracted[Int($0.node)] }.count + outgoing[v].filter { !contracted[Int($0.node)] }.count
            return Int64(requiredShortcuts(v).count - degree) * 4 + Int64(deletedNeighbours[v])
        }

        var queue = NodeHeap()
        for v in 0..<n { queue.push(priority(v), Int32(v)) }
        while !queue.isEmpty {
            let (key, node32) = queue.pop()
            let v = Int(node32)
            guard !contracted[v] else { continue }
            // Lazy update: contract only if still the least important.
            let current = priority(v)
            if current > key {
                queue.push(current, node32)
                continue
            }
            for (from, to, key) in requiredShortcuts(v) {
                Self.addOrImprove(&outgoing[Int(from)], Arc(node: to, key: key))
                Self.addOrImprove(&incoming[Int(to)], Arc(node: from, key: key))
                shortcuts += 1
            }
            contracted[v] = true
            for arc in outgoing[v] where !contracted[Int(arc.node)] {
                upForward[v].append(arc)
                deletedNeighbours[Int(arc.node)] += 1
            }
            for arc in incoming[v] where !contracted[Int(arc.node)] {
                upBackward[v].append(arc)
                deletedNeighbours[Int(arc.node)] += 1
            }
        }
        shortcutCount = shortcuts
        (forwardFirst, forwardTarget, forwardKey) = Self.flatten(upForward)
        (backwardFirst, backwardTarget, backwardKey) = Self.flatten(upBackward)
    }

    private static func addOrImprove(_ arcs: inout [Arc], _ arc: Arc) {
        if let index = arcs.firstIndex(where: { $0.node == arc.node }) {
            arcs[index].key = min(arcs[index].key, arc.key)
        } else {
            arcs.append(arc)
        }
    }

    private static func flatten(_ lists: [[Arc]]) -> ([Int32], [Int32], [Int64]) {
        var first: [Int32] = [0], targets: [Int32] = [], keys: [Int64] = []
        for list in lists {
            for arc in list { targets.append(arc.node); keys.append(arc.key) }
            first.append(Int32(targets.count))
        }
        return (first, targets, keys)
    }

    /// Bounded Dijkstra among uncontracted nodes, looking for a path at most as good as a
    /// shortcut; distances are kept between runs and reset via a touched list.
    private struct WitnessSearch {
        private var distances: [Int64]
        private var touched: [Int] = []
        private var heap = NodeHeap()
        static let settleLimit = 500

        init(nodeCount: Int) { distances = [Int64](repeating: .max, count: nodeCount) }

        func distance(to node: Int) -> Int64 { distances[node] }

        mutating func run(from source: Int, avoiding avoided: Int, limit: Int64, outgoing: [[Arc]], contracted: [Bool]) {
            for node in touched { distances[node] = .max }
            touched.removeAll(keepingCapacity: true)
            heap.removeAll()
            distances[source] = 0
            touched.append(source)
            heap.push(0, Int32(source))
            var settled = 0
            while !heap.isEmpty {
                let (key, node32) = heap.pop()
                let node = Int(node32)
                guard key == distances[node] else { continue }
                settled += 1
                if key > limit || settled > Self.settleLimit { break }
                for arc in outgoing[node] {
                    let next = Int(arc.node)
                    guard next != avoided, !contracted[next] else { continue }
                    let candidate = key + arc.key
                    if candidate < distances[next] {
                        if distances[next] == .max { touched.append(next) }
                        distances[next] = candidate
                        heap.push(candidate, arc.node)
                    }
                }
            }
        }
    }
}
