/// The cost of a path as one integer ordering paths by duration, then distance:
/// `duration << 26 | distance` (tenths of a second, decimetres). Sums stay exact and in this
/// order for paths shorter than 2^26 dm (6,700 km).
enum PathKey {
    static let distanceBits: Int64 = 26
    static func make(duration: Int64, distance: Int64) -> Int64 { duration << distanceBits + distance }
    static func duration(_ key: Int64) -> Int64 { key >> distanceBits }
    static func distance(_ key: Int64) -> Int64 { key & ((1 << distanceBits) - 1) }
}

/// A place where a search starts or ends, with the cost of getting from the snapped point to
/// the node (or from the node to the point): the two ends of the road the point lies on.
struct Seed: Sendable {
    var node: Int32
    var duration: Int64
    var distance: Int64
    var key: Int64 { PathKey.make(duration: duration, distance: distance) }
}

extension RoadGraph {
    /// Path key of each edge, in edge order.
    func edgeKeys() -> [Int64] {
        (0..<edgeCount).map { PathKey.make(duration: Int64(edgeDurations[$0]), distance: Int64(edgeDistances[$0])) }
    }
}

extension RoadGraph {
    /// Weights of the arc `from → to`, if the graph has it.
    func arc(_ from: Int, _ to: Int) -> (duration: Int32, distance: Int32)? {
        for edge in edges(from: from) where Int(edgeTargets[edge]) == to { return (edgeDurations[edge], edgeDistances[edge]) }
        return nil
    }

    /// Leaving the snapped point: along the road to either end where its direction allows.
    func sourceSeeds(_ snap: Snap) -> [Seed] {
        var seeds: [Seed] = []
        if let forward = arc(snap.from, snap.to) { seeds.append(Seed(node: Int32(snap.to), duration: part(forward.duration, 1 - snap.fraction), distance: part(forward.distance, 1 - snap.fraction))) }
        if let backward = arc(snap.to, snap.from) { seeds.append(Seed(node: Int32(snap.from), duration: part(backward.duration, snap.fraction), distance: part(backward.distance, snap.fraction))) }
        return seeds
    }

    /// Reaching the snapped point: from either end along the road where its direction allows.
    func targetSeeds(_ snap: Snap) -> [Seed] {
        var seeds: [Seed] = []
        if let forward = arc(snap.from, snap.to) { seeds.append(Seed(node: Int32(snap.from), duration: part(forward.duration, snap.fraction), distance: part(forward.distance, snap.fraction))) }
        if let backward = arc(snap.to, snap.from) { seeds.append(Seed(node: Int32(snap.to), duration: part(backward.duration, 1 - snap.fraction), distance: part(backward.distance, 1 - snap.fraction))) }
        return seeds
    }

    /// Travel between two points on the same road without leaving it, if the direction allows.
    func direct(from source: Snap, to target: Snap) -> (duration: Int64, distance: Int64)? {
        guard source.from == target.from && source.to == target.to else { return nil }
        if target.fraction >= source.fraction, let forward = arc(source.from, source.to) {
            return (part(forward.duration, target.fraction - source.fraction), part(forward.distance, target.fraction - source.fraction))
        }
        if target.fraction <= source.fraction, let backward = arc(source.to, source.from) {
            return (part(backward.duration, source.fraction - target.fraction), part(backward.distance, source.fraction - target.fraction))
        }
        return nil
    }

    private func part(_ weight: Int32, _ fraction: Double) -> Int64 { Int64((Double(weight) * fraction).rounded()) }
}

/// A binary min-heap of (key, node) with lazy deletion, reused across searches.
struct NodeHeap {
    private var keys: [Int64] = []
    private var nodes: [Int32] = []

    var isEmpty: Bool { keys.isEmpty }
    mutating func removeAll() { keys.removeAll(keepingCapacity: true); nodes.removeAll(keepingCapacity: true) }

    mutating func push(_ key: Int64, _ node: Int32) {
        keys.append(key); nodes.append(node)
        var i = keys.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard keys[parent] > keys[i] else { break }
            keys.swapAt(parent, i); nodes.swapAt(parent, i)
            i = parent
        }
    }

    mutating func pop() -> (key: Int64, node: Int32) {
        let top = (keys[0], nodes[0])
        let lastKey = keys.removeLast(), lastNode = nodes.removeLast()
        if !keys.isEmpty {
            keys[0] = lastKey; nodes[0] = lastNode
            var i = 0
            while true {
                let left = 2 * i + 1, right = left + 1
                var smallest = i
                if left < keys.count && keys[left] < keys[smallest] { smallest = left }
                if right < keys.count && keys[right] < keys[smallest] { smallest = right }
                guard smallest != i else { break }
                keys.swapAt(smallest, i); nodes.swapAt(smallest, i)
                i = smallest
            }
        }
        return top
    }
}
