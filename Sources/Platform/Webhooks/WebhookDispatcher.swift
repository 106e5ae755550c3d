import AsyncHTTPClient
import Domain
import Foundation
import NIOCore
import Store
import Vapor

/// How a server instance delivers webhooks.
public struct WebhookSettings: Sendable {
    /// Whether this instance works on the outbox (every instance may; they share it safely).
    public var runsDispatcher: Bool
    /// Lets subscriptions target loopback and private addresses (a receiver on the same host or
    /// network); off by default, against server-side request forgery.
    public var allowPrivateTargets: Bool
    public var schedule: DeliverySchedule
    public var pollInterval: Duration
    /// How long a receiver has to answer one message.
    public var timeout: Duration
    /// Messages in flight at once from this instance.
    public var concurrency: Int

    public init(runsDispatcher: Bool = true, allowPrivateTargets: Bool = false, schedule: DeliverySchedule = DeliverySchedule(),
                pollInterval: Duration = .milliseconds(250), timeout: Duration = .seconds(10), concurrency: Int = 16) {
        (self.runsDispatcher, self.allowPrivateTargets, self.schedule) = (runsDispatcher, allowPrivateTargets, schedule)
        (self.pollInterval, self.timeout, self.concurrency) = (pollInterval, timeout, max(1, concurrency))
    }

    var timeoutAmount: TimeAmount { .milliseconds(Int64(timeout / .milliseconds(1))) }
}

/// Works on the webhook outbox in the background of a server instance: claims due messages
/// with a lease, sends them (`WebhookSender`), and records each attempt — delivered, due again
/// after the schedule's backoff, or dead. A message whose instance died mid-send is claimed
/// again when its lease runs out, so it is delivered at least once.
enum WebhookDispatcher {
    static func worker(settings: WebhookSettings) -> BackgroundWorker {
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(
            redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: settings.timeoutAmount)))
        let identity = Secrets.identifier("whk")
        return BackgroundWorker(name: "webhook outbox", idle: settings.pollInterval, client: client) { application, client in
            let sender = WebhookSender(client: client, allowPrivateTargets: settings.allowPrivateTargets, timeout: settings.timeoutAmount)
            // Long enough for a whole claimed batch to be sent, each message within its timeout.
            let lease = settings.timeout / .seconds(1) * 4 + 30
            return {
                let store = Store(application.db)
                guard try await store.hasDueWebhookDeliveries() else { return false }
                let jobs = try await store.claimWebhookDeliveries(worker: identity, limit: settings.concurrency * 4, lease: lease)
                guard !jobs.isEmpty else { return false }
                let attempts = await send(jobs, with: sender, concurrency: settings.concurrency)
                try await store.recordWebhookAttempts(outcomes(of: attempts, jobs: jobs, schedule: settings.schedule), worker: identity)
                application.platformMetrics.countWebhookAttempts(attempts)
                return true
            }
        }
    }

    /// Sends the messages, at most `concurrency` at a time (of one parcel there is never more than one).
    private static func send(_ jobs: [WebhookJob], with sender: WebhookSender, concurrency: Int) async -> [WebhookAttempt] {
        await withTaskGroup(of: WebhookAttempt.self) { group in
            var pending = jobs[...]
            var attempts: [WebhookAttempt] = []
            for job in pending.prefix(concurrency) { group.addTask { await sender.send(job) } }
            pending = pending.dropFirst(concurrency)
            for await attempt in group {
                attempts.append(attempt)
                if let job = pending.popFirst() { group.addTask { await sender.send(job) } }
            }
            return attempts
        }
    }

    /// Each attempt with when to try again: never for a delivery, the schedule's wait for a
    /// failure, nil (dead) once the schedule is used up.
    static func outcomes(of attempts: [WebhookAttempt], jobs: [WebhookJob], schedule: DeliverySchedule, now: Date = Date())
        -> [(attempt: WebhookAttempt, retryAt: Date?)] {
        let series = Dictionary(jobs.map { ($0.id, $0.attemptInSeries) }, uniquingKeysWith: { first, _ in first })
        return attempts.map { attempt in
            guard !attempt.succeeded else { return (attempt, nil) }
            let wait = schedule.delay(afterAttempt: series[attempt.deliveryId] ?? attempt.attempt, random: Double.random(in: 0...1))
            return (attempt, wait.map { now.addingTimeInterval($0) })
        }
    }
}
