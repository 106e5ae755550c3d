import Fluent
import Foundation
import Store

/// Group commit for parcel events: requests (one event or a batch) arriving while a
/// transaction is being written wait, and are then checked and stored together in the next
/// transaction — a fixed number of statements for the whole group, the rights of each
/// sender's events read once — and answered only after its commit. Each event still gets its
/// own outcome: one refused (no right, or a conflicting reuse of its id) changes nothing and
/// does not disturb the others.
actor EventWriter {
    /// The outcomes of one request's events, in its order; a failure of the whole transaction
    /// fails every request of the group.
    typealias Results = Result<[Events.Outcome], any Error>

    /// The most events stored in one transaction; a request larger than this is stored whole.
    static let maximumGroup = 2000

    private let database: any Database
    private var waiting: [(Events.Submission, CheckedContinuation<Results, Never>)] = []
    private var writing = false

    init(database: any Database) { self.database = database }

    /// Checks and stores the events in the next group's transaction; the outcomes come after its commit.
    func record(_ submission: Events.Submission) async throws -> [Events.Outcome] {
        guard !submission.events.isEmpty else { return [] }
        let results = await withCheckedContinuation { continuation in
            waiting.append((submission, continuation))
            if !writing {
                writing = true
                Task { await drain() }
            }
        }
        return try results.get()
    }

    private func drain() async {
        while !waiting.isEmpty {
            var count = waiting[0].0.events.count
            var taken = 1
            while taken < waiting.count, count + waiting[taken].0.events.count <= Self.maximumGroup {
                count += waiting[taken].0.events.count
                taken += 1
            }
            let group = Array(waiting.prefix(taken))
            waiting.removeFirst(taken)
            let submissions = group.map(\.0)
            do {
                let outcomes = try await Store(database).transaction { store in try await Events.record(submissions, store: store) }
                for ((_, continuation), outcome) in zip(group, outcomes) { continuation.resume(returning: .success(outcome)) }
            } catch {
                for (_, continuation) in group { continuation.resume(returning: .failure(error)) }
            }
        }
        writing = false
    }
}
