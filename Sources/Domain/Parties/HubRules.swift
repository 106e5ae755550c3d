/// Who may see and change what belongs to a hub rather than to one carrier: its fleet, plans,
/// routes and stops, the recipients' access notes, and the aggregated figures. Plans hold
/// every carrier's parcels, so only the hub's own staff (and platform admins) see them.
public enum HubRules {
    /// How far a principal's rights over a hub go.
    public enum Access: Sendable, Equatable {
        /// Not the hub's: answer as if it did not exist.
        case stranger
        /// The hub's staff in a role that may not do this.
        case refused
        case granted
    }

    /// The principal's access to the hub operated by `operatorId`; `write` for changes
    /// (planning, dispatch, fleet), else reading. Drivers act on their routes only (`drives`).
    public static func access(_ principal: Principal, toHubOperatedBy operatorId: String, write: Bool) -> Access {
        if principal.isPlatformAdmin { return .granted }
        guard principal.organisation.kind == .hubOperator, principal.organisation.id == operatorId, principal.role != .driver else {
            return principal.organisation.id == operatorId ? .refused : .stranger
        }
        return !write || principal.role == .admin || principal.role == .writer ? .granted : .refused
    }

    /// Whether the principal drives the route: a driver to whom it was dispatched.
    public static func drives(_ principal: Principal, routeDriver: String?, dispatched: Bool) -> Bool {
        principal.role == .driver && dispatched && routeDriver != nil && routeDriver == principal.accountId
    }

    /// Whether the principal reads a site's access notes (gate codes, where to ring): the
    /// recipient itself, hub staff and drivers, and platform admins — never carriers or shippers.
    public static func readsAccessNotes(_ principal: Principal, ofSiteOf recipientId: String) -> Bool {
        principal.isPlatformAdmin || principal.organisation.id == recipientId || principal.organisation.kind == .hubOperator
    }

    /// Which hubs' aggregated figures a principal sees.
    public enum FiguresScope: Sendable, Equatable {
        case allHubs
        case hubsInMunicipality(String)
        case hubsOperatedBy(String)
        case refused(String)
    }

    /// The fewest carriers whose joint figures a municipality sees: with one or two, each
    /// could read the other's volumes off the totals.
    public static let minimumCarriers = 3

    /// Whether a hub's figures of a period to which `carriers` carriers contributed are withheld
    /// from the principal.
    public static func withholdsFigures(from principal: Principal, carriers: Int) -> Bool {
        principal.organisation.kind == .municipality && carriers < minimumCarriers
    }

    /// Whether a municipality's figure summed over days is withheld: unless every day in it
    /// had at least `minimumCarriers` carriers. Checking the sum alone is not enough — a week's
    /// total minus the days shown would reveal a withheld day — so the unit of disclosure is
    /// the day, and any difference of two shown figures covers only days that may be shown.
    /// - Parameter carriersPerDay: the distinct carriers of each day with deliveries in it.
    public static func withholdsFigures(from principal: Principal, carriersPerDay: [Int]) -> Bool {
        principal.organisation.kind == .municipality && carriersPerDay.contains { $0 < minimumCarriers }
    }

    public static func figures(_ principal: Principal) -> FiguresScope {
        if principal.role == .driver { return .refused("drivers have no access to statistics") }
        if principal.isPlatformAdmin { return .allHubs }
        switch principal.organisation.kind {
        case .municipality: return .hubsInMunicipality(principal.organisation.id)
        case .hubOperator: return .hubsOperatedBy(principal.organisation.id)
        default: return .refused("statistics are for municipalities, hub operators and admins")
        }
    }
}

extension Principal {
    /// An admin of the platform's own organisation: sees and may do everything.
    public var isPlatformAdmin: Bool { organisation.kind == .platform && role == .admin }
}
