import Domain
import Foundation
import Geo
import Store
import Vapor
import Zones

/// Bookings of loading bays by an operator's vehicles: hold slots (they lapse unless
/// confirmed), confirm near the bay or shortly before, check in on arrival, release. A
/// confirmed booking nobody arrives for is released by itself after the grace period.
struct BookingsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("bays", ":bayId", "bookings", use: hold)
        routes.get("bookings", use: list)
        routes.post("bookings", ":bookingId", "confirm", use: confirm)
        routes.post("bookings", ":bookingId", "arrive", use: arrive)
        routes.delete("bookings", ":bookingId", use: release)
    }

    struct HoldBody: Content, APIModel {
        static let schemaName = "BayHold"
        static let isRequest = true
        static var rules: [String: FieldRule] { ["start": .instant, "end": .instant, "vehicleRef": .identifier] }
        /// The operator's name for the vehicle (fleet number); holds are capped per vehicle.
        var vehicleRef: String
        var vehicle: ZoneVehicle
        var start: String
        var end: String
    }

    struct ConfirmBody: Content, APIModel {
        static let schemaName = "BayConfirmation"
        static let isRequest = true
        static var rules: [String: FieldRule] { ["position": .position] }
        /// Where the vehicle is, `[longitude, latitude]`: a hold is confirmed near the bay or shortly before its start.
        var position: [Double]?
    }

    struct BookingView: Content, APIModel {
        static let schemaName = "BayBooking"
        static var rules: [String: FieldRule] {
            ["start": .dateTime, "end": .dateTime, "expiresAt": .dateTime,
             "status": .values(["held", "confirmed", "arrived", "released", "expired", "no-show"])]
        }
        var id: String
        var bayId: String
        var vehicleRef: String
        var start: String
        var end: String
        var status: String
        /// When it lapses unless confirmed (a hold) or unless the vehicle arrives (confirmed).
        var expiresAt: String?
    }

    static func view(_ record: BookingRecord, now: EpochMilliseconds) -> BookingView {
        let zone = ZonesController.oslo
        var status = record.status
        if let expires = record.expiresAt, expires <= now, status == "held" || status == "confirmed" { status = status == "held" ? "expired" : "no-show" }
        return BookingView(id: record.id, bayId: record.bayId, vehicleRef: record.vehicleRef, start: Wire.format(record.startAt, in: zone),
                           end: Wire.format(record.endAt, in: zone), status: status, expiresAt: record.expiresAt.map { Wire.format($0, in: zone) })
    }

    func hold(_ request: Request) async throws -> Response {
        let caller = try request.requireCaller()
        let bayId = try request.parameters.require("bayId")
        let store = Store(request.db)
        guard let record = try await store.bay(bayId) else { throw Problem.notFound("bay '\(bayId)'") }
        guard ZoneAccess.booksBays(caller.principal) else { throw Problem.forbidden("bays are booked by carriers' and hub operators' staff and drivers") }
        let body = try request.decodeJSON(HoldBody.self)
        let rules = request.application.platform.configuration.bookingRules
        if let problem = body.vehicle.problem { throw Problem.badRequest(problem) }
        do { _ = try TextPolicy.identifier(body.vehicleRef) } catch { throw Problem.badRequest("vehicleRef: \(error)") }
        let start = try Wire.instant(body.start, field: "start"), end = try Wire.instant(body.end, field: "end")
        let bay = try BaysController.bay(record)
        let now = request.application.platform.configuration.now()
        let consolidated = try await ZoneCatalogue.current(store).contains { $0.zone.certifiedConsolidators.contains(caller.organisation.id) && $0.zone.area.contains(bay.position) }
        let access = bay.access(classes: LoadingBay.userClasses(of: body.vehicle, consolidated: consolidated), at: start, clock: try ZoneClock())
        guard access.allowed else { throw Problem.unprocessable("start: this vehicle may not load at bay '\(bayId)' then: \(access.reason)") }
        if let problem = rules.problem(holdFrom: start, until: end, now: now, maxStayMinutes: access.maxStayMinutes) {
            throw Problem.unprocessable(problem)
        }
        let spaces = bay.capacity(for: body.vehicle.category)
        guard spaces > 0 else { throw Problem.unprocessable("bay '\(bayId)' is too short for a \(body.vehicle.category.rawValue)") }
        let millis = now.epochMilliseconds
        let booking = BookingRecord(id: Secrets.identifier("bkg"), bayId: bayId, operatorId: caller.organisation.id, vehicleRef: body.vehicleRef,
                                    startAt: start.epochMilliseconds, endAt: end.epochMilliseconds, status: "held",
                                    expiresAt: millis + Int64(rules.holdSeconds) * 1000, createdAt: millis, updatedAt: millis)
        try await store.holdSlots(booking, slots: rules.slots(from: start, until: end).map(\.epochMilliseconds), spaces: spaces,
                                  maximumHolds: rules.maximumHoldsPerVehicle, now: millis)
        return try await Self.view(booking, now: millis).encodeResponse(status: .created, for: request)
    }

    func list(_ request: Request) async throws -> [BookingView] {
        let caller = try request.requireCaller()
        let scope = ZoneAccess.bookings(caller.principal)
        if case .refused(let reason) = scope { throw Problem.forbidden(reason) }
        let (from, to) = try ZonesController.period(request)
        let now = request.application.platform.configuration.now().epochMilliseconds
        return try await Store(request.db).bookings(scope, from: from, to: to).map { Self.view($0, now: now) }
    }

    /// The caller's booking, or 404 as if there were none.
    private func own(_ request: Request) async throws -> (Caller, BookingRecord) {
        let caller = try request.requireCaller()
        let id = try request.parameters.require("bookingId")
        guard let booking = try await Store(request.db).booking(id),
              caller.principal.isPlatformAdmin || (booking.operatorId == caller.organisation.id && ZoneAccess.booksBays(caller.principal)) else {
            throw Problem.notFound("booking '\(id)'")
        }
        return (caller, booking)
    }

    private func move(_ request: Request, _ booking: BookingRecord, from states: [String], to status: String, expiresAt: EpochMilliseconds?) async throws -> BookingView {
        let now = request.application.platform.configuration.now().epochMilliseconds
        let store = Store(request.db)
        guard try await store.updateBooking(booking.id, from: states, to: status, expiresAt: expiresAt, now: now), let updated = try await store.booking(booking.id) else {
            let current = Self.view(booking, now: now).status
            throw Problem.conflict("booking '\(booking.id)' is \(current); it cannot become \(status)")
        }
        return Self.view(updated, now: now)
    }

    func confirm(_ request: Request) async throws -> BookingView {
        let (_, booking) = try await own(request)
        let body = try request.decodeJSON(ConfirmBody.self)
        let rules = request.application.platform.configuration.bookingRules
        let position = try body.position.map { values -> Coordinate in
            guard values.count == 2, Coordinate(longitude: values[0], latitude: values[1]).isValid else { throw Problem.badRequest("position: expected [longitude, latitude]") }
            return Coordinate(longitude: values[0], latitude: values[1])
        }
        guard let record = try await Store(request.db).bay(booking.bayId) else { throw Problem.notFound("bay '\(booking.bayId)'") }
        let start = Date(epochMilliseconds: booking.startAt)
        if let problem = rules.problem(confirming: start, at: try BaysController.bay(record).position, now: request.application.platform.configuration.now(), position: position) {
            throw Problem.unprocessable(problem)
        }
        return try await move(request, booking, from: ["held"], to: "confirmed", expiresAt: rules.noShowRelease(start: start).epochMilliseconds)
    }

    func arrive(_ request: Request) async throws -> BookingView {
        let (_, booking) = try await own(request)
        return try await move(request, booking, from: ["confirmed"], to: "arrived", expiresAt: nil)
    }

    func release(_ request: Request) async throws -> HTTPStatus {
        let (_, booking) = try await own(request)
        _ = try await move(request, booking, from: ["held", "confirmed", "arrived"], to: "released", expiresAt: nil)
        return .noContent
    }
}
