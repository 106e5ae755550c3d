import Domain
import Foundation
import Geo
import PostgresNIO
import Routing
import SQLKit
import SQLiteNIO

/// Whether a database error is a violated uniqueness rule (a primary key or UNIQUE index).
func isUniqueViolation(_ error: any Error) -> Bool {
    if let error = error as? PSQLError { return error.serverInfo?[.sqlState] == "23505" }
    if let error = error as? SQLiteError {
        return [.constraintUniqueFailed, .constraintPrimaryKeyFailed].contains(error.reason)
    }
    return false
}

extension Store {
    /// Runs an insert, turning a uniqueness violation into 409 naming the record.
    func insert(_ query: SQLQueryString, existing what: String) async throws {
        do {
            try await run(query)
        } catch where isUniqueViolation(error) {
            throw Problem.conflict("\(what) already exists")
        }
    }
}

/// Organisations, accounts and tokens.
enum Directory {
    static func insertOrganisation(_ body: DirectoryController.OrganisationBody, store: Store) async throws {
        try await store.insert("""
            INSERT INTO organisations (id, name, kind, created_at)
            VALUES (\(bind: body.id), \(bind: body.name), \(bind: body.kind.rawValue), \(bind: Date().epochMilliseconds))
            """, existing: "organisation '\(body.id)'")
    }

    static func organisationKind(_ id: String, store: Store) async throws -> Organisation.Kind? {
        let row = try await store.sql.raw("SELECT kind FROM organisations WHERE id = \(bind: id)").first()
        return try row.flatMap { Organisation.Kind(rawValue: try $0.decode(column: "kind", as: String.self)) }
    }

    static func insertAccount(_ account: DirectoryController.AccountView, passwordHash: String?, store: Store) async throws {
        try await store.insert("""
            INSERT INTO accounts (id, organisation_id, name, role, email, password_hash, created_at)
            VALUES (\(bind: account.id), \(bind: account.organisationId), \(bind: account.name), \(bind: account.role.rawValue),
                    \(bind: account.email), \(bind: passwordHash), \(bind: Date().epochMilliseconds))
            """, existing: "an account with id '\(account.id)' or e-mail '\(account.email ?? "")'")
    }

    /// Whether an account has this (case-folded) e-mail address in any case.
    static func emailTaken(_ email: String, store: Store) async throws -> Bool {
        try await store.count("SELECT COUNT(*) AS n FROM accounts WHERE lower(email) = \(bind: email)") > 0
    }

    static func accountOrganisation(_ accountId: String, store: Store) async throws -> String? {
        try await store.sql.raw("SELECT organisation_id FROM accounts WHERE id = \(bind: accountId)").first()?
            .decode(column: "organisation_id", as: String.self)
    }

    /// Creates a token for the account; returns its id and the secret (shown once, stored hashed).
    static func issueToken(accountId: String, name: String, store: Store) async throws -> (id: String, secret: String) {
        let id = Secrets.identifier("tok"), secret = Secrets.random(prefix: "slt_")
        try await store.run("""
            INSERT INTO api_tokens (id, account_id, name, token_hash, created_at)
            VALUES (\(bind: id), \(bind: accountId), \(bind: name), \(bind: Secrets.hash(secret)), \(bind: Date().epochMilliseconds))
            """)
        return (id, secret)
    }
}

struct HubRecord: Decodable, Sendable {
    var id: String
    var name: String
    var operatorId: String
    var municipalityId: String?
    var longitude: Double
    var latitude: Double
    var timeZone: String
    var opens: Int
    var closes: Int

    var location: Coordinate { Coordinate(longitude: longitude, latitude: latitude) }
    var zone: TimeZone { TimeZone(identifier: timeZone) ?? .gmt }

    init(_ body: DirectoryController.HubBody) throws {
        try Wire.identifier(body.id, field: "$.id")
        try Wire.location(body.location, field: "$.location")
        guard TimeZone(identifier: body.timeZone) != nil else { throw Problem.badRequest("$.timeZone: '\(body.timeZone)' is not an IANA time zone") }
        id = body.id
        name = body.name
        operatorId = body.operatorId
        municipalityId = body.municipalityId
        longitude = body.location[0]
        latitude = body.location[1]
        timeZone = body.timeZone
        opens = try Wire.clock(body.opens, field: "$.opens")
        closes = try Wire.clock(body.closes, field: "$.closes")
        guard opens < closes else { throw Problem.badRequest("$.closes: must be after $.opens") }
    }

