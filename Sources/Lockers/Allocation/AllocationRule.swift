/// How a neutral site shares its compartments between carriers, published so each can check it.
public enum AllocationRule: Hashable, Sendable, Codable {
    /// Any carrier takes any free compartment.
    case firstCome
    /// Contracted carriers are guaranteed a share of the site's compartments (0–1 each, summing to
    /// at most 1); what no contract reserves is first come.
    case quotas([String: Double])

    /// What cannot be about the rule, or nil.
    public var problem: String? {
        guard case .quotas(let shares) = self else { return nil }
        if shares.values.contains(where: { !($0 > 0 && $0 <= 1) }) { return "quotas: each share is above 0 and at most 1" }
        if shares.values.reduce(0, +) > 1 + 1e-9 { return "quotas: the shares sum to more than the whole site" }
        return nil
    }

    /// Whether `carrier` may take one more of `total` compartments when `inUse` holds each
    /// carrier's compartments in use (held or filled): within its own quota always; beyond it
    /// only when what is free exceeds the other carriers' unused quotas, so nobody's guaranteed
    /// share is taken.
    public func allows(_ carrier: String, total: Int, inUse: [String: Int]) -> Bool {
        let free = total - inUse.values.reduce(0, +)
        guard free > 0 else { return false }
        guard case .quotas(let shares) = self else { return true }
        func quota(_ id: String) -> Int { Int((shares[id] ?? 0) * Double(total)) }
        if (inUse[carrier] ?? 0) < quota(carrier) { return true }
        let reservedForOthers = shares.keys.filter { $0 != carrier }.reduce(0) { $0 + max(0, quota($1) - (inUse[$1] ?? 0)) }
        return free > reservedForOthers
    }
}
