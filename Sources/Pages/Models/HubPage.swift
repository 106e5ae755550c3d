import Domain

/// A hub's day (`GET /ui/hubs/:hubId?date=`): parcels by state, the planning run under way,
/// the current plan with its map, and the forms to plan and dispatch.
public struct HubPage: Page, Codable, Equatable {
    public static let template = "hub"

    public var hubId: String
    public var hubName: String
    /// The day shown, `YYYY-MM-DD`.
    public var date: String
    /// Parcels at the hub per state, in the order to show (every state, zeros too).
    public var parcelCounts: [ParcelCount]
    /// Whether the caller may plan the day and dispatch routes (a writer or admin).
    public var mayEdit: Bool
    /// The operator's drivers a route can be dispatched to.
    public var drivers: [DriverChoice]
    /// Parcels at or announced to the hub that the current plan leaves out.
    public var parcelsOutsidePlan: Int
    /// The latest planning run of the day when it is not the current plan: queued, running or failed.
    public var run: PlanProgress?
    /// The current plan of the day.
    public var plan: PlanSection?

    public init(hubId: String, hubName: String, date: String, parcelCounts: [ParcelCount], mayEdit: Bool, drivers: [DriverChoice],
                parcelsOutsidePlan: Int, run: PlanProgress? = nil, plan: PlanSection? = nil) {
        self.hubId = hubId
        self.hubName = hubName
        self.date = date
        self.parcelCounts = parcelCounts
        self.mayEdit = mayEdit
        self.drivers = drivers
        self.parcelsOutsidePlan = parcelsOutsidePlan
        self.run = run
        self.plan = plan
    }
}

/// How many of the hub's parcels are in one state.
public struct ParcelCount: Sendable, Codable, Equatable {
    public var state: ParcelStatus
    public var count: Int

    public init(state: ParcelStatus, count: Int) {
        self.state = state
        self.count = count
    }
}

/// A planning run that has not become the current plan (yet).
public struct PlanProgress: Sendable, Codable, Equatable {
    public var status: PlanStatus
    /// From 0 to 1.
    public var progress: Double
    /// Why it failed, when it did.
    public var error: String?

    public init(status: PlanStatus, progress: Double, error: String? = nil) {
        self.status = status
        self.progress = progress
        self.error = error
    }
}

/// A driver a route can be dispatched to.
public struct DriverChoice: Sendable, Codable, Equatable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

extension HubPage: TemplateFields {
    func templateFields(_ catalogue: Catalogue) -> [String: Any] {
        [
            // One scope of the plan: it draws the map, and the page shows the plan in several places.
            "plan": plan.map { Scope($0, catalogue) } as Any,
            "canDispatch": mayEdit && !drivers.isEmpty,
            "showsOutsidePlan": parcelsOutsidePlan > 0 && plan != nil,
            "noPlanYet": plan == nil && run == nil,
            // A run under way: the page reloads itself until it is done.
            "refreshes": run.map { $0.status != .failed } ?? false,
        ]
    }
}

extension PlanProgress: TemplateFields {
    func templateFields(_ catalogue: Catalogue) -> [String: Any] {
        [
            "failed": status == .failed,
            "percent": Int(progress * 100),
            "reason": error.map { Text($0) as Any } ?? catalogue.entry("hub_run_unknown_error"),
        ]
    }
}
