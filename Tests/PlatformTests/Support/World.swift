import Foundation
import Testing
import Vapor
@testable import Platform

/// A small platform populated through the API: two municipalities with a hub each, two
/// carriers, a shipper, two recipients with a site each, hub staff and drivers. Each party
/// has an API token, looked up by name.
struct World {
    let platform: TestPlatform
    var tokens: [String: String] = [:]
    /// Account ids by party name.
    var accounts: [String: String] = [:]

    static let hubLocation = [10.6285, 59.9072]
    /// Hub A's electricity per parcel (hub B gives none).
    static let hubEnergyPerParcelKWh = 0.05
    static let everyDay = Dictionary(uniqueKeysWithValues: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map { ($0, [["07:00", "16:00"]]) })

    /// (party name, organisation id, organisation kind, role)
    static let parties: [(String, String, String, String)] = [
        ("municipality", "baerum", "municipality", "viewer"),
        ("otherMunicipality", "asker", "municipality", "viewer"),
        ("hub", "hubco", "hub-operator", "writer"),
        ("hubViewer", "hubco", "hub-operator", "viewer"),
        ("driver", "hubco", "hub-operator", "driver"),
        ("otherDriver", "hubco", "hub-operator", "driver"),
        ("otherHub", "otherhub", "hub-operator", "writer"),
        ("carrierA", "carrier-a", "carrier", "writer"),
        ("carrierAViewer", "carrier-a", "carrier", "viewer"),
        ("carrierB", "carrier-b", "carrier", "writer"),
        ("shipper", "shipper-s", "shipper", "writer"),
        ("recipient1", "school-1", "recipient", "writer"),
        ("recipient2", "shop-2", "recipient", "writer"),
    ]

    init(_ platform: TestPlatform) async throws {
        self.platform = platform
        let admin = try await platform.adminToken()
        tokens["admin"] = admin
        accounts["admin"] = "admin"
        var created = Set<String>()
        for (name, organisation, kind, role) in Self.parties {
            if created.insert(organisation).inserted {
                try await expect(.created, .POST, "/v1/organisations", as: "admin", ["id": organisation, "name": organisation.capitalized, "kind": kind])
            }
            let account = try await expect(.created, .POST, "/v1/accounts", as: "admin",
                                           ["organisationId": organisation, "name": name, "role": role, "id": "acc-\(name)"])
            accounts[name] = account.object["id"] as? String
            let token = try await expect(.created, .POST, "/v1/tokens", as: "admin", ["accountId": "acc-\(name)", "name": "test"])
            tokens[name] = token.object["token"] as? String
        }
        try await expect(.created, .POST, "/v1/hubs", as: "admin", [
            "id": "hub-a", "name": "Hub A", "operatorId": "hubco", "municipalityId": "baerum", "location": Self.hubLocation,
            "timeZone": "Europe/Oslo", "opens": "06:00", "closes": "20:00", "energyPerParcelKWh": Self.hubEnergyPerParcelKWh])
        try await expect(.created, .POST, "/v1/hubs", as: "admin", [
            "id": "hub-b", "name": "Hub B", "operatorId": "otherhub", "municipalityId": "asker", "location": [10.44, 59.83],
            "timeZone": "Europe/Oslo", "opens": "06:00", "closes": "20:00"])
        try await expect(.created, .POST, "/v1/hubs/hub-a/vehicles", as: "hub",
                         ["id": "van-1", "type": "e-van", "capacityKg": 800, "capacityParcels": 80, "temperatures": ["chilled"]])
        try await expect(.created, .POST, "/v1/hubs/hub-a/vehicles", as: "hub",
                         ["id": "bike-1", "type": "e-cargo-bike", "capacityKg": 200, "capacityParcels": 25])
        try await expect(.created, .POST, "/v1/hubs/hub-b/vehicles", as: "otherHub",
                         ["id": "van-b", "type": "e-van", "capacityKg": 800, "capacityParcels": 80])
        try await expect(.created, .POST, "/v1/sites", as: "recipient1", [
            "id": "site-school-1", "name": "Oksenøya skole", "address": "Forneburingen 78", "location": [10.61281, 59.89842],
            "timeWindows": Self.everyDay, "accessNotes": "SECRET-NOTE-SCHOOL: ring the caretaker"])
        try await expect(.created, .POST, "/v1/sites", as: "recipient2", [
            "id": "site-shop-2", "name": "Fornebu S", "address": "Fornebu", "location": [10.621063, 59.893952],
            "timeWindows": Self.everyDay])
    }

