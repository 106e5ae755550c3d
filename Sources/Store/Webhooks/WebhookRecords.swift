import Domain
import Foundation

/// A webhook subscription as stored. Its secret is kept as given, since every delivery is
/// signed with it; the API shows it once, when the subscription is made.
public struct WebhookSubscriptionRecord: Codable, Sendable, Equatable {
    public var id: String
    public var organisationId: String
    public var url: String
    /// The event types, space-separated (`parcel.delivered parcel.failed`).
    public var eventTypes: String
    public var secret: String
    public var description: String?
    public var createdBy: String
    public var createdAt: EpochMilliseconds

    public init(id: String, organisationId: String, url: String, eventTypes: [WebhookEventType], secret: String, description: String?,
                createdBy: String, createdAt: EpochMilliseconds) {
        (self.id, self.organisationId, self.url, self.secret) = (id, organisationId, url, secret)
        self.eventTypes = eventTypes.map(\.rawValue).joined(separator: " ")
        (self.description, self.createdBy, self.createdAt) = (description, createdBy, createdAt)
    }

    public var types: [WebhookEventType] { eventTypes.split(separator: " ").compactMap { WebhookEventType(rawValue: String($0)) } }
}

/// A subscription and the organisation it belongs to, whose view of the parcels it receives.
public struct WebhookSubscriber: Sendable {
    public var subscription: WebhookSubscriptionRecord
    public var organisation: Organisation
}

/// A message to put in the outbox: one event for one subscription, its payload fixed when the
/// event is stored.
public struct NewWebhookDelivery: Sendable {
    public var id: String
    public var subscriptionId: String
    public var barcode: String
    public var eventType: WebhookEventType
    public var payload: String

    public init(id: String, subscriptionId: String, barcode: String, eventType: WebhookEventType, payload: String) {
        (self.id, self.subscriptionId, self.barcode, self.eventType, self.payload) = (id, subscriptionId, barcode, eventType, payload)
    }
}

/// A delivery in the outbox, as its log shows it.
public struct WebhookDeliveryRecord: Decodable, Sendable {
    public var sequence: Int64
    public var id: String
    public var subscriptionId: String
    public var barcode: String
    public var eventType: String
    public var payload: String
    public var createdAt: EpochMilliseconds
    public var state: WebhookDeliveryState
    public var attempts: Int
    public var nextAttemptAt: EpochMilliseconds
    public var lastStatus: Int?
    public var lastError: String?
    public var deliveredAt: EpochMilliseconds?
}

/// A delivery claimed by a worker: what to send where, signed with which secret.
public struct WebhookJob: Decodable, Sendable {
    public var id: String
    public var subscriptionId: String
    public var url: String
    public var secret: String
    public var payload: String
    /// Attempts made before this one.
    public var attempts: Int
    /// Attempts made before the last replay: the retry schedule counts from there.
    public var replayedAfter: Int

    /// This attempt's number in the current series (1 for the first after creation or a replay).
    public var attemptInSeries: Int { attempts - replayedAfter + 1 }
}

/// What one attempt of a delivery came to.
public struct WebhookAttempt: Codable, Sendable {
    public var deliveryId: String
    /// 1 for the first attempt.
    public var attempt: Int
    public var startedAt: EpochMilliseconds
    public var durationMs: Int
    /// The receiver's HTTP status, when it answered.
    public var statusCode: Int?
    /// Why the attempt failed: the status, a refused address, a timeout.
    public var error: String?

    public init(deliveryId: String, attempt: Int, startedAt: EpochMilliseconds, durationMs: Int, statusCode: Int?, error: String?) {
        (self.deliveryId, self.attempt, self.startedAt, self.durationMs, self.statusCode, self.error) =
            (deliveryId, attempt, startedAt, durationMs, statusCode, error)
    }

    public var succeeded: Bool { error == nil }
}
