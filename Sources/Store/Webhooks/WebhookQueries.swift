import Domain
import Foundation
import SQLKit

/// Webhook subscriptions and the outbox. Deliveries are written in the transaction of the
/// event they announce (`enqueueWebhooks`), so what is committed is delivered and what is
/// rolled back is never sent. Any server instance works on the outbox: a worker claims due
/// deliveries with a lease (PostgreSQL: `FOR UPDATE SKIP LOCKED`), and a delivery whose worker
/// died is claimed again when the lease runs out — at least once, never lost.
///
/// Order: of one subscription's deliveries for one parcel, only the oldest pending one is ever
/// claimed, so a receiver gets a parcel's events in the order they were stored (a dead
/// delivery stops holding the later ones back; a replayed one may arrive after them).
extension Store {
    private static let subscriptionColumns: SQLQueryString = "id, organisation_id, url, event_types, secret, description, created_by, created_at"
    private static let deliveryColumns: SQLQueryString = """
        sequence, id, subscription_id, barcode, event_type, payload, created_at, state, attempts, next_attempt_at, last_status, last_error, delivered_at
        """

    public func insert(_ subscription: WebhookSubscriptionRecord) async throws {
        let s = subscription
        try await run("""
            INSERT INTO webhook_subscriptions (\(Self.subscriptionColumns))
            VALUES (\(bind: s.id), \(bind: s.organisationId), \(bind: s.url), \(bind: s.eventTypes), \(bind: s.secret), \(bind: s.description),
                    \(bind: s.createdBy), \(bind: s.createdAt))
            """)
    }

    /// The subscriptions not deleted: of one organisation, or of all when `organisation` is nil.
    public func webhookSubscriptions(of organisation: String?) async throws -> [WebhookSubscriptionRecord] {
        let filter: SQLQueryString = organisation.map { "AND organisation_id = \(bind: $0)" } ?? ""
        return try await rows("SELECT \(Self.subscriptionColumns) FROM webhook_subscriptions WHERE deleted_at IS NULL \(filter) ORDER BY created_at, id")
    }

    /// Every subscription not deleted, with its organisation: who receives what is stored now.
    public func webhookSubscribers() async throws -> [WebhookSubscriber] {
        struct Owner: Decodable { var organisationName: String; var organisationKind: String }
        let rows = try await sql.raw("""
            SELECT w.id, w.organisation_id, w.url, w.event_types, w.secret, w.description, w.created_by, w.created_at,
                   o.name AS organisation_name, o.kind AS organisation_kind
            FROM webhook_subscriptions w JOIN organisations o ON o.id = w.organisation_id WHERE w.deleted_at IS NULL
            """).all()
        return try rows.compactMap { row in
            let subscription = try row.decode(model: WebhookSubscriptionRecord.self, keyDecodingStrategy: Self.columnNames)
            let owner = try row.decode(model: Owner.self, keyDecodingStrategy: Self.columnNames)
            return Organisation.Kind(rawValue: owner.organisationKind).map {
                WebhookSubscriber(subscription: subscription, organisation: Organisation(id: subscription.organisationId, name: owner.organisationName, kind: $0))
            }
        }
    }

    public func webhookSubscription(_ id: String) async throws -> WebhookSubscriptionRecord? {
        try await row("SELECT \(Self.subscriptionColumns) FROM webhook_subscriptions WHERE id = \(bind: id) AND deleted_at IS NULL")
    }

    /// Deletes a subscription: it receives nothing more, and its waiting deliveries are cancelled.
    public func deleteWebhookSubscription(_ id: String, now: Date = Date()) async throws {
        try await transaction { store in
            try await store.run("UPDATE webhook_subscriptions SET deleted_at = \(bind: now.epochMilliseconds) WHERE id = \(bind: id)")
            try await store.run("UPDATE webhook_deliveries SET state = 'cancelled' WHERE subscription_id = \(bind: id) AND state = 'pending'")
        }
    }

