/// Who sees and does what with consolidation zones, trips into them, permits and loading bays.
/// Zone rules and bays are public regulation: every party reads them. Trips, permits and
/// bookings are commercially sensitive: each operator sees its own, the municipality that owns
/// the zone sees the permits asked of it and aggregates of the rest, never one carrier's trips.
public enum ZoneAccess {
    /// Whose trips, permits or bookings a principal reads.
    public enum Scope: Sendable, Equatable {
        case all
        /// The operator's own (a carrier's, or a hub operator's vehicles).
        case operatedBy(String)
        /// Permits asked of the municipality's zones (its case officers decide them).
        case zonesOf(String)
        case refused(String)
    }

    /// Whether the principal writes the municipality's zones and bays and decides permits
    /// (its admins and writers: case officers), or platform admins.
    public static func administers(_ principal: Principal, municipality municipalityId: String) -> HubRules.Access {
        if principal.isPlatformAdmin { return .granted }
        guard principal.organisation.id == municipalityId, principal.organisation.kind == .municipality else { return .stranger }
        return principal.role == .admin || principal.role == .writer ? .granted : .refused
    }

    /// Whether the principal's organisation runs vehicles that enter zones: carriers and hub operators.
    static func operatesVehicles(_ principal: Principal) -> Bool {
        principal.organisation.kind == .carrier || principal.organisation.kind == .hubOperator
    }

    public static func trips(_ principal: Principal) -> Scope {
        if principal.isPlatformAdmin { return .all }
        if principal.role == .driver { return .refused("drivers have no access to zone trips") }
        if operatesVehicles(principal) { return .operatedBy(principal.organisation.id) }
        if principal.organisation.kind == .municipality {
            return .refused("municipalities see zone compliance in aggregate (GET /v1/zones/{zoneId}/compliance), never one operator's trips")
        }
        return .refused("zone trips are the carriers' and hub operators' own")
    }

    /// Whether the principal declares trips for its organisation: carriers' and hub operators' admins and writers.
    public static func declaresTrips(_ principal: Principal) -> Bool {
        operatesVehicles(principal) && (principal.role == .admin || principal.role == .writer)
    }

    public static func permits(_ principal: Principal) -> Scope {
        if principal.isPlatformAdmin { return .all }
        if principal.role == .driver { return .refused("drivers have no access to permits") }
        if operatesVehicles(principal) { return .operatedBy(principal.organisation.id) }
        if principal.organisation.kind == .municipality { return .zonesOf(principal.organisation.id) }
        return .refused("permits are for the operators who apply and the municipality that decides")
    }

    /// Whether the principal applies for exemptions for its organisation.
    public static func appliesForPermits(_ principal: Principal) -> Bool { declaresTrips(principal) }

    public static func bookings(_ principal: Principal) -> Scope {
        if principal.isPlatformAdmin { return .all }
        if operatesVehicles(principal) { return .operatedBy(principal.organisation.id) }
        return .refused("bookings are the operators' own; everyone sees a bay's occupancy without names")
    }

    /// Whether the principal books bays for its organisation's vehicles: its admins, writers and drivers.
    public static func booksBays(_ principal: Principal) -> Bool {
        operatesVehicles(principal) && principal.role != .viewer
    }

    /// Whether the principal sends (`sends`) or reads the municipality's curb events: its admins
    /// and writers send them (sensors and cameras are the municipality's), its staff read them,
    /// platform admins both. Events follow vehicles, pseudonymous or not: carriers, hub
    /// operators and everyone else see only what the events add up to (entries per zone, bay occupancy).
    public static func curbEvents(_ principal: Principal, municipality municipalityId: String, sends: Bool) -> HubRules.Access {
        if principal.isPlatformAdmin { return .granted }
        guard principal.organisation.id == municipalityId, principal.organisation.kind == .municipality else { return .stranger }
        if sends { return principal.role == .admin || principal.role == .writer ? .granted : .refused }
        return principal.role == .driver ? .refused : .granted
    }

    /// Whether a municipality's compliance figures over `operators` operators are withheld:
    /// with fewer than `HubRules.minimumCarriers`, one operator's could be read off them.
    public static func withholdsAggregate(from principal: Principal, operators: Int) -> Bool {
        principal.organisation.kind == .municipality && operators < HubRules.minimumCarriers
    }
}
