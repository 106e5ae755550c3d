import Domain
import Foundation
import Store
import Vapor

/// Webhook subscriptions of an organisation, their delivery log, and replays.
struct WebhooksController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let webhooks = routes.grouped("webhooks")
        webhooks.get(use: list)
        webhooks.post(use: create)
        webhooks.get(":webhookId", use: subscription)
        webhooks.delete(":webhookId", use: delete)
        webhooks.get(":webhookId", "deliveries", use: deliveries)
        webhooks.get(":webhookId", "deliveries", ":deliveryId", use: delivery)
        webhooks.post(":webhookId", "deliveries", ":deliveryId", "replay", use: replay)
    }

    struct SubscriptionBody: Content {
        /// Where the messages are posted (https, or http); private and loopback addresses only
        /// where the operator allows them.
        var url: String
        var eventTypes: [WebhookEventType]
        var description: String?
        /// For platform admins: the organisation it is for (default: the caller's).
        var organisationId: String?
    }

    struct SubscriptionView: Content {
        var id: String
        var organisationId: String
        var url: String
        var eventTypes: [WebhookEventType]
        var description: String?
        var createdAt: String
        /// The signing secret (`whsec_…`, Standard Webhooks): only in the answer that creates the subscription.
        var secret: String?

        init(_ record: WebhookSubscriptionRecord, showingSecret: Bool = false) {
            (id, organisationId, url, eventTypes, description) = (record.id, record.organisationId, record.url, record.types, record.description)
            createdAt = Wire.format(record.createdAt, in: .gmt)
            secret = showingSecret ? record.secret : nil
        }
    }

    struct DeliveryView: Content {
        var id: String
        var barcode: String
        var eventType: String
        var state: WebhookDeliveryState
        var attempts: Int
        var createdAt: String
        /// When the next attempt is due, while pending.
        var nextAttemptAt: String?
        var lastStatus: Int?
        var lastError: String?
        var deliveredAt: String?
        /// The message as sent (JSON text), in the answer for one delivery.
        var payload: String?
        /// Every attempt, in the answer for one delivery.
        var attemptLog: [AttemptView]?

        init(_ record: WebhookDeliveryRecord) {
            (id, barcode, eventType, state, attempts) = (record.id, record.barcode, record.eventType, record.state, record.attempts)
            createdAt = Wire.format(record.createdAt, in: .gmt)
            nextAttemptAt = record.state == .pending ? Wire.format(record.nextAttemptAt, in: .gmt) : nil
            (lastStatus, lastError) = (record.lastStatus, record.lastError)
            deliveredAt = record.deliveredAt.map { Wire.format($0, in: .gmt) }
        }
    }

    struct AttemptView: Content {
        var attempt: Int
        var startedAt: String
        var durationMs: Int
        var statusCode: Int?
        var error: String?

        init(_ attempt: WebhookAttempt) {
            (self.attempt, durationMs, statusCode, error) = (attempt.attempt, attempt.durationMs, attempt.statusCode, attempt.error)
            startedAt = Wire.format(attempt.startedAt, in: .gmt)
        }
    }

    func list(_ request: Request) async throws -> [SubscriptionView] {
        let caller = try request.requireCaller()
        try Self.require(caller, owner: caller.organisation.id, write: false, what: "webhook subscriptions")
        let store = Store(request.db)
        return try await store.webhookSubscriptions(of: caller.isPlatformAdmin ? nil : caller.organisation.id).map { SubscriptionView($0) }
    }

    func create(_ request: Request) async throws -> Response {
        let caller = try request.requireCaller()
        try Self.require(caller, owner: caller.organisation.id, write: true, what: "webhook subscriptions")
        let body = try request.decodeJSON(SubscriptionBody.self)
        let owner = body.organisationId ?? caller.organisation.id
        try Self.require(caller, owner: owner, write: true, what: "organisation '\(owner)'")
        let store = Store(request.db)
        guard let organisation = try await store.organisation(owner) else { throw Problem.notFound("$.organisationId: organisation '\(owner)'") }
        if case .refused(let reason) = WebhookRules.access(Principal(organisation: organisation, role: .admin), toSubscriptionsOf: owner, write: true) {
            throw Problem.unprocessable("$.organisationId: \(reason)")
        }
        guard body.url.utf8.count <= 2000 else { throw Problem.badRequest("$.url: longer than 2000 bytes") }
        if case .failure(let reason) = WebhookTarget.check(body.url, allowPrivate: request.application.platform.configuration.webhooks.allowPrivateTargets) {
            throw Problem.unprocessable("$.url: \(reason.reason)")
        }
        guard !body.eventTypes.isEmpty else { throw Problem.badRequest("$.eventTypes: name at least one event type") }
        let record = WebhookSubscriptionRecord(
            id: Secrets.identifier("whk"), organisationId: owner, url: body.url, eventTypes: WebhookEventType.allCases.filter(body.eventTypes.contains),
            secret: WebhookSignature.newSecret(), description: body.description, createdBy: caller.accountId, createdAt: Date().epochMilliseconds)
        try await store.insert(record)
        return try await SubscriptionView(record, showingSecret: true).encodeResponse(status: .created, for: request)
    }

    func subscription(_ request: Request) async throws -> SubscriptionView {
        SubscriptionView(try await Self.subscription(of: request, write: false))
    }

    func delete(_ request: Request) async throws -> HTTPStatus {
        let subscription = try await Self.subscription(of: request, write: true)
        try await Store(request.db).deleteWebhookSubscription(subscription.id)
        return .noContent
    }

    /// A page of the delivery log, newest first; `state` filters.
    func deliveries(_ request: Request) async throws -> Paged<DeliveryView> {
        let subscription = try await Self.subscription(of: request, write: false)
        let page = try PageRequest(request)
        guard page.cursor == nil else { throw Problem.badRequest("cursor: the delivery log pages by number") }
        var state: WebhookDeliveryState?
        if let name = try request.query.get(String?.self, at: "state") {
            guard let known = WebhookDeliveryState(rawValue: name) else {
                throw Problem.badRequest("state: '\(name.prefix(40))' is not one of \(WebhookDeliveryState.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            state = known
        }
        let (total, records) = try await Store(request.db).webhookDeliveries(of: subscription.id, state: state, limit: page.perPage, offset: page.offset)
        return Paged(items: records.map(DeliveryView.init), page: page.page, perPage: page.perPage, total: total, nextCursor: nil)
    }

    func delivery(_ request: Request) async throws -> DeliveryView {
        let subscription = try await Self.subscription(of: request, write: false)
        return try await Self.delivery(try request.parameters.require("deliveryId"), of: subscription, store: Store(request.db))
    }

    /// Sends a delivered or dead message again, with a new series of attempts.
    func replay(_ request: Request) async throws -> Response {
        let subscription = try await Self.subscription(of: request, write: true)
        let id = try request.parameters.require("deliveryId")
        let store = Store(request.db)
        _ = try await Self.delivery(id, of: subscription, store: store)
        guard try await store.replayWebhookDelivery(id) else {
            throw Problem.conflict("delivery '\(id)' is pending or cancelled; only delivered and dead messages are replayed")
        }
        return try await Self.delivery(id, of: subscription, store: store).encodeResponse(status: .accepted, for: request)
    }

    private static func delivery(_ id: String, of subscription: WebhookSubscriptionRecord, store: Store) async throws -> DeliveryView {
        guard let record = try await store.webhookDelivery(id, of: subscription.id) else { throw Problem.notFound("delivery '\(id)'") }
        var view = DeliveryView(record)
        view.payload = record.payload
        view.attemptLog = try await store.webhookAttempts(of: id).map(AttemptView.init)
        return view
    }

    /// The subscription of the path, if the caller may see it (or change it, for `write`).
    private static func subscription(of request: Request, write: Bool) async throws -> WebhookSubscriptionRecord {
        let caller = try request.requireCaller()
        let id = try request.parameters.require("webhookId")
        guard let record = try await Store(request.db).webhookSubscription(id) else { throw Problem.notFound("webhook subscription '\(id)'") }
        try require(caller, owner: record.organisationId, write: write, what: "webhook subscription '\(id)'")
        return record
    }

    private static func require(_ caller: Caller, owner: String, write: Bool, what: String) throws {
        switch WebhookRules.access(caller.principal, toSubscriptionsOf: owner, write: write) {
        case .granted: return
        case .stranger: throw Problem.notFound(what)
        case .refused(let reason): throw Problem.forbidden(reason)
        }
    }
}