    /// Puts deliveries in the outbox, due now. Call it in the transaction that stores their events.
    public func enqueueWebhooks(_ deliveries: [NewWebhookDelivery], now: Date = Date()) async throws {
        let now = now.epochMilliseconds
        for slice in Self.statements(deliveries) {
            let rows = slice.map { d -> SQLQueryString in
                """
                (\(bind: d.id), \(bind: d.subscriptionId), \(bind: d.barcode), \(bind: d.eventType.rawValue), \(bind: d.payload), \(bind: now), \
                'pending', 0, 0, \(bind: now))
                """
            }
            try await run("""
                INSERT INTO webhook_deliveries (id, subscription_id, barcode, event_type, payload, created_at, state, attempts, replayed_after, next_attempt_at)
                VALUES \(rows.joined(separator: ", "))
                """)
        }
    }

    /// Whether any delivery is due: a read without locks, so idle workers poll cheaply.
    public func hasDueWebhookDeliveries(now: Date = Date()) async throws -> Bool {
        try await count("""
            SELECT COUNT(*) AS n FROM (SELECT 1 AS due FROM webhook_deliveries
                                       WHERE state = 'pending' AND next_attempt_at <= \(bind: now.epochMilliseconds) LIMIT 1) first_due
            """) > 0
    }

