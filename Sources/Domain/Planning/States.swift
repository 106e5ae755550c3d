/// Where a plan is in the planning queue.
public enum PlanStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case queued, running, done, failed
}

/// How far a stop of a route got, from the states of its parcels.
public enum StopState: String, Sendable, Hashable, Codable, CaseIterable {
    case pending, delivered, failed
    case partlyDelivered = "partly delivered"

    /// Delivered when every parcel is, failed when every parcel failed, pending when none of
    /// them is either, else partly delivered.
    public init(parcels: [ParcelStatus]) {
        let delivered = parcels.filter { $0 == .delivered }.count
        let failed = parcels.filter { $0 == .failed }.count
        self = delivered == parcels.count ? .delivered : failed == parcels.count ? .failed
            : delivered + failed == 0 ? .pending : .partlyDelivered
    }
}
