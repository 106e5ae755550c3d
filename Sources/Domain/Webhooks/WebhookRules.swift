/// The kinds of event a webhook subscription may ask for: one per parcel event type, named
/// `parcel.<event type>` as the payload's `type` says.
public enum WebhookEventType: String, Sendable, Hashable, Codable, CaseIterable {
    case announced = "parcel.announced"
    case arrivedAtHub = "parcel.arrived-at-hub"
    case sorted = "parcel.sorted"
    case loaded = "parcel.loaded"
    case outForDelivery = "parcel.out-for-delivery"
    case delivered = "parcel.delivered"
    case failed = "parcel.failed"
    case returned = "parcel.returned"

    /// The webhook type of a stored parcel event's type (`delivered` → `parcel.delivered`).
    public init?(eventType: String) { self.init(rawValue: "parcel." + eventType) }
}

/// Who may manage an organisation's webhook subscriptions and read their delivery log, and
/// which parcels' events a subscription receives. A subscription receives exactly what its
/// organisation may see through the API: the rule is `ParcelScope`'s, not a second one.
public enum WebhookRules {
    public enum Access: Sendable, Equatable {
        /// Not the principal's organisation: answer as if the subscription did not exist.
        case stranger
        /// The organisation's, in a role that may not do this; the reason says why.
        case refused(String)
        case granted
    }

    /// The principal's access to subscriptions of `owner`; `write` to create, delete or replay.
    /// Admins and writers manage their organisation's; viewers read them; drivers and
    /// municipalities (which see no single parcel) neither.
    public static func access(_ principal: Principal, toSubscriptionsOf owner: String, write: Bool) -> Access {
        if principal.isPlatformAdmin { return .granted }
        guard principal.organisation.id == owner else { return .stranger }
        if principal.role == .driver { return .refused("drivers have no webhook subscriptions") }
        if case .refused(let reason) = scope(ofSubscriber: principal.organisation) { return .refused(reason) }
        if write && principal.role == .viewer { return .refused("a viewer may read the organisation's webhooks, not change them") }
        return .granted
    }

    /// The parcels whose events a subscription of `organisation` receives: what the
    /// organisation sees (its carrier, shipper, recipient or hub-operator scope); the
    /// platform's own subscriptions, made by its admins, receive every parcel's.
    public static func scope(ofSubscriber organisation: Organisation) -> ParcelScope {
        organisation.kind == .platform ? .all : ParcelScope.of(Principal(organisation: organisation, role: .viewer))
    }
}
