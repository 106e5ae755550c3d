import Domain
import Foundation
import Store
import Vapor

/// Parcel events from scanners, carriers' systems and drivers: one, or a batch.
struct EventsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("events", use: recordEvent)
        routes.post("events", "batch", use: recordEvents)
    }

    func recordEvent(_ request: Request) async throws -> Response {
        let caller = try request.requireCaller()
        let body = try request.decodeJSON(Events.EventBody.self)
        let checked = try await Events.check(body, by: caller, path: "$", store: Store(request.db))
        let (view, outcome) = try await request.application.platform.eventWriter.save(checked)
        if outcome == .created { request.application.platformMetrics.eventsRecorded.increment() }
        return try await view.encodeResponse(status: outcome == .created ? .created : .ok, for: request)
    }

    struct EventBatch: Content { var events: [Events.EventBody] }

    func recordEvents(_ request: Request) async throws -> Batch.Result {
        let caller = try request.requireCaller()
        let body = try request.decodeJSON(EventBatch.self)
        let result = try await Batch.run(body.events, request: request, path: "$.events", savepoints: false,
                                          prepare: { item, path, store in try await Events.check(item, by: caller, path: path, store: store) }) { event, _, store in
            let (view, outcome) = try await Events.save(event, store: store)
            return (view.eventId, outcome)
        }
        request.application.platformMetrics.eventsRecorded.increment(by: Int64(result.created))
        return result
    }
}
