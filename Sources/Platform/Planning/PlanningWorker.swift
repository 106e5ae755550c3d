import Domain
import Foundation
import NIOConcurrencyHelpers
import Store
import Vapor

/// Runs planning jobs in the background of a server instance, and hourly removes what has
/// expired: web sessions, idempotency keys, log-in failure counts, known log-in addresses and
/// webhook messages delivered more than `webhookLogRetention` ago.
final class PlanningWorker: LifecycleHandler, @unchecked Sendable {
    let identity = Secrets.identifier("wrk")
    let pollInterval: Duration
    /// Set when the server stops: the solver ends its search, and the plan goes back to the queue.
    let stopping = NIOLockedValueBox(false)
    private var task: Task<Void, Never>?

    init(pollInterval: Duration = .milliseconds(500)) { self.pollInterval = pollInterval }

    func didBoot(_ application: Application) throws {
        task = Task { [identity, pollInterval, stopping] in
            var lastHousekeeping = Date.distantPast
            while !Task.isCancelled && !stopping.withLockedValue({ $0 }) {
                do {
                    let store = Store(application.db)
                    if Date().timeIntervalSince(lastHousekeeping) > 3600 {
                        try await Self.removeExpired(store)
                        lastHousekeeping = Date()
                    }
                    if let job = try await PlanningQueue.claim(worker: identity, store: store) {
                        await PlanningRun(job: job, worker: identity, application: application, stopping: stopping).execute()
                        continue
                    }
                } catch {
                    application.logger.error("planning queue: \(String(reflecting: error))")
                }
                try? await Task.sleep(for: pollInterval)
            }
        }
    }

    /// Idempotency keys are kept for `idempotencyRetention` (a retry after that is a new request);
    /// expired web sessions are removed.
    static let idempotencyRetention: TimeInterval = 7 * 86_400
    static let webhookLogRetention: TimeInterval = 30 * 86_400

    static func removeExpired(_ store: Store, now: Date = Date()) async throws {
        try await store.removeExpired(now: now, idempotencyBefore: now.addingTimeInterval(-idempotencyRetention),
                                      loginFailuresBefore: now.addingTimeInterval(-LoginThrottle().memory),
                                      knownAddressesBefore: now.addingTimeInterval(-LoginThrottle.knownAddressMemory))
        try await store.removeOldWebhookDeliveries(before: now.addingTimeInterval(-webhookLogRetention))
    }

    /// Stops the search of a plan being solved (it goes back to the queue) and waits for the loop to end.
    func shutdownAsync(_ application: Application) async {
        stopping.withLockedValue { $0 = true }
        task?.cancel()
        await task?.value
    }

    func shutdown(_ application: Application) {
        stopping.withLockedValue { $0 = true }
        task?.cancel()
    }
}
