import Domain
import Pages
import Vapor

/// An organisation's webhook subscriptions and one's delivery log, as the API lists them for the caller.
enum WebhookLogPages {
    static func list(_ request: Request) async throws -> Response {
        WebPage.respond(WebhookLogPage(subscriptions: try await subscriptions(request), log: nil), to: request)
    }

    static func log(_ request: Request) async throws -> Response {
        let api = WebhooksController()
        let subscription = link(try await api.subscription(request))
        let page = try await api.deliveries(request)
        let rows = page.items.map { delivery in
            WebhookLogRow(createdAt: stamp(delivery.createdAt), eventType: delivery.eventType, barcode: delivery.barcode, state: delivery.state,
                          attempts: delivery.attempts, waiting: delivery.state == .pending && delivery.attempts == 0, lastAnswer: delivery.lastStatus.map(String.init) ?? delivery.lastError,
                          nextAttemptAt: delivery.nextAttemptAt.map(stamp), deliveredAt: delivery.deliveredAt.map(stamp))
        }
        let state = request.query[String.self, at: "state"].flatMap(WebhookDeliveryState.init(rawValue:))
        let number = page.page ?? 1, total = page.total ?? rows.count
        let log = WebhookLog(subscription: subscription, state: state, total: total, deliveries: rows,
                             nextPage: number * page.perPage < total ? number + 1 : nil)
        return WebPage.respond(WebhookLogPage(subscriptions: try await subscriptions(request), log: log), to: request)
    }

    private static func subscriptions(_ request: Request) async throws -> [WebhookLink] {
        try await WebhooksController().list(request).map(link)
    }

    private static func link(_ view: WebhooksController.SubscriptionView) -> WebhookLink {
        WebhookLink(id: view.id, url: view.url, eventTypes: view.eventTypes.map(\.rawValue).joined(separator: ", "))
    }

    /// `YYYY-MM-DD HH:MM:SS` of an ISO 8601 time.
    private static func stamp(_ iso: String) -> String {
        String(iso.replacingOccurrences(of: "T", with: " ").prefix(19))
    }
}
