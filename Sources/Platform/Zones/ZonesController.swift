import Domain
import Foundation
import Routing
import Store
import Vapor
import Zones

/// A municipality's consolidation zones (GeoJSON, every party reads them), trips declared into
/// them with their verdicts (each operator its own), and compliance per zone and month (the
/// operator its own; the municipality aggregates over at least three operators).
struct ZonesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("zones", use: list)
        routes.put("zones", use: importZones)
        routes.get("zones", "trips", use: trips)
        routes.post("zones", "trips", use: declare)
        routes.get("zones", ":zoneId", use: zone)
        routes.get("zones", ":zoneId", "compliance", use: compliance)
    }

    static let geoJSON = "application/geo+json"
    static let oslo = TimeZone(identifier: "Europe/Oslo") ?? .gmt

    /// The current version of every zone as one FeatureCollection.
    func list(_ request: Request) async throws -> Response {
        _ = try request.requireCaller()
        let zones = try await ZoneCatalogue.current(Store(request.db)).map(\.zone)
        return Response(status: .ok, headers: ["Content-Type": Self.geoJSON], body: .init(data: ZoneDocument.write(zones)))
    }

    func zone(_ request: Request) async throws -> Response {
        _ = try request.requireCaller()
        let id = try request.parameters.require("zoneId")
        guard let stored = try await ZoneCatalogue.zone(id, Store(request.db)) else { throw Problem.notFound("zone '\(id)'") }
        return Response(status: .ok, headers: ["Content-Type": Self.geoJSON], body: .init(data: ZoneDocument.write([stored.zone])))
    }

    /// What an import did to each zone of the file.
    struct ImportedZone: Content {
        var zoneId: String
        var version: Int
        /// False when the file's rules equal the stored version's (nothing was written).
        var changed: Bool
    }

    /// Replaces the caller's zones by a file's, all or none: each zone whose rules differ from
    /// its stored version becomes a new version.
    func importZones(_ request: Request) async throws -> [ImportedZone] {
        let caller = try request.requireCaller()
        let municipality = try Self.municipality(of: caller, request)
        guard let buffer = request.body.data else { throw Problem.badRequest("the body is empty; expected a GeoJSON FeatureCollection of zones") }
        guard let type = request.headers.contentType, type.type == "application", ["json", "geo+json"].contains(type.subType) else {
            throw Problem(.unsupportedMediaType, "send the zones as application/geo+json")
        }
        let zones: [Zone]
        do { zones = try ZoneDocument.read(Data(buffer: buffer)) } catch { throw Problem.badRequest(error.description) }
        for (index, zone) in zones.enumerated() {
            do {
                _ = try TextPolicy.identifier(zone.id)
                _ = try TextPolicy.text(zone.name, limit: 200, allowLineBreaks: false)
            } catch { throw Problem.badRequest("features[\(index)]: \(error)") }
        }
        let store = Store(request.db)
        let now = Date().epochMilliseconds
        var results: [ImportedZone] = [], records: [ZoneRecord] = []
        for zone in zones {
            let stored = try await store.zone(zone.id)
            if let stored, stored.municipalityId != municipality { throw Problem.conflict("zone '\(zone.id)' belongs to another municipality") }
            let storedZone = try stored.map(ZoneCatalogue.decode)
            var candidate = zone
            candidate.version = storedZone?.version ?? 1
            if let storedZone, storedZone == candidate {
                results.append(ImportedZone(zoneId: zone.id, version: storedZone.version, changed: false))
                continue
            }
            candidate.version = (storedZone?.version ?? 0) + 1
            records.append(ZoneRecord(id: zone.id, version: candidate.version, municipalityId: municipality, name: zone.name,
                                      validFrom: candidate.validFrom.epochMilliseconds, validUntil: candidate.validUntil?.epochMilliseconds,
                                      document: String(decoding: ZoneDocument.write([candidate]), as: UTF8.self), createdAt: now))
            results.append(ImportedZone(zoneId: zone.id, version: candidate.version, changed: true))
        }
        try await store.addZoneVersions(records)
        return results
    }

    /// The municipality a zone or bay import is for: the caller's own, or for platform admins the one named.
    static func municipality(of caller: Caller, _ request: Request) throws -> String {
        let named = try request.query.get(String?.self, at: "municipalityId")
        let municipality = caller.principal.isPlatformAdmin ? named : caller.organisation.id
        guard let municipality else { throw Problem.unprocessable("municipalityId: name the municipality the data is for") }
        switch ZoneAccess.administers(caller.principal, municipality: municipality) {
        case .granted: return municipality
        case .refused: throw Problem.forbidden("only the municipality's admins and case officers (writers) change its zones and bays")
        case .stranger: throw Problem.forbidden("zones and bays are imported by their municipality")
        }
    }

    // MARK: Trips

    /// A trip declared into a zone, as the API takes it.
    struct TripBody: Content, APIModel {
        static let schemaName = "ZoneTripDeclaration"
        static let isRequest = true
        static var rules: [String: FieldRule] { ["entry": .instant, "tripId": .identifier, "zoneId": .identifier] }
        var tripId: String
        var zoneId: String
        var vehicle: ZoneVehicle
        /// When it entered the zone.
        var entry: String
        var manifest: Manifest
        /// The licence plate, to match the entry that cameras saw: hashed under the deployment's key on arrival, never kept.
        var plate: String?
    }

    struct TripsBody: Content, APIModel {
        static let schemaName = "ZoneTripDeclarations"
        static let isRequest = true
        static var rules: [String: FieldRule] { ["trips": .items(minimum: 1, maximum: maximumTrips)] }
        var trips: [TripBody]
    }

    static let maximumTrips = 5000
    /// How long ago and how far ahead a declared entry may lie.
    static let entryPastSeconds: TimeInterval = 400 * 86_400, entryFutureSeconds: TimeInterval = 86_400

    /// A trip with its verdict, as its operator reads it.
    struct TripView: Content, APIModel {
        static let schemaName = "ZoneTrip"
        static var rules: [String: FieldRule] { ["entry": .dateTime, "declaredAt": .dateTime] }
        var tripId: String
        var zoneId: String
        var operatorId: String
        /// `declared` or `plan`.
        var source: String
        var entry: String
        var vehicle: ZoneVehicle
        var manifest: Manifest
        var verdict: ZoneVerdict
        var declaredAt: String
    }

    /// Judges and stores trips, all or none (JSON `{"trips": [...]}` or CSV); a trip sent again
    /// unchanged is answered as stored.
    func declare(_ request: Request) async throws -> Response {
        let caller = try request.requireCaller()
        guard ZoneAccess.declaresTrips(caller.principal) else {
            throw Problem.forbidden("trips are declared by carriers' and hub operators' admins and writers, for their own vehicles")
        }
        let store = Store(request.db)
        let declarations = try Self.declarations(request, operatorId: caller.organisation.id, plateKey: try await CurbEventsController.plateKey(request.application, store))
        let records = try await Self.judged(declarations, catalogue: try await ZoneCatalogue.current(store), source: "declared", store: store, now: Date())
        let stored = try await store.declareTrips(records)
        let views = try stored.map(Self.view)
        return try await views.encodeResponse(status: .created, for: request)
    }

    /// The declarations judged by their zones' rules and the operators' granted permits, as records to store.
    static func judged(_ declarations: [TripDeclaration], catalogue: [ZoneCatalogue.Entry], source: String, store: Store, now: Date) async throws -> [ZoneTripRecord] {
        var records: [ZoneTripRecord] = []
        for (index, declaration) in declarations.enumerated() {
            guard let entry = catalogue.first(where: { $0.zone.id == declaration.zoneId }) else {
                throw Problem.unprocessable("trips[\(index)].zoneId: no zone '\(declaration.zoneId)'")
            }
            let trip = declaration.trip
            let permits = try await ZoneCatalogue.permits(store, zoneId: entry.zone.id, operatorId: trip.operatorId, at: trip.entry)
            let verdict = entry.rules.check(trip, permits: permits)
            var withoutPlate = trip
            withoutPlate.plateHash = nil
            records.append(ZoneTripRecord(operatorId: trip.operatorId, tripId: trip.id, zoneId: entry.zone.id, zoneVersion: entry.zone.version, source: source,
                                          entryAt: trip.entry.epochMilliseconds, outcome: verdict.outcome.rawValue, trip: try json(withoutPlate),
                                          verdict: try json(verdict), declaredAt: now.epochMilliseconds, plateHash: trip.plateHash))
        }
        return records
    }

    static func declarations(_ request: Request, operatorId: String, plateKey: PlateKey) throws -> [TripDeclaration] {
        if request.headers.contentType?.subType == "csv" {
            guard let buffer = request.body.data else { throw Problem.badRequest("the body is empty; expected CSV with a header row") }
            let declarations: [TripDeclaration]
            do { declarations = try TripDeclarationCSV.read(String(buffer: buffer), operatorId: operatorId, plateKey: plateKey) } catch {
                throw Problem.badRequest(error.description)
            }
            let now = request.application.platform.configuration.now()
            for (index, declaration) in declarations.enumerated() {
                do { _ = try TextPolicy.identifier(declaration.trip.id) } catch { throw Problem.badRequest("line \(index + 2), column trip_id: \(error)") }
                guard declaration.trip.entry > now.addingTimeInterval(-Self.entryPastSeconds), declaration.trip.entry < now.addingTimeInterval(Self.entryFutureSeconds) else {
                    throw Problem.badRequest("line \(index + 2), column entry: must lie within the last 400 days or the next day")
                }
            }
            return declarations
        }
        let body = try request.decodeJSON(TripsBody.self)
        guard body.trips.count <= maximumTrips else { throw Problem.badRequest("trips: at most \(maximumTrips) a request") }
        var seen: Set<String> = []
        return try body.trips.enumerated().map { index, trip in
            let path = "$.trips[\(index)]"
            if let problem = trip.vehicle.problem { throw Problem.badRequest("\(path).\(problem)") }
            if let problem = trip.manifest.problem ?? trip.manifest.problem(carriedBy: trip.vehicle) { throw Problem.badRequest("\(path).\(problem)") }
            guard seen.insert(trip.zoneId + "\u{0}" + trip.tripId).inserted else { throw Problem.badRequest("\(path).tripId: '\(trip.tripId)' is declared twice") }
            do { _ = try TextPolicy.identifier(trip.tripId) } catch { throw Problem.badRequest("\(path).tripId: \(error)") }
            let entry = try Wire.recentInstant(trip.entry, field: "\(path).entry", past: Self.entryPastSeconds, future: Self.entryFutureSeconds,
                                           now: request.application.platform.configuration.now())
            let plateHash = try trip.plate.map { plate in
                guard let hash = plateKey.hash(plate) else { throw Problem.badRequest("\(path).plate: '\(plate)' has no letter or digit") }
                return hash
            }
            return TripDeclaration(zoneId: trip.zoneId, trip: ZoneTrip(id: trip.tripId, operatorId: operatorId, vehicle: trip.vehicle, plateHash: plateHash,
                                                                       entry: entry, manifest: trip.manifest))
        }
    }

    /// The caller's own trips (of a zone, in a period: default the last 31 days), oldest first.
    func trips(_ request: Request) async throws -> [TripView] {
        let caller = try request.requireCaller()
        let scope = ZoneAccess.trips(caller.principal)
        if case .refused(let reason) = scope { throw Problem.forbidden(reason) }
        let (from, to) = try Self.period(request)
        let rows = try await Store(request.db).zoneTrips(scope, zoneId: try request.query.get(String?.self, at: "zoneId"), from: from, to: to, limit: 10_000)
        return try rows.map(Self.view)
    }

    /// `from`/`to` query instants, default the 32 days up to tomorrow on the server's clock.
    static func period(_ request: Request) throws -> (EpochMilliseconds, EpochMilliseconds) {
        let now = request.application.platform.configuration.now()
        let to = try request.query.get(String?.self, at: "to").map { try Wire.instant($0, field: "to") } ?? now.addingTimeInterval(86_400)
        let from = try request.query.get(String?.self, at: "from").map { try Wire.instant($0, field: "from") } ?? to.addingTimeInterval(-32 * 86_400)
        guard from < to else { throw Problem.badRequest("from: must be before to") }
        return (from.epochMilliseconds, to.epochMilliseconds)
    }

    /// The stored trip (with its plate hash while the retention period lasts) and its verdict.
    static func judged(_ row: ZoneTripRecord) throws -> (trip: ZoneTrip, verdict: ZoneVerdict) {
        let decoder = ZoneDocument.jsonDecoder
        guard var trip = try? decoder.decode(ZoneTrip.self, from: Data(row.trip.utf8)),
              let verdict = try? decoder.decode(ZoneVerdict.self, from: Data(row.verdict.utf8)) else {
            throw Problem(.internalServerError, "the stored trip '\(row.tripId)' is unreadable")
        }
        trip.plateHash = row.plateHash
        return (trip, verdict)
    }

    static func view(_ row: ZoneTripRecord) throws -> TripView {
        let (trip, verdict) = try judged(row)
        return TripView(tripId: row.tripId, zoneId: row.zoneId, operatorId: row.operatorId, source: row.source, entry: Wire.format(row.entryAt, in: oslo),
                        vehicle: trip.vehicle, manifest: trip.manifest, verdict: verdict, declaredAt: Wire.format(row.declaredAt, in: oslo))
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601DateTime.format(date, in: oslo))
        }
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
