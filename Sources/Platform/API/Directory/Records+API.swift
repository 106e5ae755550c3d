import Domain
import Foundation
import Geo
import Routing
import Store

/// API tokens: the secret is made here, shown once, and stored only as its hash.
enum Tokens {
    /// Creates a token for the account; returns its id and the secret.
    static func issue(accountId: String, name: String, store: Store) async throws -> (id: String, secret: String) {
        let id = Secrets.identifier("tok"), secret = Secrets.random(prefix: "slt_")
        try await store.insertToken(id: id, accountId: accountId, name: name, secretHash: Secrets.hash(secret), at: Date())
        return (id, secret)
    }
}

/// Hubs as the API writes and reads them.
extension HubRecord {
    init(_ body: HubsController.HubBody) throws {
        try Wire.identifier(body.id, field: "$.id")
        try Wire.location(body.location, field: "$.location")
        guard TimeZone(identifier: body.timeZone) != nil else { throw Problem.badRequest("$.timeZone: '\(body.timeZone)' is not an IANA time zone") }
        let opens = try Wire.clock(body.opens, field: "$.opens"), closes = try Wire.clock(body.closes, field: "$.closes")
        guard opens < closes else { throw Problem.badRequest("$.closes: must be after $.opens") }
        if let energy = body.energyPerParcelKWh, !(energy >= 0 && energy <= 100) {
            throw Problem.badRequest("$.energyPerParcelKWh: must be between 0 and 100 kWh per parcel")
        }
        self.init(id: body.id, name: body.name, operatorId: body.operatorId, municipalityId: body.municipalityId,
                  location: Coordinate(longitude: body.location[0], latitude: body.location[1]), timeZone: body.timeZone, opens: opens, closes: closes,
                  energyPerParcelKwh: body.energyPerParcelKWh)
    }

    var body: HubsController.HubBody {
        .init(id: id, name: name, operatorId: operatorId, municipalityId: municipalityId, location: [longitude, latitude],
              timeZone: timeZone, opens: Wire.clock(seconds: opens), closes: Wire.clock(seconds: closes), energyPerParcelKWh: energyPerParcelKwh)
    }

    static func find(_ id: String, store: Store) async throws -> HubRecord {
        guard let hub = try await store.hub(id) else { throw Problem.notFound("hub '\(id)'") }
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
}

/// Vehicles as the API writes and reads them.
extension VehicleRecord {
    init(_ body: HubsController.VehicleBody, hubId: String) throws {
        try Wire.identifier(body.id, field: "$.id")
        guard let category = VehicleCategory(rawValue: body.type) else {
            throw Problem.badRequest("$.type: '\(body.type)' is not one of \(VehicleCategory.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let capacity = 1...HubsController.maximumCapacity
        guard capacity.contains(body.capacityKg) else { throw Problem.badRequest("$.capacityKg: must be between 1 and \(capacity.upperBound)") }
        guard capacity.contains(body.capacityParcels) else { throw Problem.badRequest("$.capacityParcels: must be between 1 and \(capacity.upperBound)") }
        if let range = body.rangeKm, !(range > 0 && range <= HubsController.maximumRangeKm) {
            throw Problem.badRequest("$.rangeKm: must be above 0 and at most \(Int(HubsController.maximumRangeKm))")
        }
        if let registration = body.registration,
           registration.range(of: #"^[\p{L}\p{N}][\p{L}\p{N} -]{0,19}$"#, options: .regularExpression) == nil {
            throw Problem.badRequest("$.registration: not a licence plate (1–20 letters, digits, spaces or hyphens)")
        }
        self.init(id: body.id, hubId: hubId, category: category, capacityKg: body.capacityKg, capacityParcels: body.capacityParcels,
                  temperatures: Set(body.temperatures ?? []), rangeKm: body.rangeKm, registration: body.registration)
    }

    var body: HubsController.VehicleBody {
        .init(id: id, type: type, capacityKg: capacityKg, capacityParcels: capacityParcels,
              temperatures: temperatureClasses.sorted { $0.rawValue < $1.rawValue }, rangeKm: rangeKm, registration: registration)
    }
}

/// Sites as the API writes and reads them.
extension SiteRecord {
    init(_ body: SitesController.SiteBody, recipientId: String) throws {
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
        self.init(id: body.id, recipientId: recipientId, name: body.name, address: body.address,
                  location: Coordinate(longitude: body.location[0], latitude: body.location[1]),
                  timeWindows: String(decoding: try JSONEncoder().encode(body.timeWindows), as: UTF8.self),
                  accessNotes: body.accessNotes, serviceSeconds: Int(((body.serviceMinutes ?? 3) * 60).rounded()))
    }

    var windows: [String: [[String]]] { (try? JSONDecoder().decode([String: [[String]]].self, from: Data(timeWindows.utf8))) ?? [:] }

    /// The site as the caller may see it: access notes only for the recipient, hub staff and admins.
    func body(for caller: Caller) -> SitesController.SiteBody {
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
        guard let site = try await store.site(id) else { throw Problem.notFound("site '\(id)'") }
        return site
    }
}
