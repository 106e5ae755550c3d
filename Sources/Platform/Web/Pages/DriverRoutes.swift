import Domain
import Foundation
import Pages
import Store
import Vapor

/// The driver's phone page: the routes dispatched to them, stop by stop, with the form that
/// records a stop delivered (with the receiver's name) or failed (with the reason).
enum DriverRoutes {
    static func show(_ request: Request) async throws -> Response {
        guard let caller = request.caller else { return WebPage.redirect("/login") }
        guard caller.role == .driver else { throw Problem.forbidden("this page is for drivers") }
        let store = Store(request.db)
        let routes = try await store.routes(.drivenBy(caller.accountId)).map(RouteView.init)
        let bayIds = Set(routes.flatMap { $0.stops.compactMap(\.bayId) })
        let bayNames = Dictionary(firstWins: try await store.bays().filter { bayIds.contains($0.id) }.map { record in
            (record.id, (try? BaysController.bay(record))?.displayName ?? record.id)
        })
        let page = DriverPage(routes: routes.map { route in
            DriverRoute(id: route.id, vehicleId: route.vehicleId, departure: WebPage.clock(route.departure), distanceKm: route.distanceKm,
                        stops: route.stops.map { stop in
                            DriverStop(index: stop.index, name: stop.name, address: stop.address, eta: WebPage.clock(stop.eta),
                                       state: StopState(rawValue: stop.state) ?? .pending, parcels: stop.parcels, accessNotes: stop.accessNotes,
                                       parkAt: stop.bayId.map { bayNames[$0] ?? $0 })
                        })
        })
        return WebPage.respond(page, to: request)
    }

    struct StopForm: Content {
        var outcome: String
        var receiverName: String?
        var reason: String?
    }

    static func completeStop(_ request: Request) async throws -> Response {
        let caller = try WebPage.formCaller(request)
        let form = try request.content.decode(StopForm.self)
        guard let outcome = DispatchController.StopCompletion.Outcome(rawValue: form.outcome) else {
            throw Problem.badRequest("outcome: '\(form.outcome)' is not delivered or failed")
        }
        guard let index = Int(try request.parameters.require("stopIndex")) else { throw Problem.badRequest("stopIndex: not a number") }
        let completion = DispatchController.StopCompletion(
            eventId: "web-\(Secrets.random(bytes: 9))", outcome: outcome, time: Wire.format(Date(), in: .gmt),
            receiverName: form.receiverName?.isEmpty == false ? form.receiverName : nil, photoReference: nil,
            reason: form.reason?.isEmpty == false ? form.reason : nil, parcels: nil)
        _ = try await DispatchController.completeStop(routeId: try request.parameters.require("routeId"), index: index, completion,
                                                      caller: caller, store: Store(request.db))
        return WebPage.redirect(caller.role == .driver ? "/ui/driver" : "/")
    }
}