    var body: DirectoryController.HubBody {
        .init(id: id, name: name, operatorId: operatorId, municipalityId: municipalityId, location: [longitude, latitude],
              timeZone: timeZone, opens: Wire.clock(seconds: opens), closes: Wire.clock(seconds: closes))
    }

    static func find(_ id: String, store: Store) async throws -> HubRecord {
        guard let hub: HubRecord = try await store.row("SELECT * FROM hubs WHERE id = \(bind: id)") else { throw Problem.notFound("hub '\(id)'") }
        return hub
    }

    /// Throws 404 (not 403, so hub ids of others are not confirmed) unless the caller operates
    /// the hub, and 403 when its role may not `write` (or read): `HubRules.access`.
    func requireOperator(_ caller: Caller, write: Bool, action: String) throws {
        switch HubRules.access(caller.principal, toHubOperatedBy: operatorId, write: write) {
        case .granted: return
        case .stranger: throw Problem.notFound("hub '\(id)'")
        case .refused: throw Problem.forbidden("a \(caller.role.rawValue) may not \(action)")
        }
    }

    func insert(store: Store) async throws {
        try await store.insert("""
            INSERT INTO hubs (id, name, operator_id, municipality_id, longitude, latitude, time_zone, opens, closes)
            VALUES (\(bind: id), \(bind: name), \(bind: operatorId), \(bind: municipalityId), \(bind: longitude), \(bind: latitude),
                    \(bind: timeZone), \(bind: opens), \(bind: closes))
            """, existing: "hub '\(id)'")
    }
}

struct VehicleRecord: Decodable, Sendable {
    var id: String
    var hubId: String
    var type: String
    var capacityKg: Int
    var capacityParcels: Int
    var temperatures: String
    var rangeKm: Double?

