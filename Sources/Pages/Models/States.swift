import Domain

// Domain's states and roles as the catalogue names them: `<prefix>_<raw value>`.

extension ParcelStatus: Term {
    public static let cataloguePrefix = "state"
}

extension StopState: Term, TemplateFields {
    public static let cataloguePrefix = "stop"

    /// Whether the driver is done with the stop: every parcel delivered, or every one failed.
    public var isDone: Bool { self == .delivered || self == .failed }

    func templateFields(_ catalogue: Catalogue) -> [String: Any] { ["done": isDone] }
}

extension PlanStatus: Term {
    public static let cataloguePrefix = "run"
}
