import Domain
import Foundation
import Store
import Vapor
import Zones

/// Curb events from the municipality's sensors and cameras and from fleet feeds, in the CDS
/// Events format: received with vehicle identifiers replaced by keyed hashes, kept for the
/// retention period, and set against declared trips to find undeclared entries into zones.
struct CurbEventsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("cds", "events", use: receive)
        routes.get("cds", "events", use: list)
        routes.get("zones", ":zoneId", "entries", use: entries)
    }

    static let maximumEvents = 10_000
    /// Events and trips one entries answer sets against each other at most.
    static let maximumMatched = 100_000
    /// The longest period a list or an entries answer covers.
    static let maximumPeriodDays = 35.0
    /// How far a sensor's entry and a declared entry may lie apart and still be one trip.
    static let matchTolerance: TimeInterval = 1800

    struct Receipt: Content, APIModel {
        static let schemaName = "CurbEventReceipt"
        var added: Int
        /// Events received before with the same content (a retry).
        var duplicates: Int
        /// Events are deleted this many days after they happened.
        var retentionDays: Int
    }

    /// Deletes events, and forgets trips' plate hashes, past the retention period every hour,
    /// also when no feed arrives.
    static func retentionWorker(days: Int) -> BackgroundWorker {
        BackgroundWorker(name: "curb event retention", idle: .seconds(3600)) { application in
            {
                try await forgetPastRetention(Store(application.db), configuration: application.platform.configuration)
                return false
            }
        }
    }

    /// The instant before which events and plate hashes are past the retention period.
    static func retentionCutoff(_ configuration: PlatformConfiguration) -> Date {
        configuration.now().addingTimeInterval(-Double(configuration.curbEventRetentionDays) * 86_400)
    }

    static func forgetPastRetention(_ store: Store, configuration: PlatformConfiguration) async throws {
        let cutoff = retentionCutoff(configuration).epochMilliseconds
        try await store.deleteCurbEvents(before: cutoff)
        try await store.forgetTripPlates(before: cutoff)
    }

    /// The key plates are hashed with: the configuration's, or else the one the deployment keeps
    /// in its database (the same for every instance on it), read once.
    static func plateKey(_ application: Application, _ store: Store) async throws -> PlateKey {
        let platform = application.platform
        if let key = platform.configuration.plateKey ?? platform.storedPlateKey.withLock({ $0 }) { return key }
        let text = try await store.deploymentSecret("plate-hash-key") { PlateKey.newSecret().base64EncodedString() }
        guard let secret = Data(base64Encoded: text), let key = PlateKey(secret: secret) else {
            throw Problem(.internalServerError, "the stored plate-hash key is unreadable")
        }
        platform.storedPlateKey.withLock { $0 = key }
        return key
    }

    /// The municipality whose events the caller sends or reads: its own, or for platform admins the one named.
    static func municipality(of caller: Caller, _ request: Request, sends: Bool, store: Store) async throws -> String {
        let named = try request.query.get(String?.self, at: "municipalityId")
        guard let municipality = caller.principal.isPlatformAdmin ? named : caller.organisation.id else {
            throw Problem.unprocessable("municipalityId: name the municipality the events are of")
        }
        if caller.principal.isPlatformAdmin, try await store.organisation(municipality)?.kind != .municipality {
            throw Problem.unprocessable("municipalityId: '\(municipality)' is not a municipality")
        }
        switch ZoneAccess.curbEvents(caller.principal, municipality: municipality, sends: sends) {
        case .granted: return municipality
        case .refused: throw Problem.forbidden(sends ? "curb events are sent by the municipality's admins and writers" : "drivers do not read curb events")
        case .stranger: throw Problem.forbidden("curb events are the municipality's; others see what they add up to (zone entries, bay occupancy)")
        }
    }

    /// Receives a CDS Events feed (`application/vnd.cds+json` or `application/json`), all
    /// events or none: plates and fleet numbers are hashed and dropped, each event is placed in
    /// the municipality's zone that holds it; events older than the retention period are refused.
    func receive(_ request: Request) async throws -> Receipt {
        let caller = try request.requireCaller()
        let store = Store(request.db)
        let municipality = try await Self.municipality(of: caller, request, sends: true, store: store)
        guard let subType = request.headers.contentType?.subType, subType == "json" || subType == "vnd.cds+json" else {
            throw Problem(.unsupportedMediaType, "send a CDS Events feed as application/vnd.cds+json")
        }
        guard let buffer = request.body.data else { throw Problem.badRequest("the body is empty; expected a CDS Events feed") }
        let configuration = request.application.platform.configuration
        let now = configuration.now()
        let feed: CDS.EventFeed
        do { feed = try CurbEvents.read(Data(buffer: buffer), now: now) } catch { throw Problem.badRequest(error.description) }
        guard feed.data.events.count <= Self.maximumEvents else { throw Problem.badRequest("$.data.events: at most \(Self.maximumEvents) a request") }
        let cutoff = Self.retentionCutoff(configuration)
        if let old = feed.data.events.firstIndex(where: { $0.time < cutoff }) {
            throw Problem.unprocessable("$.data.events[\(old)].event_time: older than the \(configuration.curbEventRetentionDays)-day retention period; it would be deleted at once")
        }
        let key = try await Self.plateKey(request.application, store)
        let records = try feed.data.events.map { try Self.record($0, municipalityId: municipality, key: key, receivedAt: now) }
        let (added, duplicates) = try await store.addCurbEvents(records)
        try await store.deleteCurbEvents(before: cutoff.epochMilliseconds)
        return Receipt(added: added, duplicates: duplicates, retentionDays: configuration.curbEventRetentionDays)
    }

    /// The municipality's events as a CDS Events feed, without vehicle identifiers, oldest first;
    /// `curb_zone_id` (a bay) and `from`/`to` (default the 32 days up to tomorrow, at most 35)
    /// narrow it. A page holds `limit` events (at most and by default `maximumEvents`);
    /// `Link: <…>; rel="next"` names the next page, which starts `after` the last event of this one.
    func list(_ request: Request) async throws -> Response {
        let caller = try request.requireCaller()
        let store = Store(request.db)
        let municipality = try await Self.municipality(of: caller, request, sends: false, store: store)
        let (from, to) = try Self.period(request)
        let after = try request.query.get(String?.self, at: "after").map { text -> Store.EventCursor in
            let parts = text.split(separator: "~", maxSplits: 1)
            guard parts.count == 2, let millis = Int64(parts[0]) else { throw Problem.badRequest("after: '\(text)' is not a cursor from a Link header") }
            return Store.EventCursor(occurredAt: millis, eventId: String(parts[1]))
        }
        let limit = try request.query.get(Int?.self, at: "limit") ?? Self.maximumEvents
        guard (1...Self.maximumEvents).contains(limit) else { throw Problem.badRequest("limit: between 1 and \(Self.maximumEvents)") }
        let records = try await store.curbEvents(municipalityId: municipality, curbZoneId: try request.query.get(String?.self, at: "curb_zone_id"),
                                                 from: from, to: to, after: after, limit: limit + 1)
        let page = records.prefix(limit)
        let feed = CDS.EventFeed(timeZone: "Europe/Oslo", lastUpdated: Date().epochMilliseconds, author: "Samlast", events: try page.map(Self.event))
        var headers: HTTPHeaders = ["Content-Type": BaysController.cdsMedia]
        if records.count > limit, let last = page.last {
            var next = URLComponents(string: request.url.string) ?? URLComponents()
            next.queryItems = (next.queryItems ?? []).filter { !["after", "from", "to"].contains($0.name) } + [
                URLQueryItem(name: "from", value: Wire.format(from, in: .gmt)), URLQueryItem(name: "to", value: Wire.format(to, in: .gmt)),
                URLQueryItem(name: "after", value: "\(last.occurredAt)~\(last.eventId)"),
            ]
            next.percentEncodedQuery = next.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
            headers.add(name: "Link", value: "<\(next.string ?? "")>; rel=\"next\"")
        }
        return Response(status: .ok, headers: headers, body: .init(data: CurbEvents.write(feed)))
    }

    /// An event as stored: its plate hashed under `key` and dropped with the other vehicle identifiers.
    static func record(_ event: CDS.Event, municipalityId: String, key: PlateKey, receivedAt: Date) throws -> CurbEventRecord {
        var stored = event.withoutVehicleIdentifiers
        stored.eventId = event.eventId.lowercased()
        return CurbEventRecord(municipalityId: municipalityId, eventId: stored.eventId, eventType: event.eventType.rawValue, occurredAt: event.eventTime,
                               curbZoneId: event.curbZoneId, plateHash: event.plateHash(key), event: try ZonesController.json(stored),
                               receivedAt: receivedAt.epochMilliseconds)
    }

    /// `from`/`to` as `ZonesController.period` reads them, at most `maximumPeriodDays` apart.
    static func period(_ request: Request) throws -> (EpochMilliseconds, EpochMilliseconds) {
        let (from, to) = try ZonesController.period(request)
        guard Double(to - from) <= maximumPeriodDays * 86_400_000 else { throw Problem.badRequest("from, to: at most \(Int(maximumPeriodDays)) days apart") }
        return (from, to)
    }

    static func event(_ record: CurbEventRecord) throws -> CDS.Event {
        guard let event = try? JSONDecoder().decode(CDS.Event.self, from: Data(record.event.utf8)) else {
            throw Problem(.internalServerError, "the stored curb event '\(record.eventId)' is unreadable")
        }
        return event
    }

    /// The stored event as the matching reads it, placed in `zone` when its position lies there.
    static func observed(_ record: CurbEventRecord, in zone: Zone? = nil) throws -> ObservedEvent {
        let event = try event(record)
        return ObservedEvent(event, plateHash: record.plateHash, zoneId: zone.flatMap { $0.area.contains(event.position) ? $0.id : nil })
    }

    struct EntriesView: Content, APIModel {
        static let schemaName = "ZoneEntries"
        static var rules: [String: FieldRule] { ["from": .dateTime, "to": .dateTime] }
        var zoneId: String
        var from: String
        var to: String
        /// Vehicles seen entering the zone.
        var entries: Int
        /// Entries a declared trip with the plate (the operator's, or the hub's from its plan) explains.
        var declared: Int
        /// Entries a trip declared without a plate may explain: not flagged.
        var declaredWithoutPlate: Int
        var undeclared: Int
        /// Entries whose plate was not read.
        var unidentified: Int
        /// Stops in the zone that blocked a traffic lane.
        var doubleParking: Int
        /// The first 1,000 entries no trip explains, to follow up: time, place, vehicle, plate hash.
        var undeclaredEntries: [EntryView]
    }

    struct EntryView: Content, APIModel {
        static let schemaName = "ZoneEntry"
        static var rules: [String: FieldRule] { ["time": .dateTime, "position": .position] }
        var eventId: String
        var time: String
        var position: [Double]
        var plateHash: String
        var vehicleType: String?
        var zeroEmission: Bool?
    }

    /// What sensors saw enter the zone in a period, set against the declared trips: counts,
    /// and the undeclared entries. Only the zone's municipality reads it; which operator a
    /// declared entry belonged to is not shown.
    func entries(_ request: Request) async throws -> EntriesView {
        let caller = try request.requireCaller()
        let id = try request.parameters.require("zoneId")
        let store = Store(request.db)
        guard let entry = try await ZoneCatalogue.zone(id, store) else { throw Problem.notFound("zone '\(id)'") }
        switch ZoneAccess.curbEvents(caller.principal, municipality: entry.municipalityId, sends: false) {
        case .granted: break
        case .refused: throw Problem.forbidden("drivers do not read zone entries")
        case .stranger: throw Problem.forbidden("zone entries are the zone's municipality's; operators see their own trips (GET /v1/zones/trips)")
        }
        let (from, to) = try Self.period(request)
        let tolerance = EpochMilliseconds(Self.matchTolerance * 1000)
        // Placed in the zone as it is now, so a zone drawn after the events still gets its own.
        let events = try await store.curbEvents(municipalityId: entry.municipalityId, from: from, to: to, limit: Self.maximumMatched + 1)
            .map { try Self.observed($0, in: entry.zone) }.filter { $0.zoneId == id }
        let trips = try await store.zoneTrips(.all, zoneId: id, from: from - tolerance, to: to + tolerance, limit: Self.maximumMatched + 1)
            .map { try ZonesController.judged($0).trip }
        guard events.count <= Self.maximumMatched, trips.count <= Self.maximumMatched else {
            throw Problem.unprocessable("from, to: more than \(Self.maximumMatched) events or trips in the period; ask for a shorter one")
        }
        let matched = EntryMatching.match(entries: events, trips: trips, tolerance: Self.matchTolerance)
        let undeclared = matched.filter { $0.finding == .undeclared }
        return EntriesView(zoneId: id, from: Wire.format(from, in: ZonesController.oslo), to: Wire.format(to, in: ZonesController.oslo),
                           entries: matched.count, declared: matched.count { $0.finding == .declared },
                           declaredWithoutPlate: matched.count { $0.finding == .declaredWithoutPlate }, undeclared: undeclared.count,
                           unidentified: matched.count { $0.finding == .unidentified }, doubleParking: events.count(where: \.blocksTraffic),
                           undeclaredEntries: undeclared.prefix(1000).map { entry in
                               EntryView(eventId: entry.event.eventId, time: Wire.format(entry.event.time, in: ZonesController.oslo),
                                         position: [entry.event.position.longitude, entry.event.position.latitude], plateHash: entry.event.plateHash ?? "",
                                         vehicleType: entry.event.vehicleType, zeroEmission: entry.event.zeroEmission)
                           })
    }
}
