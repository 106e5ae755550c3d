import Domain

/// An organisation's webhook subscriptions and the delivery log of one (`/ui/webhooks`,
/// `/ui/webhooks/<id>`): what was sent when, how it ended, what is due again or dead.
public struct WebhookLogPage: Page, Codable, Equatable {
    public static let template = "webhooks"

    public var subscriptions: [WebhookLink]
    /// The subscription whose log is shown; none on the list alone.
    public var log: WebhookLog?

    public init(subscriptions: [WebhookLink], log: WebhookLog?) {
        (self.subscriptions, self.log) = (subscriptions, log)
    }
}

/// A subscription in the list: its log is `/ui/webhooks/<id>`.
public struct WebhookLink: Sendable, Codable, Equatable {
    public var id: String
    public var url: String
    /// The event types, comma-separated.
    public var eventTypes: String

    public init(id: String, url: String, eventTypes: String) {
        (self.id, self.url, self.eventTypes) = (id, url, eventTypes)
    }
}

/// A page of a subscription's delivery log, newest first.
public struct WebhookLog: Sendable, Codable, Equatable {
    public var subscription: WebhookLink
    /// Only messages in this state, when chosen.
    public var state: WebhookDeliveryState?
    public var total: Int
    public var deliveries: [WebhookLogRow]
    /// The next page's number, when there is one.
    public var nextPage: Int?

    public init(subscription: WebhookLink, state: WebhookDeliveryState?, total: Int, deliveries: [WebhookLogRow], nextPage: Int? = nil) {
        (self.subscription, self.state, self.total, self.deliveries, self.nextPage) = (subscription, state, total, deliveries, nextPage)
    }
}

public struct WebhookLogRow: Sendable, Codable, Equatable {
    /// When the event was put in the outbox, `YYYY-MM-DD HH:MM:SS`.
    public var createdAt: String
    public var eventType: String
    public var barcode: String
    public var state: WebhookDeliveryState
    public var attempts: Int
    /// Pending and never tried: it waits for an earlier message of its parcel (sent in order).
    public var waiting: Bool
    /// The receiver's last answer: its status, or what went wrong before one came.
    public var lastAnswer: String?
    /// When it is tried again (pending) or was delivered, `HH:MM:SS`.
    public var nextAttemptAt: String?
    public var deliveredAt: String?

    public init(createdAt: String, eventType: String, barcode: String, state: WebhookDeliveryState, attempts: Int, waiting: Bool = false,
                lastAnswer: String?, nextAttemptAt: String?, deliveredAt: String?) {
        (self.createdAt, self.eventType, self.barcode, self.state, self.attempts, self.waiting) = (createdAt, eventType, barcode, state, attempts, waiting)
        (self.lastAnswer, self.nextAttemptAt, self.deliveredAt) = (lastAnswer, nextAttemptAt, deliveredAt)
    }
}

extension WebhookLogPage: TemplateFields {
    func templateFields(_ catalogue: Catalogue) -> [String: Any] { ["hasSubscriptions": !subscriptions.isEmpty] }
}

extension WebhookDeliveryState: Term {
    public static let cataloguePrefix = "delivery"
}

extension WebhookLog: TemplateFields {
    /// The state filter's links, the chosen one marked.
    struct Filter {
        var code: String
        var label: Any
        var current: Bool
    }

    func templateFields(_ catalogue: Catalogue) -> [String: Any] {
        let all = Filter(code: "", label: catalogue.entry("webhooks_all"), current: state == nil)
        let states = WebhookDeliveryState.allCases.map { Filter(code: $0.rawValue, label: catalogue.entry($0.catalogueKey), current: $0 == state) }
        return ["filters": [all] + states, "stateCode": state?.rawValue ?? ""]
    }
}
