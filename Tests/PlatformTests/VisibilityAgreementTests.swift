import Domain
import Foundation
import Testing
import Vapor
@testable import Platform
import SQLKit
@testable import Store

/// The parcel rule exists once, in `ParcelScope`; the database filter is its translation. This
/// walks every party of the test world over every parcel and holds the list the SQL filter
/// answers, and each single read, to what the Swift rule says.
@Suite struct VisibilityAgreementTests {
    private struct ParcelRow: Decodable, Sendable {
        var barcode, shipmentId, carrierId, recipientId, hubId, operatorId: String
        var shipperId: String?
    }

    private struct Driven: Decodable, Sendable { var barcode: String; var driverId: String }

    @Test(arguments: Backend.allCases)
    func theSQLFilterAndTheSwiftRuleAgreeForEveryPartyAndParcel(_ backend: Backend) async throws {
        try await TestPlatform.with(backend) { platform in
            let world = try await World(platform)
            try await world.announce("V-A", barcodes: ["V-A1", "V-A2"], site: "site-school-1", as: "carrierA")
            try await world.announce("V-AB", barcodes: ["V-A3"], site: "site-shop-2", as: "carrierA", hub: "hub-b")
            try await world.announce("V-B", barcodes: ["V-B1"], site: "site-shop-2", as: "carrierB")
            try await world.announce("V-S", barcodes: ["V-S1"], site: "site-school-1", as: "shipper", carrierId: "carrier-b")
            try await world.scanIn(["V-A1", "V-A2", "V-B1", "V-S1"])
            let plan = try await world.planToday()
            let route = try #require((plan["routes"] as? [[String: Any]])?.first?["id"] as? String)
            try await world.expect(.ok, .POST, "/v1/routes/\(route)/dispatch", as: "hub", ["driverId": world.accounts["driver"] ?? ""])

            // The facts, read straight from the tables.
            let store = Store(platform.app.db)
            let rows: [ParcelRow] = try await store.rows("""
                SELECT p.barcode, p.shipment_id, p.carrier_id, p.shipper_id, p.recipient_id, p.hub_id, h.operator_id
                FROM parcels p JOIN hubs h ON h.id = p.hub_id ORDER BY p.barcode
                """)
            let driven: [Driven] = try await store.rows("""
                SELECT sp.barcode, r.driver_id FROM stop_parcels sp JOIN routes r ON r.id = sp.route_id
                WHERE r.dispatched_at IS NOT NULL AND r.driver_id IS NOT NULL
                """)
            let facts = rows.map { row in
                ParcelScope.Facts(
                    parcel: Parcel(id: row.barcode, shipmentId: row.shipmentId, carrierId: row.carrierId, shipperId: row.shipperId,
                                   recipientId: row.recipientId, hubId: row.hubId, weightKg: 1),
                    hubOperatorId: row.operatorId, drivenBy: Set(driven.filter { $0.barcode == row.barcode }.map(\.driverId)))
            }
            #expect(facts.count == 5 && facts.contains { !$0.drivenBy.isEmpty }, "the world has parcels on a dispatched route")

            let parties = World.parties.map { ($0.0, $0.1, $0.2, $0.3) } + [("admin", "platform", "platform", "admin")]
            var compared = 0
            for (name, organisation, kind, role) in parties {
                let principal = Principal(organisation: Organisation(id: organisation, name: organisation, kind: try #require(Organisation.Kind(rawValue: kind))),
                                          role: try #require(Role(rawValue: role)), accountId: world.accounts[name])
                let scope = ParcelScope.of(principal)
                let admittedByRule = Set(facts.filter(scope.admits).map(\.parcel.id))
                #expect(Set(try await store.barcodes(in: scope)) == admittedByRule, "\(name): the store's filter of \(scope)")
                let list = try await platform.call(.GET, "/v1/parcels?perPage=500", token: world.tokens[name])
                if case .refused = scope {
                    #expect(list.status == .forbidden, "\(name): \(list.text)")
                } else {
                    let listed = Set((list.object["items"] as? [[String: Any]] ?? []).compactMap { $0["barcode"] as? String })
                    let admitted = Set(facts.filter(scope.admits).map(\.parcel.id))
                    #expect(listed == admitted, "\(name) (\(scope)): SQL lists \(listed.sorted()), the rule admits \(admitted.sorted())")
                }
                for fact in facts {
                    let single = try await platform.call(.GET, "/v1/parcels/\(fact.parcel.id)", token: world.tokens[name])
                    let expected: HTTPStatus = if case .refused = scope { .forbidden } else if scope.admits(fact) { .ok } else { .notFound }
                    #expect(single.status == expected, "\(name) reading \(fact.parcel.id)")
                    compared += 1
                }
            }
            #expect(compared == 14 * 5)
        }
    }
}
