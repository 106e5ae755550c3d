import Foundation

/// Where a delivery a recipient was told of stands, as its tracking page says it — from the
/// states of its parcels, never naming them or their carriers.
public enum DeliveryProgress: String, Sendable, Hashable, Codable, CaseIterable {
    /// Planned, not yet on its way.
    case planned
    case onTheWay = "on-the-way"
    case delivered
    case partlyDelivered = "partly-delivered"
    /// Not delivered: the driver could not hand it over, or it goes back.
    case notDelivered = "not-delivered"

    public init(parcels: [ParcelStatus]) {
        let delivered = parcels.filter { $0 == .delivered }.count
        let undeliverable = parcels.filter { $0 == .failed || $0 == .returned }.count
        if !parcels.isEmpty, delivered == parcels.count {
            self = .delivered
        } else if delivered > 0 {
            self = .partlyDelivered
        } else if !parcels.isEmpty, undeliverable == parcels.count {
            self = .notDelivered
        } else {
            self = parcels.contains { $0 == .loaded || $0 == .outForDelivery } ? .onTheWay : .planned
        }
    }

    /// Whether nothing more happens to the delivery today: every parcel delivered, failed or returned.
    public static func isFinished(_ parcels: [ParcelStatus]) -> Bool {
        !parcels.isEmpty && parcels.allSatisfy { $0 == .delivered || $0 == .failed || $0 == .returned }
    }
}

/// The lifetime of a tracking link: it opens when the recipient is told of the delivery and
/// expires `daysAfterDelivery` days after the delivery is finished — or, for a delivery that
/// never finishes (a parcel lost from the records), `daysUnfinished` days after its window.
public struct TrackingLifetime: Sendable, Equatable {
    public var daysAfterDelivery: Int
    public var daysUnfinished: Int

    public init(daysAfterDelivery: Int = 7, daysUnfinished: Int = 30) {
        (self.daysAfterDelivery, self.daysUnfinished) = (daysAfterDelivery, daysUnfinished)
    }

    /// When a link expires: `finishedAt` is the time of the last parcel's final state when all are final.
    public func expiry(windowEnd: Date, finishedAt: Date?) -> Date {
        if let finishedAt { return finishedAt.addingTimeInterval(TimeInterval(daysAfterDelivery) * 86_400) }
        return windowEnd.addingTimeInterval(TimeInterval(daysUnfinished) * 86_400)
    }
}

/// The shape of the secrets in links sent to recipients (tracking, opt-out): 20 random bytes,
/// 160 bits, in unpadded URL-safe base64 — 27 characters. A text of another shape is refused
/// before any lookup.
public enum LinkToken {
    public static let bytes = 20
    public static let length = 27

    public static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == length && text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || byte == 0x2d || byte == 0x5f
        }
    }
}
