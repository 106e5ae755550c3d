import Domain
import Foundation
import SQLKit

/// The `plans` table as a queue that any server instance may work on: a worker claims the
/// oldest queued plan (PostgreSQL: `FOR UPDATE SKIP LOCKED`; SQLite: one writer at a time),
/// keeps a lease while solving, and stores the result. A plan whose worker died is claimed
/// again when its lease runs out; after `maximumAttempts` it is failed, with its error.
extension Store {
    public func enqueuePlan(id: String, hubId: String, date: String, timeLimit: Double, requestedBy: String) async throws {
        try await run("""
            INSERT INTO plans (id, hub_id, plan_date, status, progress, time_limit, requested_by, created_at, attempts)
            VALUES (\(bind: id), \(bind: hubId), \(bind: date), 'queued', 0, \(bind: timeLimit), \(bind: requestedBy), \(bind: Date().epochMilliseconds), 0)
            """)
    }

    /// Claims the oldest waiting plan for `worker` with a lease, or nil when none waits. Plans
    /// whose lease ran out after their last attempt are failed first, with `abandoned` as error.
    public func claimPlan(worker: String, lease: TimeInterval, maximumAttempts: Int, abandoned: String, now: Date = Date()) async throws -> PlanJob? {
        let locking: SQLQueryString = dialect == .postgres ? "FOR UPDATE SKIP LOCKED" : ""
        let nowMs = now.epochMilliseconds
        return try await transaction { store in
            try await store.run("""
                UPDATE plans SET status = 'failed', finished_at = \(bind: nowMs), claimed_by = NULL, error = \(bind: abandoned)
                WHERE status = 'running' AND lease_until < \(bind: nowMs) AND attempts >= \(bind: maximumAttempts)
                """)
            return try await store.row("""
                UPDATE plans SET status = 'running', claimed_by = \(bind: worker), started_at = \(bind: nowMs),
                       lease_until = \(bind: nowMs + EpochMilliseconds(lease * 1000)), attempts = attempts + 1, progress = 0
                WHERE id = (SELECT id FROM plans WHERE status = 'queued' OR (status = 'running' AND lease_until < \(bind: nowMs))
                            ORDER BY created_at LIMIT 1 \(locking))
                RETURNING id, hub_id, plan_date, time_limit, attempts
                """)
        }
    }

    /// While solving: the progress, and the lease renewed until `leaseUntil`.
    public func reportProgress(_ job: PlanJob, worker: String, progress: Double, leaseUntil: Date) async throws {
        try await run("""
            UPDATE plans SET progress = \(bind: progress), lease_until = \(bind: leaseUntil.epochMilliseconds)
            WHERE id = \(bind: job.id) AND claimed_by = \(bind: worker) AND status = 'running'
            """)
    }

    /// After a failed attempt: queued again with the error, or failed when `final`.
    public func recordPlanFailure(_ job: PlanJob, worker: String, error: String, final: Bool, now: Date = Date()) async throws {
        try await run("""
            UPDATE plans SET status = \(bind: final ? PlanStatus.failed.rawValue : PlanStatus.queued.rawValue), error = \(bind: error),
                   finished_at = \(bind: final ? now.epochMilliseconds : nil), claimed_by = NULL
            WHERE id = \(bind: job.id) AND claimed_by = \(bind: worker)
            """)
    }

    /// Gives a plan back to the queue untouched, its attempt not counted (the server is stopping).
    public func releasePlan(_ job: PlanJob, worker: String) async throws {
        try await run("""
            UPDATE plans SET status = 'queued', claimed_by = NULL, progress = 0, attempts = attempts - 1
            WHERE id = \(bind: job.id) AND claimed_by = \(bind: worker) AND status = 'running'
            """)
    }

    // MARK: Reading plans

    /// The latest finished plan of the hub and day, whose dispatched routes stay as they are.
    public func currentPlanId(hubId: String, date: String) async throws -> String? {
        try await strings("""
            SELECT id FROM plans WHERE hub_id = \(bind: hubId) AND plan_date = \(bind: date) AND status = 'done'
            ORDER BY finished_at DESC LIMIT 1
            """, column: "id").first
    }

    /// The hub's plans of the day, newest first.
    public func planIds(hubId: String, date: String, limit: Int) async throws -> [String] {
        try await strings("""
            SELECT id FROM plans WHERE hub_id = \(bind: hubId) AND plan_date = \(bind: date) ORDER BY created_at DESC LIMIT \(bind: limit)
            """, column: "id")
    }

    public func plan(_ id: String) async throws -> PlanRecord? {
        try await row("""
            SELECT p.id, p.hub_id, p.plan_date, p.status, p.progress, p.created_at, p.finished_at, p.error, p.unassigned, h.time_zone
            FROM plans p JOIN hubs h ON h.id = p.hub_id WHERE p.id = \(bind: id)
            """)
    }
}
