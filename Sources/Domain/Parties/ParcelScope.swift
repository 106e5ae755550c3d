/// Which parcels a principal may see, as one rule that both the Swift check of a single parcel
/// (`admits`) and the database filter of a list are made from: the rule is decided here, once;
/// a store only translates each case into its query language, and a test walks every party
/// over every parcel to hold the two to the same answer.
///
/// - Platform admins: every parcel; other platform accounts: none.
/// - Municipalities: refused — they see aggregated figures, never a single parcel.
/// - Hub operators: the parcels of the hubs they operate.
/// - Carriers, shippers, recipients: the parcels they carry, send or receive.
/// - Drivers: the parcels on routes dispatched to them.
public enum ParcelScope: Sendable, Hashable {
    case all
    case none
    /// Not a question this principal may ask, with the reason to give.
    case refused(String)
    case carriedBy(organisation: String)
    case sentBy(organisation: String)
    case receivedBy(organisation: String)
    case atHubsOperatedBy(organisation: String)
    case onRoutesDrivenBy(account: String)

    /// What a parcel is to the rules: its parties, the operator of its hub, and the accounts
    /// whose dispatched routes carry it.
    public struct Facts: Sendable, Hashable {
        public var parcel: Parcel
        public var hubOperatorId: String?
        public var drivenBy: Set<String>

        public init(parcel: Parcel, hubOperatorId: String?, drivenBy: Set<String> = []) {
            self.parcel = parcel
            self.hubOperatorId = hubOperatorId
            self.drivenBy = drivenBy
        }
    }

    /// The parcels `principal` may see.
    public static func of(_ principal: Principal) -> ParcelScope {
        let organisation = principal.organisation
        if principal.role == .driver {
            guard let account = principal.accountId else { return .none }
            return .onRoutesDrivenBy(account: account)
        }
        switch organisation.kind {
        case .platform: return principal.role == .admin ? .all : .none
        case .municipality: return .refused("municipalities see aggregated figures (/v1/stats), not single parcels")
        case .hubOperator: return .atHubsOperatedBy(organisation: organisation.id)
        case .carrier: return .carriedBy(organisation: organisation.id)
        case .shipper: return .sentBy(organisation: organisation.id)
        case .recipient: return .receivedBy(organisation: organisation.id)
        }
    }

    /// Whether a parcel with these facts is in the scope.
    public func admits(_ facts: Facts) -> Bool {
        switch self {
        case .all: true
        case .none, .refused: false
        case .carriedBy(let organisation): facts.parcel.carrierId == organisation
        case .sentBy(let organisation): facts.parcel.shipperId == organisation
        case .receivedBy(let organisation): facts.parcel.recipientId == organisation
        case .atHubsOperatedBy(let organisation): facts.hubOperatorId == organisation
        case .onRoutesDrivenBy(let account): facts.drivenBy.contains(account)
        }
    }
}
