/// Who announces shipments and registers delivery sites, and for whom: a carrier announces
/// what it carries, a shipper what it sends, a recipient registers its own sites; platform
/// admins act for anyone. Viewers and drivers announce nothing.
public enum IntakeRules {
    /// Why an announcement or a registration is refused; `field` names what the request set wrongly.
    public struct Refusal: Error, Sendable, Equatable {
        public var field: String?
        public var reason: String

        public init(field: String? = nil, reason: String) {
            self.field = field
            self.reason = reason
        }
    }

    /// Whether the principal announces shipments at all.
    public static func announces(_ principal: Principal) -> Refusal? {
        if principal.isPlatformAdmin { return nil }
        let kind = principal.organisation.kind
        guard kind == .carrier || kind == .shipper, principal.role == .admin || principal.role == .writer else {
            return Refusal(reason: "a \(principal.role.rawValue) of a \(kind.rawValue) organisation may not announce shipments")
        }
        return nil
    }

    /// The carrier and shipper of a shipment the principal announces, given what the request
    /// names: the announcer is one of them, and may not name another in its own place.
    public static func parties(announcedBy principal: Principal, carrierId: String?, shipperId: String?)
        -> Result<(carrierId: String?, shipperId: String?), Refusal> {
        if let refusal = announces(principal) { return .failure(refusal) }
        let own = principal.organisation.id
        switch principal.organisation.kind {
        case .carrier:
            if let carrierId, carrierId != own { return .failure(Refusal(field: "carrierId", reason: "a carrier announces only its own shipments")) }
            return .success((own, shipperId))
        case .shipper:
            if let shipperId, shipperId != own { return .failure(Refusal(field: "shipperId", reason: "a shipper announces only its own shipments")) }
            return .success((carrierId, own))
        default:
            return .success((carrierId, shipperId))
        }
    }

    /// The recipient a site the principal registers belongs to, given what the request names.
    public static func siteOwner(registeredBy principal: Principal, recipientId: String?) -> Result<String?, Refusal> {
        if principal.isPlatformAdmin { return .success(recipientId) }
        guard principal.organisation.kind == .recipient, principal.role == .admin || principal.role == .writer else {
            return .failure(Refusal(reason: "a \(principal.role.rawValue) of a \(principal.organisation.kind.rawValue) organisation may not register delivery sites"))
        }
        if let recipientId, recipientId != principal.organisation.id {
            return .failure(Refusal(field: "recipientId", reason: "a recipient registers only its own sites"))
        }
        return .success(principal.organisation.id)
    }
}
