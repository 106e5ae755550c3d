/// One place a vehicle must visit to serve a job: where, for how long, and when.
public struct Stop: Sendable, Hashable {
    /// The stop's own identifier where the source has one (e.g. a benchmark node number);
    /// solution writers fall back to the job id.
    public var id: String?
    /// Index into the problem's locations (and so into its travel matrices).
    public var location: Int
    public var serviceTime: Double
    /// Allowed service start times; several windows (e.g. morning and afternoon) are allowed,
    /// sorted and non-overlapping. Empty means always.
    public var timeWindows: [TimeWindow]

    public init(id: String? = nil, location: Int, serviceTime: Double = 0, timeWindows: [TimeWindow] = []) {
        self.id = id
        self.location = location
        self.serviceTime = serviceTime
        self.timeWindows = timeWindows
    }
}

/// What a job asks a vehicle to do.
public enum JobKind: String, Sendable, Hashable, Codable {
    /// Goods loaded at the vehicle's start depot and dropped at the stop.
    case delivery
    /// Goods picked up at the stop and carried to the vehicle's end depot.
    case pickup
    /// Goods picked up at one stop and delivered at another by the same vehicle (a pair).
    case shipment
}

/// A unit of work: a delivery, a pickup, or a pickup-and-delivery shipment.
public struct Job: Sendable, Hashable {
    /// Caller's identifier, echoed in solutions.
    public var id: String
    public var kind: JobKind
    /// The single stop of a delivery or pickup, or the pickup stop of a shipment.
    public var stop: Stop
    /// The delivery stop of a shipment; nil for the other kinds.
    public var deliveryStop: Stop?
    /// Amount loaded or unloaded, one entry per capacity dimension of the problem.
    public var demand: Amount
    /// Every listed skill must be held by the serving vehicle (e.g. "cold-chain", "tail-lift").
    public var requiredSkills: Set<String>
    /// If non-empty, only vehicles of these types may serve the job.
    public var allowedVehicleTypes: Set<String>
    /// Cost charged when the job is left unassigned. Larger means more important.
    public var unassignedPenalty: Double

    public init(
        id: String, kind: JobKind, stop: Stop, deliveryStop: Stop? = nil, demand: Amount,
        requiredSkills: Set<String> = [], allowedVehicleTypes: Set<String> = [],
        unassignedPenalty: Double = Job.defaultUnassignedPenalty
    ) {
        precondition((kind == .shipment) == (deliveryStop != nil),
                     "a shipment has a delivery stop, other jobs have none")
        self.id = id
        self.kind = kind
        self.stop = stop
        self.deliveryStop = deliveryStop
        self.demand = demand
        self.requiredSkills = requiredSkills
        self.allowedVehicleTypes = allowedVehicleTypes
        self.unassignedPenalty = unassignedPenalty
    }

    /// A penalty far above any route cost in the problems we meet, so that the optimiser
    /// serves every job it can before it saves distance.
    public static let defaultUnassignedPenalty = 1e9

    /// The stops of the job in the order they must be served.
    public var stops: [Stop] { deliveryStop.map { [stop, $0] } ?? [stop] }
}
