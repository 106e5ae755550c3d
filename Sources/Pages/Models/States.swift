/// A parcel's state, by the API's names (Domain's `ParcelStatus` raw values).
public enum ParcelState: String, Term {
    case announced, atHub = "at-hub", sorted, loaded, outForDelivery = "out-for-delivery", delivered, failed, returned
    public static let cataloguePrefix = "state"
}

/// A stop's state on a route, from its parcels' events (the API's `StopView.state`).
public enum StopState: String, Term, TemplateFields {
    case pending, delivered, failed, partlyDelivered = "partly delivered"
    public static let cataloguePrefix = "stop"

    /// Whether the driver is done with the stop: every parcel delivered, or every one failed.
    public var isDone: Bool { self == .delivered || self == .failed }

    func templateFields(_ catalogue: Catalogue) -> [String: Any] { ["done": isDone] }
}

/// A planning run's state (the API's `PlanView.status`).
public enum PlanRunStatus: String, Term {
    case queued, running, done, failed
    public static let cataloguePrefix = "run"
}
