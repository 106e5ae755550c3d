import Foundation

/// Evidence that a parcel reached its recipient.
public struct ProofOfDelivery: Sendable, Hashable, Codable {
    public var receiverName: String
    /// Reference to a stored photo, if one was taken.
    public var photoReference: String?

    public init(receiverName: String, photoReference: String? = nil) {
        self.receiverName = receiverName
        self.photoReference = photoReference
    }
}

/// Something that happened to a parcel. Events are appended, never changed; the parcel's
/// state is derived from them.
public struct ParcelEvent: Sendable, Hashable, Codable {
    public enum Kind: Sendable, Hashable, Codable {
        case announced
        case arrivedAtHub
        case sorted
        case loaded(routeId: String)
        case outForDelivery(routeId: String)
        case delivered(ProofOfDelivery)
        case failed(reason: String)
        case returned
    }

    /// The system or organisation that reported the event; with `eventId`, the idempotency key.
    public var source: String
    public var eventId: String
    public var parcelId: String
    public var kind: Kind
    /// When it happened (the reporter's clock), which orders the log.
    public var time: Date

    public init(source: String, eventId: String, parcelId: String, kind: Kind, time: Date) {
        self.source = source
        self.eventId = eventId
        self.parcelId = parcelId
        self.kind = kind
        self.time = time
    }
}

/// Where a parcel is, derived from its events.
public enum ParcelStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case announced, atHub = "at-hub", sorted, loaded, outForDelivery = "out-for-delivery", delivered, failed, returned

    /// Whether a plan of the day takes the parcel: announced to the hub or there, not yet loaded.
    public var isPlannable: Bool { self == .announced || self == .atHub || self == .sorted }

    /// The statuses a plan takes parcels in.
    public static var plannable: [ParcelStatus] { allCases.filter(\.isPlannable) }
}
