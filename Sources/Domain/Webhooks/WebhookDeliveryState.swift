/// Where a delivery stands.
public enum WebhookDeliveryState: String, Sendable, Codable, CaseIterable {
    /// Waiting for its (next) attempt.
    case pending
    /// The receiver answered 2xx.
    case delivered
    /// Every attempt failed; it waits for a replay.
    case dead
    /// Its subscription was deleted before it was delivered.
    case cancelled
}
