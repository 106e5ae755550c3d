import Domain
import Foundation
import Store
import Vapor

/// Parcel events from scanners, carriers' systems and drivers: one, or a batch. Both go
/// through the event writer's group commit.
struct EventsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("events", use: recordEvent)
        routes.post("events", "batch", use: recordEvents)
    }

    func recordEvent(_ request: Request) async throws -> Response {
        let caller = try request.requireCaller()
        let event = try Events.validate(try request.decodeJSON(Events.EventBody.self), path: "$")
        let (view, outcome) = try await request.application.platform.eventWriter.record(.init(caller: caller, events: [event]))[0].get()
        if outcome == .created { request.application.platformMetrics.eventsRecorded.increment() }
        return try await view.encodeResponse(status: outcome == .created ? .created : .ok, for: request)
    }

    struct EventBatch: Content { var events: [Events.EventBody] }

    /// Each event of a batch is stored or refused on its own; the answer says which, item by item.
    func recordEvents(_ request: Request) async throws -> Batch.Result {
        let caller = try request.requireCaller()
        let body = try request.decodeJSON(EventBatch.self)
        guard body.events.count <= Batch.maximumItems else { throw Problem.badRequest("$.events: at most \(Batch.maximumItems) items per batch") }
        var results: [Batch.ItemResult?] = Array(repeating: nil, count: body.events.count)
        var submitted: [(index: Int, event: Events.Submitted)] = []
        for (index, event) in body.events.enumerated() {
            do { submitted.append((index, try Events.validate(event, path: "$.events[\(index)]"))) } catch {
                results[index] = try Batch.ItemResult(rejected: error, index: index)
            }
        }
        let outcomes = try await request.application.platform.eventWriter.record(.init(caller: caller, events: submitted.map(\.event)))
        for ((index, _), outcome) in zip(submitted, outcomes) {
            switch outcome {
            case .success(let (view, outcome)): results[index] = Batch.ItemResult(index: index, outcome: outcome.rawValue, id: view.eventId)
            case .failure(let problem): results[index] = Batch.ItemResult(index: index, problem: problem)
            }
        }
        let result = Batch.Result(results.compactMap { $0 })
        request.application.platformMetrics.eventsRecorded.increment(by: Int64(result.created))
        return result
    }
}
