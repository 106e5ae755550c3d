import Domain
import Foundation
import Store

/// Turns newly stored parcel events into outbox deliveries, in the transaction that stores
/// them: for each subscription that asked for the event's type and whose organisation may see
/// the parcel (`WebhookRules.scope`), one message with the payload fixed now.
enum WebhookOutbox {
    /// The message a subscriber receives, in the Standard Webhooks payload shape: `type`,
    /// `timestamp` (when the event happened) and `data` — the event as the organisation reads
    /// it from `GET /v1/parcels/{barcode}`, with the parcel's parties and hub.
    struct Payload: Codable, Sendable {
        var type: WebhookEventType
        var timestamp: String
        var data: Data

        struct Data: Codable, Sendable {
            var event: Events.EventView
            var barcode: String
            var shipmentId: String
            var hubId: String
            var carrierId: String
            var shipperId: String?
            var recipientId: String
        }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Puts a message per interested subscription in the outbox for each of `events`, whose
    /// parcels' facts are in `facts` (read when nil). Costs one read when nobody subscribes.
    static func enqueue(_ events: [EventRecord], facts: [String: ParcelFacts]? = nil, store: Store) async throws {
        guard !events.isEmpty else { return }
        let subscribers = try await store.webhookSubscribers()
        guard !subscribers.isEmpty else { return }
        let facts = try await { if let facts { facts } else { try await store.facts(ofParcels: Array(Set(events.map(\.barcode)))) } }()
        let scopes = subscribers.map { WebhookRules.scope(ofSubscriber: $0.organisation) }
        var deliveries: [NewWebhookDelivery] = []
        for event in events {
            guard let type = WebhookEventType(eventType: event.type), let parcel = facts[event.barcode] else { continue }
            let scopeFacts = ParcelScope.Facts(parcel: parcel.parcel, hubOperatorId: parcel.operatorId)
            let interested = zip(subscribers, scopes).filter { $0.0.subscription.types.contains(type) && $0.1.admits(scopeFacts) }
            guard !interested.isEmpty else { continue }
            let payload = try Self.payload(type: type, event: event, parcel: parcel)
            for (subscriber, _) in interested {
                deliveries.append(NewWebhookDelivery(id: Secrets.identifier("msg"), subscriptionId: subscriber.subscription.id, barcode: event.barcode,
                                                     eventType: type, payload: payload))
            }
        }
        try await store.enqueueWebhooks(deliveries)
    }

    private static func payload(type: WebhookEventType, event: EventRecord, parcel: ParcelFacts) throws -> String {
        let data = Payload.Data(event: Events.EventView(event), barcode: parcel.barcode, shipmentId: parcel.shipmentId, hubId: parcel.hubId,
                                carrierId: parcel.carrierId, shipperId: parcel.shipperId, recipientId: parcel.recipientId)
        return String(decoding: try encoder.encode(Payload(type: type, timestamp: event.timeText, data: data)), as: UTF8.self)
    }
}