    /// Claims up to `limit` due deliveries for `worker` until `lease` from now: of each
    /// subscription and parcel the oldest pending one only, and none another worker holds.
    public func claimWebhookDeliveries(worker: String, limit: Int, lease: TimeInterval, now: Date = Date()) async throws -> [WebhookJob] {
        let locking: SQLQueryString = dialect == .postgres ? "FOR UPDATE SKIP LOCKED" : ""
        let nowMs = now.epochMilliseconds
        let leaseUntil = nowMs + EpochMilliseconds(lease * 1000)
        return try await transaction { store in
            struct Claimed: Decodable { var id: String; var subscriptionId: String; var payload: String; var attempts: Int; var replayedAfter: Int }
            let claimed: [Claimed] = try await store.writingRows("""
                UPDATE webhook_deliveries SET lease_until = \(bind: leaseUntil), claimed_by = \(bind: worker)
                WHERE sequence IN (
                    SELECT d.sequence FROM webhook_deliveries d
                    WHERE d.state = 'pending' AND d.next_attempt_at <= \(bind: nowMs) AND (d.lease_until IS NULL OR d.lease_until < \(bind: nowMs))
                      AND EXISTS (SELECT 1 FROM webhook_subscriptions s WHERE s.id = d.subscription_id AND s.deleted_at IS NULL)
                      AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.subscription_id = d.subscription_id
                                      AND e.barcode = d.barcode AND e.state = 'pending' AND e.sequence < d.sequence)
                    ORDER BY d.next_attempt_at, d.sequence LIMIT \(bind: limit) \(locking))
                RETURNING id, subscription_id, payload, attempts, replayed_after
                """)
            guard !claimed.isEmpty else { return [] }
            struct Target: Decodable { var id: String; var url: String; var secret: String }
            let targets: [Target] = try await store.rows("""
                SELECT id, url, secret FROM webhook_subscriptions WHERE id IN (\(binds: Array(Set(claimed.map(\.subscriptionId)))))
                """)
            let byId = Dictionary(targets.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            return claimed.compactMap { claim in
                byId[claim.subscriptionId].map {
                    WebhookJob(id: claim.id, subscriptionId: claim.subscriptionId, url: $0.url, secret: $0.secret, payload: claim.payload,
                               attempts: claim.attempts, replayedAfter: claim.replayedAfter)
                }
            }
        }
    }

    /// Records attempts of claimed deliveries, in one transaction: each is delivered, due again
    /// at its `retryAt`, or dead when that is nil. A delivery another worker took over since
    /// (its lease ran out) keeps that worker's state; the attempt is logged all the same.
    public func recordWebhookAttempts(_ attempts: [(attempt: WebhookAttempt, retryAt: Date?)], worker: String) async throws {
        guard !attempts.isEmpty else { return }
        try await transaction { store in
            for slice in Self.statements(attempts) {
                let rows = slice.map { a -> SQLQueryString in
                    let a = a.attempt
                    return "(\(bind: a.deliveryId), \(bind: a.attempt), \(bind: a.startedAt), \(bind: a.durationMs), \(bind: a.statusCode), \(bind: a.error))"
                }
                try await store.run("""
                    INSERT INTO webhook_attempts (delivery_id, attempt, started_at, duration_ms, status_code, error)
                    VALUES \(rows.joined(separator: ", ")) ON CONFLICT (delivery_id, attempt) DO NOTHING
                    """)
            }
            for (attempt, retryAt) in attempts {
                let state: WebhookDeliveryState = attempt.succeeded ? .delivered : (retryAt == nil ? .dead : .pending)
                let finished = attempt.startedAt + EpochMilliseconds(attempt.durationMs)
                try await store.run("""
                    UPDATE webhook_deliveries SET state = \(bind: state.rawValue), attempts = \(bind: attempt.attempt),
                           next_attempt_at = \(bind: retryAt?.epochMilliseconds ?? finished), last_status = \(bind: attempt.statusCode),
                           last_error = \(bind: attempt.error), delivered_at = \(bind: attempt.succeeded ? finished : nil),
                           lease_until = NULL, claimed_by = NULL
                    WHERE id = \(bind: attempt.deliveryId) AND claimed_by = \(bind: worker) AND state = 'pending'
                    """)
            }
        }
    }

    /// Housekeeping: removes delivered and cancelled messages (and their attempts) created
    /// before `before`, and cancels messages of subscriptions deleted while they were being
    /// written. Dead messages stay until replayed or their subscription is deleted.
    public func removeOldWebhookDeliveries(before: Date) async throws {
        try await transaction { store in
            try await store.run("""
                UPDATE webhook_deliveries SET state = 'cancelled'
                WHERE state = 'pending' AND subscription_id IN (SELECT id FROM webhook_subscriptions WHERE deleted_at IS NOT NULL)
                """)
            let finished: SQLQueryString = """
                SELECT id FROM webhook_deliveries WHERE state IN ('delivered', 'cancelled') AND created_at < \(bind: before.epochMilliseconds)
                """
            try await store.run("DELETE FROM webhook_attempts WHERE delivery_id IN (\(finished))")
            try await store.run("DELETE FROM webhook_deliveries WHERE id IN (\(finished))")
        }
    }

    /// A page of a subscription's deliveries, newest first, optionally in one state; and how many there are.
    public func webhookDeliveries(of subscription: String, state: WebhookDeliveryState?, limit: Int, offset: Int) async throws
        -> (total: Int, deliveries: [WebhookDeliveryRecord]) {
        let filter: SQLQueryString = state.map { "AND state = \(bind: $0.rawValue)" } ?? ""
        let total = try await count("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE subscription_id = \(bind: subscription) \(filter)")
        let page: [WebhookDeliveryRecord] = try await rows("""
            SELECT \(Self.deliveryColumns) FROM webhook_deliveries WHERE subscription_id = \(bind: subscription) \(filter)
            ORDER BY sequence DESC LIMIT \(bind: limit) OFFSET \(bind: offset)
            """)
        return (total, page)
    }

    public func webhookDelivery(_ id: String, of subscription: String) async throws -> WebhookDeliveryRecord? {
        try await row("SELECT \(Self.deliveryColumns) FROM webhook_deliveries WHERE id = \(bind: id) AND subscription_id = \(bind: subscription)")
    }

    /// A delivery's attempts, first first.
    public func webhookAttempts(of delivery: String) async throws -> [WebhookAttempt] {
        try await rows("""
            SELECT delivery_id, attempt, started_at, duration_ms, status_code, error FROM webhook_attempts
            WHERE delivery_id = \(bind: delivery) ORDER BY attempt
            """)
    }

    /// Sends a delivery again, due now, with a new series of attempts (a delivered or dead one
    /// is pending again; its log goes on); false when it is cancelled or pending already.
    public func replayWebhookDelivery(_ id: String, now: Date = Date()) async throws -> Bool {
        try await runReturning("""
            UPDATE webhook_deliveries SET state = 'pending', replayed_after = attempts, next_attempt_at = \(bind: now.epochMilliseconds), lease_until = NULL, claimed_by = NULL
            WHERE id = \(bind: id) AND state IN ('delivered', 'dead') RETURNING id
            """) != nil
    }
}