    init(_ body: DirectoryController.VehicleBody, hubId: String) throws {
        try Wire.identifier(body.id, field: "$.id")
        guard VehicleCategory(rawValue: body.type) != nil else {
            throw Problem.badRequest("$.type: '\(body.type)' is not one of \(VehicleCategory.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard body.capacityKg > 0 else { throw Problem.badRequest("$.capacityKg: must be positive") }
        guard body.capacityParcels > 0 else { throw Problem.badRequest("$.capacityParcels: must be positive") }
        if let range = body.rangeKm, range <= 0 { throw Problem.badRequest("$.rangeKm: must be positive") }
        id = body.id
        self.hubId = hubId
        type = body.type
        capacityKg = body.capacityKg
        capacityParcels = body.capacityParcels
        temperatures = (body.temperatures ?? []).map(\.rawValue).joined(separator: ",")
        rangeKm = body.rangeKm
    }

    var temperatureClasses: Set<TemperatureClass> { Set(temperatures.split(separator: ",").compactMap { TemperatureClass(rawValue: String($0)) }) }

    var body: DirectoryController.VehicleBody {
        .init(id: id, type: type, capacityKg: capacityKg, capacityParcels: capacityParcels,
              temperatures: temperatureClasses.sorted { $0.rawValue < $1.rawValue }, rangeKm: rangeKm)
    }

    var fleetVehicle: FleetVehicle {
        FleetVehicle(id: id, category: VehicleCategory(rawValue: type) ?? .eVan, capacityKg: capacityKg,
                     capacityParcels: capacityParcels, temperatures: temperatureClasses, rangeKm: rangeKm)
    }

    static func fleet(of hubId: String, store: Store) async throws -> [VehicleRecord] {
        try await store.rows("SELECT * FROM vehicles WHERE hub_id = \(bind: hubId) ORDER BY id")
    }

    func insert(store: Store) async throws {
        try await store.insert("""
            INSERT INTO vehicles (id, hub_id, type, capacity_kg, capacity_parcels, temperatures, range_km)
            VALUES (\(bind: id), \(bind: hubId), \(bind: type), \(bind: capacityKg), \(bind: capacityParcels), \(bind: temperatures), \(bind: rangeKm))
            """, existing: "vehicle '\(id)'")
    }
}

struct SiteRecord: Decodable, Sendable {
    var id: String
    var recipientId: String
    var name: String
    var address: String
    var longitude: Double
    var latitude: Double
    /// JSON: weekday name → [[start, end]] in `HH:MM`.
    var timeWindows: String
    var accessNotes: String?
    var serviceSeconds: Int

    var location: Coordinate { Coordinate(longitude: longitude, latitude: latitude) }

    init(_ body: DirectoryController.SiteBody, recipientId: String) throws {
        try Wire.identifier(body.id, field: "$.id")
        try Wire.location(body.location, field: "$.location")
        for (day, windows) in body.timeWindows {
            guard Wire.weekdayNames.contains(day) else {
                throw Problem.badRequest("$.timeWindows.\(day): not a weekday; use \(Wire.weekdayNames.joined(separator: ", "))")
            }
            for (index, window) in windows.enumerated() {
                let field = "$.timeWindows.\(day)[\(index)]"
                guard window.count == 2 else { throw Problem.badRequest("\(field): expected [\"HH:MM\", \"HH:MM\"]") }
                guard try Wire.clock(window[0], field: field + "[0]") < Wire.clock(window[1], field: field + "[1]") else {
                    throw Problem.badRequest("\(field): the window ends before it starts")
                }
            }
        }
        if let minutes = body.serviceMinutes, !(0...240).contains(minutes) {
            throw Problem.badRequest("$.serviceMinutes: must be between 0 and 240")
        }
        id = body.id
        self.recipientId = recipientId
        name = body.name
        address = body.address
        longitude = body.location[0]
        latitude = body.location[1]
        timeWindows = String(decoding: try JSONEncoder().encode(body.timeWindows), as: UTF8.self)
        accessNotes = body.accessNotes
        serviceSeconds = Int(((body.serviceMinutes ?? 3) * 60).rounded())
    }

    var windows: [String: [[String]]] { (try? JSONDecoder().decode([String: [[String]]].self, from: Data(timeWindows.utf8))) ?? [:] }

    /// The site as the caller may see it: access notes only for the recipient, hub staff and admins.
    func body(for caller: Caller) -> DirectoryController.SiteBody {
        let trusted = HubRules.readsAccessNotes(caller.principal, ofSiteOf: recipientId)
        return .init(id: id, recipientId: recipientId, name: name, address: address, location: [longitude, latitude],
                     timeWindows: windows, accessNotes: trusted ? accessNotes : nil, serviceMinutes: Double(serviceSeconds) / 60)
    }

    /// The site in the planner's terms.
    var recipientSite: RecipientSite {
        var byWeekday: [Int: [TimeWindow]] = [:]
        for (day, list) in windows {
            guard let index = Wire.weekdayNames.firstIndex(of: day) else { continue }
            byWeekday[index + 1] = list.compactMap { pair in
                guard pair.count == 2, let start = try? Wire.clock(pair[0], field: ""), let end = try? Wire.clock(pair[1], field: "") else { return nil }
                return TimeWindow(start: Double(start), end: Double(end))
            }.sorted { $0.start < $1.start }
        }
        return RecipientSite(recipientId: id, name: name, location: location, windows: byWeekday, serviceSeconds: Double(serviceSeconds))
    }

    static func find(_ id: String, store: Store) async throws -> SiteRecord {
        guard let site: SiteRecord = try await store.row("SELECT * FROM sites WHERE id = \(bind: id)") else { throw Problem.notFound("site '\(id)'") }
        return site
    }

    func insert(store: Store) async throws {
        try await store.insert("""
            INSERT INTO sites (id, recipient_id, name, address, longitude, latitude, time_windows, access_notes, service_seconds)
            VALUES (\(bind: id), \(bind: recipientId), \(bind: name), \(bind: address), \(bind: longitude), \(bind: latitude),
                    \(bind: timeWindows), \(bind: accessNotes), \(bind: serviceSeconds))
            """, existing: "site '\(id)'")
    }
}
