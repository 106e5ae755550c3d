/// Who sees what of the hub's emission accounting. Shipment footprints are commercially
/// sensitive (they reveal volumes, weights and recipients), so each party sees its own
/// shipments only; municipalities get aggregates over at least `HubRules.minimumCarriers`
/// carriers, never one shipment.
public enum ImpactRules {
    /// Whose shipment footprints a principal reads.
    public enum FootprintScope: Sendable, Equatable {
        case all
        case carriedBy(String)
        case sentBy(String)
        case atHubsOperatedBy(String)
        case refused(String)
    }

    public static func footprints(_ principal: Principal) -> FootprintScope {
        if principal.isPlatformAdmin { return .all }
        if principal.role == .driver { return .refused("drivers have no access to emission footprints") }
        switch principal.organisation.kind {
        case .carrier: return .carriedBy(principal.organisation.id)
        case .shipper: return .sentBy(principal.organisation.id)
        case .hubOperator: return .atHubsOperatedBy(principal.organisation.id)
        case .municipality: return .refused("municipalities see the hubs' aggregated impact (GET /v1/impact), never one party's shipments")
        default: return .refused("footprints are for the carriers, shippers and hub operators whose shipments they are")
        }
    }

    /// Whether the principal sets `organisationId`'s depot (the counterfactual's start): the
    /// carrier's own admins and writers, and platform admins.
    public static func setsDepot(_ principal: Principal, of organisationId: String) -> Bool {
        if principal.isPlatformAdmin { return true }
        return principal.organisation.id == organisationId && principal.organisation.kind == .carrier
            && (principal.role == .admin || principal.role == .writer)
    }

    /// Whether the principal reads `organisationId`'s depot: the carrier itself, the platform's
    /// admins, and hub operators' staff (whose figures rest on it) — not their drivers.
    public static func readsDepot(_ principal: Principal, of organisationId: String) -> Bool {
        principal.isPlatformAdmin || principal.organisation.id == organisationId
            || (principal.organisation.kind == .hubOperator && principal.role != .driver)
    }

    /// Whether the principal asks for a hub's day to be accounted again (after a factor-table
    /// update, or late events): the hub's staff who may write, and platform admins.
    public static func recomputes(_ principal: Principal, hubOperatedBy operatorId: String) -> HubRules.Access {
        HubRules.access(principal, toHubOperatedBy: operatorId, write: true)
    }
}
