import Domain
import Foundation
import Store
import Vapor

/// The rules of recording parcel events: who may record which kind for which parcel, and a
/// retry of an event is answered as the first time.
enum Events {
    /// The id of an event the platform records on behalf of another (dispatch, a stop's
    /// outcome per parcel): the parts joined with `:`, the same for a retry. Past the identifier
    /// limit, the first part and a hash of the whole, so a long barcode cannot make it invalid.
    static func derivedId(_ parts: String...) -> String {
        let joined = parts.joined(separator: ":")
        guard joined.count > TextPolicy.identifierLength else { return joined }
        let prefix = String((parts.first ?? "").prefix(TextPolicy.identifierLength - 65))
        return prefix + ":" + Secrets.hash(joined)
    }

    /// The event types the API records (`announced` comes with the shipment).
    enum EventType: String, Codable, CaseIterable, Sendable {
        case arrivedAtHub = "arrived-at-hub", sorted, loaded, outForDelivery = "out-for-delivery", delivered, failed, returned

        /// The parcel status the event moves to.
        var status: ParcelStatus {
            switch self {
            case .arrivedAtHub: .atHub
            case .sorted: .sorted
            case .loaded: .loaded
            case .outForDelivery: .outForDelivery
            case .delivered: .delivered
            case .failed: .failed
            case .returned: .returned
            }
        }
    }

    struct EventBody: Content {
        /// Unique per reporting organisation; repeating it with the same content is a safe retry.
        var eventId: String
        var barcode: String
        var type: EventType
        /// When it happened, ISO 8601 with offset.
        var time: String
        var routeId: String?
        var receiverName: String?
        var photoReference: String?
        var reason: String?
    }

    struct EventView: Content {
        var eventId: String
        var source: String
        var barcode: String
        var type: String
        var time: String
        var routeId: String?
        var receiverName: String?
        var photoReference: String?
        var reason: String?

        init(_ event: EventRecord) {
            (eventId, source, barcode, type, time) = (event.eventId, event.source, event.barcode, event.type, event.timeText)
            (routeId, receiverName, photoReference, reason) = (event.routeId, event.receiverName, event.photoReference, event.reason)
        }
    }

    /// An event whose fields passed the rules, not yet checked against the caller's rights.
    struct Submitted: Sendable {
        var body: EventBody
        var path: String
        var kind: ParcelEvent.Kind
        var occurredAt: EpochMilliseconds
    }

    /// An event that passed the rules and the caller's rights, ready to be stored.
    struct CheckedEvent: Sendable {
        var body: EventBody
        var path: String
        var source: String
        var accountId: String
        var occurredAt: EpochMilliseconds
        /// The parcel's parties and hub, as the rights were checked against them.
        var parcel: ParcelFacts

        var record: EventRecord {
            EventRecord(source: source, eventId: body.eventId, barcode: body.barcode, type: body.type.rawValue, occurredAt: occurredAt,
                        timeText: body.time, routeId: body.routeId, receiverName: body.receiverName, photoReference: body.photoReference,
                        reason: body.reason, recordedBy: accountId)
        }
    }

    /// What became of one event of a set: stored or found stored (with its view), or refused.
    typealias Outcome = Result<(EventView, WriteOutcome), Problem>

    /// The oldest event the API records: a scanner offline for long still reports, but a year-1
    /// time is a broken clock.
    static let maximumEventAge: TimeInterval = 366 * 86_400

    /// Events of one request and who sent them.
    struct Submission: Sendable {
        var caller: Caller
        var events: [Submitted]
    }

    /// Records one parcel event (checks, then stores it) within `store`'s transaction, if any.
    static func record(_ body: EventBody, by caller: Caller, path: String, store: Store, now: Date = Date()) async throws -> (EventView, WriteOutcome) {
        let submission = Submission(caller: caller, events: [try validate(body, path: path, now: now)])
        return try await store.transaction { store in try await record([submission], store: store, now: now)[0][0].get() }
    }

    /// Checks and stores the events of several requests together, in a fixed number of
    /// statements whatever their number: the rights of each sender's events in one read, then
    /// one `save` of all that passed. The outcomes come per request, in its order. Call it
    /// inside a transaction.
    static func record(_ submissions: [Submission], store: Store, now: Date = Date()) async throws -> [[Outcome]] {
        var outcomes: [[Outcome?]] = submissions.map { Array(repeating: nil, count: $0.events.count) }
        var checked: [(submission: Int, index: Int, event: CheckedEvent)] = []
        let bySender = Dictionary(grouping: submissions.indices, by: { submissions[$0].caller.accountId })
        for indices in bySender.values {
            let positions = indices.flatMap { submission in submissions[submission].events.indices.map { (submission, $0) } }
            let results = try await check(positions.map { submissions[$0.0].events[$0.1] }, by: submissions[indices[0]].caller, store: store)
            for ((submission, index), result) in zip(positions, results) {
                switch result {
                case .success(let event): checked.append((submission, index, event))
                case .failure(let problem): outcomes[submission][index] = .failure(problem)
                }
            }
        }
        // In arrival order, so that of a repeated id the first request's event is the one stored.
        checked.sort { ($0.submission, $0.index) < ($1.submission, $1.index) }
        for (position, outcome) in zip(checked, try await save(checked.map(\.event), store: store, now: now)) {
            outcomes[position.submission][position.index] = outcome
        }
        return outcomes.map { $0.compactMap { $0 } }
    }

