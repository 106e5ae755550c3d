import Fluent
import Foundation
import Store

/// Group commit for single parcel events: requests arriving while a transaction is being
/// written wait, and are then stored together in the next transaction, answered only after
/// its commit. Each request still gets its own outcome — an event refused (a conflicting
/// reuse of its id) is refused before it writes, so it does not disturb the others.
actor EventWriter {
    typealias Result = Swift.Result<(Events.EventView, WriteOutcome), any Error>

    /// The most events stored in one transaction.
    static let maximumGroup = 500

    private let database: any Database
    private var waiting: [(Events.CheckedEvent, CheckedContinuation<Result, Never>)] = []
    private var writing = false

    init(database: any Database) { self.database = database }

    func save(_ event: Events.CheckedEvent) async throws -> (Events.EventView, WriteOutcome) {
        let result = await withCheckedContinuation { continuation in
            waiting.append((event, continuation))
            if !writing {
                writing = true
                Task { await drain() }
            }
        }
        return try result.get()
    }

    private func drain() async {
        while !waiting.isEmpty {
            let group = Array(waiting.prefix(Self.maximumGroup))
            waiting.removeFirst(group.count)
            let events = group.map(\.0)
            do {
                let results = try await Store(database).transaction { store in
                    var results: [Result] = []
                    for event in events {
                        do { results.append(.success(try await Events.save(event, store: store))) } catch {
                            guard let problem = Problem(clientError: error) else { throw error }
                            results.append(.failure(problem))
                        }
                    }
                    return results
                }
                for ((_, continuation), result) in zip(group, results) { continuation.resume(returning: result) }
            } catch {
                for (_, continuation) in group { continuation.resume(returning: .failure(error)) }
            }
        }
        writing = false
    }
}
