import Domain
import Foundation
import Store

/// Planning jobs in the `plans` table, used as a queue that any `samlast serve` instance may
/// work on (`Store.claimPlan`). A plan whose worker died is claimed again when its lease runs
/// out, and a plan that failed is queued again — both at most `maximumAttempts` times in all;
/// then it is `failed`, with its error, for the hub to see. No stored plan can keep a worker
/// busy forever.
enum PlanningQueue {
    static let lease: TimeInterval = 30
    static let maximumAttempts = 3

    static func enqueue(hubId: String, date: String, timeLimit: Double, requestedBy: String, store: Store) async throws -> String {
        let id = Secrets.identifier("pln")
        try await store.enqueuePlan(id: id, hubId: hubId, date: date, timeLimit: timeLimit, requestedBy: requestedBy)
        return id
    }

    /// Claims the oldest waiting plan for `worker`, or returns nil when there is none.
    static func claim(worker: String, store: Store, now: Date = Date()) async throws -> PlanJob? {
        try await store.claimPlan(
            worker: worker, lease: lease, maximumAttempts: maximumAttempts,
            abandoned: "the planning worker stopped during each of \(maximumAttempts) attempts (a crash or a lost database connection); see the server log",
            now: now)
    }

    /// After a failed attempt: queued again with the error while attempts remain, else failed.
    static func recordFailure(_ job: PlanJob, worker: String, message: String, store: Store, now: Date = Date()) async throws {
        let final = job.attempts >= maximumAttempts
        let error = final ? message : "attempt \(job.attempts) of \(maximumAttempts) failed: \(message)"
        try await store.recordPlanFailure(job, worker: worker, error: error, final: final, now: now)
    }
}