    /// Checks an event's fields against the rules; reads nothing.
    static func validate(_ event: EventBody, path: String, now: Date = Date()) throws -> Submitted {
        var body = event
        try Wire.identifier(body.eventId, field: "\(path).eventId")
        if let route = body.routeId { try Wire.identifier(route, field: "\(path).routeId") }
        let time = try Wire.recentInstant(body.time, field: "\(path).time", past: maximumEventAge, future: 3600, now: now)
        // Web forms do not pass decodeJSON: their text is normalised and checked here.
        body.receiverName = try body.receiverName.map { try Wire.text($0, field: "\(path).receiverName", limit: TextPolicy.limit(for: "receiverName")) }
        body.photoReference = try body.photoReference.map { try Wire.text($0, field: "\(path).photoReference", limit: TextPolicy.limit(for: "photoReference")) }
        body.reason = try body.reason.map { try Wire.text($0, field: "\(path).reason", limit: TextPolicy.limit(for: "reason")) }
        let kind: ParcelEvent.Kind
        switch body.type {
        case .arrivedAtHub: kind = .arrivedAtHub
        case .sorted: kind = .sorted
        case .returned: kind = .returned
        case .loaded, .outForDelivery:
            guard let route = body.routeId else { throw Problem.badRequest("\(path).routeId: required for '\(body.type.rawValue)' events") }
            kind = body.type == .loaded ? .loaded(routeId: route) : .outForDelivery(routeId: route)
        case .delivered:
            guard let name = body.receiverName?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
                throw Problem.badRequest("\(path).receiverName: proof of delivery needs the receiver's name")
            }
            kind = .delivered(ProofOfDelivery(receiverName: name, photoReference: body.photoReference))
        case .failed:
            guard let reason = body.reason, !reason.isEmpty else { throw Problem.badRequest("\(path).reason: a failed delivery needs a reason") }
            kind = .failed(reason: reason)
        }
        return Submitted(body: body, path: path, kind: kind, occurredAt: time.epochMilliseconds)
    }

    /// Checks events against the caller's rights, in three reads whatever their number (their
    /// parcels, the driver's route parcels, their routes). Unknown parcels and parcels the caller may not see are both 404, so
    /// a carrier cannot probe another carrier's barcodes.
    private static func check(_ events: [Submitted], by caller: Caller, store: Store) async throws -> [Result<CheckedEvent, Problem>] {
        let barcodes = Array(Set(events.map(\.body.barcode)))
        let facts = try await store.facts(ofParcels: barcodes)
        let routeParcels = caller.role == .driver ? try await store.parcels(drivenBy: caller.accountId, among: barcodes) : []
        let routes = try await store.facts(ofRoutes: Array(Set(events.compactMap(\.body.routeId))))
        let policy = AccessPolicy(hubOperators: Dictionary(facts.values.map { ($0.hubId, $0.operatorId) }, uniquingKeysWith: { first, _ in first }))
        return events.map { event in
            let (body, path) = (event.body, event.path)
            guard let facts = facts[body.barcode], policy.canView(facts.parcel, by: caller.principal, routeParcels: routeParcels) else {
                return .failure(Problem.notFound("\(path).barcode: parcel '\(body.barcode)'"))
            }
            guard policy.canRecord(event.kind, for: facts.parcel, by: caller.principal, routeParcels: routeParcels) else {
                return .failure(Problem.forbidden(
                    "\(path).type: a \(caller.role.rawValue) of '\(caller.organisation.id)' may not record '\(body.type.rawValue)' for this parcel"))
            }
            if let route = body.routeId, routes[route]?.hubId != facts.hubId {
                return .failure(Problem.unprocessable("\(path).routeId: '\(route)' is no route of this parcel's hub"))
            }
            return .success(CheckedEvent(body: body, path: path, source: caller.organisation.id, accountId: caller.accountId,
                                         occurredAt: event.occurredAt, parcel: facts))
        }
    }

    /// Stores checked events, moves their parcels' states and puts their webhook messages in the
    /// outbox, in a fixed number of statements: one insert of all, one read of those found
    /// stored, one update of the parcels, one read of the subscriptions and one insert. A retry
    /// (same id, same content, in this set or before) is a duplicate; the same id with other
    /// content is refused and changes nothing. Call it inside a transaction.
    private static func save(_ events: [CheckedEvent], store: Store, now: Date = Date()) async throws -> [Outcome] {
        let records = events.map(\.record)
        let inserted = try await store.insertNew(records, recordedAt: now)
        let earlier = try await store.events(withKeys: Array(Set(records.map(\.key)).subtracting(inserted)))
        var first: [EventKey: EventRecord] = earlier
        var moves: [ParcelMove] = []
        var created: [EventRecord] = []
        let outcomes = zip(events, records).map { event, record -> Outcome in
            if let stored = first[record.key] {
                guard stored.sameContent(as: record) else {
                    return .failure(Problem.conflict("\(event.path).eventId: event '\(record.eventId)' was recorded before with different content"))
                }
                return .success((EventView(record), .duplicate))
            }
            first[record.key] = record
            moves.append(ParcelMove(barcode: record.barcode, status: event.body.type.status, time: record.occurredAt))
            created.append(record)
            return .success((EventView(record), .created))
        }
        try await store.moveParcels(ParcelMove.latest(of: moves))
        let facts = Dictionary(events.map { ($0.body.barcode, $0.parcel) }, uniquingKeysWith: { first, _ in first })
        try await WebhookOutbox.enqueue(created, facts: facts, store: store)
        return outcomes
    }
}
