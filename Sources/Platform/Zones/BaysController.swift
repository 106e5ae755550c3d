import Domain
import Foundation
import Geo
import Store
import Vapor
import Zones

/// Loading bays: the municipality imports them (CDS Curbs JSON or the French aire-livraison
/// CSV), every party reads them — as Samlast's list or as CDS Curbs documents — and sees each
/// bay's occupancy without names: booked slots, and the vehicles its sensors see parked.
struct BaysController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("bays", use: list)
        routes.put("bays", use: importBays)
        routes.get("bays", ":bayId", "occupancy", use: occupancy)
        routes.get("cds", "curbs", "zones", use: cdsZones)
        routes.get("cds", "curbs", "policies", use: cdsPolicies)
        routes.get("cds", "curbs", "areas", use: cdsAreas)
    }

    static let cdsMedia = "application/vnd.cds+json;version=1.0"

    struct BayView: Content, APIModel {
        static let schemaName = "LoadingBay"
        static var rules: [String: FieldRule] { ["position": .position] }
        var id: String
        var localId: String?
        var name: String?
        var municipalityId: String
        var position: [Double]
        var curbLengthM: Double
        /// Vehicles it holds at once, by category.
        var capacity: [String: Int]
        var streetName: String?
        var policies: [CDS.CurbPolicy]
    }

    static func bay(_ record: BayRecord) throws -> LoadingBay {
        guard let bay = try? JSONDecoder().decode(LoadingBay.self, from: Data(record.document.utf8)) else {
            throw Problem(.internalServerError, "the stored bay '\(record.id)' is unreadable")
        }
        return bay
    }

    static func view(_ record: BayRecord) throws -> BayView {
        let bay = try bay(record)
        return BayView(id: bay.id, localId: bay.curb.userZoneId, name: bay.curb.name, municipalityId: record.municipalityId,
                       position: [bay.position.longitude, bay.position.latitude], curbLengthM: (bay.curbLengthM * 10).rounded() / 10,
                       capacity: Dictionary(firstWins: ZoneVehicle.Category.allCases.map { ($0.rawValue, bay.capacity(for: $0)) }),
                       streetName: bay.curb.streetName, policies: bay.policies)
    }

    func list(_ request: Request) async throws -> [BayView] {
        _ = try request.requireCaller()
        return try await Store(request.db).bays().map(Self.view)
    }

    struct ImportResult: Content {
        var imported: Int
        var warnings: [String]
    }

    /// Adds or replaces the municipality's bays from a CDS Curbs document (zones with their
    /// policies) or the French schema's CSV, all or none.
    func importBays(_ request: Request) async throws -> ImportResult {
        let caller = try request.requireCaller()
        let municipality = try ZonesController.municipality(of: caller, request)
        guard let buffer = request.body.data else { throw Problem.badRequest("the body is empty; expected a CDS Curbs document or an aire-livraison CSV") }
        let data = Data(buffer: buffer)
        var bays: [LoadingBay], warnings: [String] = []
        switch request.headers.contentType?.subType {
        case "csv":
            do {
                let result = try DeliveryBayCSV.read(String(decoding: data, as: UTF8.self), importedAt: Date(), region: .norway)
                (bays, warnings) = (result.bays, result.warnings)
            } catch { throw Problem.badRequest(error.description) }
        case "json", "vnd.cds+json":
            let envelope: CDS.Envelope
            do { envelope = try CurbDocument.read(data) } catch { throw Problem.badRequest(error.description) }
            bays = LoadingBay.bays(in: envelope)
        default:
            throw Problem(.unsupportedMediaType, "send bays as application/vnd.cds+json (CDS Curbs: zones with their policies) or text/csv (aire-livraison)")
        }
        guard !bays.isEmpty else { throw Problem.badRequest("the document holds no bays") }
        let now = Date().epochMilliseconds
        let records = try bays.map { bay in
            BayRecord(id: bay.id, municipalityId: municipality, localId: bay.curb.userZoneId, document: try ZonesController.json(bay),
                      longitude: bay.position.longitude, latitude: bay.position.latitude, updatedAt: now)
        }
        try await Store(request.db).saveBays(records)
        return ImportResult(imported: records.count, warnings: warnings)
    }

    struct OccupancyView: Content, APIModel {
        static let schemaName = "BayOccupancy"
        static var rules: [String: FieldRule] { ["date": .date] }
        var bayId: String
        var date: String
        /// Spaces for vans (marked spaces, or length ÷ 7.5 m).
        var spaces: Int
        var slots: [SlotView]
        /// Vehicles the bay's sensors see parked now: park starts less park ends over the last 12 hours (CDS Events).
        var parkedNow: Int
    }

    struct SlotView: Content, APIModel {
        static let schemaName = "BaySlot"
        static var rules: [String: FieldRule] { ["start": .dateTime] }
        var start: String
        var claimed: Int
    }

    /// How many spaces are booked in each slot of a day: counts only, no operators.
    func occupancy(_ request: Request) async throws -> OccupancyView {
        _ = try request.requireCaller()
        let id = try request.parameters.require("bayId")
        let store = Store(request.db)
        guard let record = try await store.bay(id) else { throw Problem.notFound("bay '\(id)'") }
        let day = try request.query.get(String?.self, at: "date") ?? Wire.today(in: ZonesController.oslo)
        guard let date = LocalDate(iso: day) else { throw Problem.badRequest("date: '\(day)' is not YYYY-MM-DD") }
        let clock = try ZoneClock()
        guard let from = clock.instant(date, LocalTime(minutes: 0)), let to = clock.instant(date.adding(days: 1), LocalTime(minutes: 0)) else {
            throw Problem.badRequest("date: '\(day)' is outside the calendar")
        }
        let now = request.application.platform.configuration.now()
        let slots = try await store.occupancy(bayId: id, from: from.epochMilliseconds, to: to.epochMilliseconds, now: now.epochMilliseconds)
        let events = try await store.curbEvents(municipalityId: record.municipalityId, curbZoneId: id, from: now.addingTimeInterval(-12 * 3600).epochMilliseconds,
                                                to: now.addingTimeInterval(300).epochMilliseconds, limit: 10_000).map { try CurbEventsController.observed($0) }
        return OccupancyView(bayId: id, date: day, spaces: try Self.bay(record).capacity(for: .van),
                             slots: slots.map { SlotView(start: Wire.format($0.slotStart, in: ZonesController.oslo), claimed: $0.claimed) },
                             parkedNow: BayObservation.parked(events)[id] ?? 0)
    }

    // MARK: CDS Curbs API

    func cdsZones(_ request: Request) async throws -> Response {
        let bays = try await cdsBays(request)
        return Self.cds(CDS.Payload(zones: bays.map(\.curb)))
    }

    func cdsPolicies(_ request: Request) async throws -> Response {
        let bays = try await cdsBays(request)
        return Self.cds(CDS.Payload(policies: LoadingBay.envelope(of: bays, timeZone: "Europe/Oslo", lastUpdated: 0).data.policies))
    }

    /// The zones as CDS Curb Areas, each naming the bays inside it.
    func cdsAreas(_ request: Request) async throws -> Response {
        let bays = try await cdsBays(request)
        let zones = try await ZoneCatalogue.current(Store(request.db)).map(\.zone)
        let areas = zones.map { zone in
            CDS.CurbArea(curbAreaId: DeliveryBayCSV.nameBasedUUID("zone:" + zone.id), geometry: zone.area, name: zone.name,
                         publishedDate: zone.validFrom.epochMilliseconds, lastUpdatedDate: zone.validFrom.epochMilliseconds,
                         curbZoneIds: bays.filter { zone.area.contains($0.position) }.map(\.id))
        }
        return Self.cds(CDS.Payload(areas: areas))
    }

    private func cdsBays(_ request: Request) async throws -> [LoadingBay] {
        _ = try request.requireCaller()
        return try await Store(request.db).bays().map(Self.bay)
    }

    static func cds(_ payload: CDS.Payload) -> Response {
        let envelope = CDS.Envelope(timeZone: "Europe/Oslo", lastUpdated: Date().epochMilliseconds, author: "Samlast", data: payload)
        return Response(status: .ok, headers: ["Content-Type": cdsMedia], body: .init(data: CurbDocument.write(envelope)))
    }
}