    /// Adds a carrier organisation with a writer account and its token, as `party`.
    mutating func addCarrier(_ party: String, organisation: String) async throws {
        try await expect(.created, .POST, "/v1/organisations", as: "admin", ["id": organisation, "name": organisation.capitalized, "kind": "carrier"])
        try await expect(.created, .POST, "/v1/accounts", as: "admin", ["organisationId": organisation, "name": party, "role": "writer", "id": "acc-\(party)"])
        accounts[party] = "acc-\(party)"
        tokens[party] = try await expect(.created, .POST, "/v1/tokens", as: "admin", ["accountId": "acc-\(party)", "name": "test"]).object["token"] as? String
    }

    /// Calls the API as `party` and requires `status`, recording the body when it differs.
    @discardableResult
    func expect(_ status: HTTPStatus, _ method: HTTPMethod, _ path: String, as party: String?, _ body: Any? = nil,
                headers: [(String, String)] = [], sourceLocation: SourceLocation = #_sourceLocation) async throws -> TestPlatform.Reply {
        let reply = try await platform.call(method, path, token: party.flatMap { tokens[$0] }, json: body, headers: headers)
        #expect(reply.status == status, "\(method) \(path) as \(party ?? "nobody"): \(reply.text)", sourceLocation: sourceLocation)
        return reply
    }

    /// Announces a shipment of `barcodes` to a site as `party`; returns the shipment id.
    @discardableResult
    func announce(_ reference: String, barcodes: [String], site: String, as party: String, hub: String = "hub-a",
                  carrierId: String? = nil) async throws -> String {
        var body: [String: Any] = ["reference": reference, "hubId": hub, "siteId": site,
                                   "parcels": barcodes.map { ["barcode": $0, "weightKg": 4.5, "lengthCm": 40, "widthCm": 30, "heightCm": 20] }]
        if let carrierId { body["carrierId"] = carrierId }
        let reply = try await expect(.created, .POST, "/v1/shipments", as: party, body)
        return reply.object["id"] as? String ?? ""
    }

    /// Scans parcels in at the hub (arrived-at-hub events) as the hub operator.
    func scanIn(_ barcodes: [String], at time: String = World.now) async throws {
        let events = barcodes.map { ["eventId": "scan-\($0)", "barcode": $0, "type": "arrived-at-hub", "time": time] }
        let reply = try await expect(.ok, .POST, "/v1/events/batch", as: "hub", ["events": events])
        #expect(reply.object["created"] as? Int == barcodes.count, "\(reply.text)")
    }

    /// Plans today at hub A and waits for the plan; returns it.
    func planToday() async throws -> [String: Any] {
        let queued = try await expect(.accepted, .POST, "/v1/hubs/hub-a/plans", as: "hub", ["timeLimitSeconds": 0.5])
        let id = try #require(queued.object["id"] as? String)
        let plan = try await platform.waitForPlan(id, token: tokens["hub"]!)
        #expect(plan.object["status"] as? String == "done", "\(plan.text)")
        return plan.object
    }

    /// The barcodes on a route of a plan (as JSON).
    static func parcels(on route: [String: Any]) -> [String] {
        (route["stops"] as? [[String: Any]] ?? []).flatMap { $0["parcels"] as? [String] ?? [] }
    }

    static var now: String { Wire.format(Date(), in: TimeZone(identifier: "Europe/Oslo")!) }
    /// Today in the hubs' zone, `YYYY-MM-DD`.
    static var today: String { Wire.today(in: TimeZone(identifier: "Europe/Oslo")!) }
}
