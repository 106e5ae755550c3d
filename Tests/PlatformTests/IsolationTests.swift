import Foundation
import Testing
import Vapor
import Zones
@testable import Platform

/// Every endpoint of the API, called by every party that may not use it, answers 401, 403 or
/// 404 and leaks nothing; lists show each party only its own data.
@Suite struct IsolationTests {
    struct Probe {
        var method: HTTPMethod
        /// The route pattern, as registered (`:name` parameters).
        var pattern: String
        var path: String
        var body: Any? = nil
        /// Parties that may use it; everyone else must be refused.
        var allowed: Set<String>
        /// For batches: refused items come back one by one in a 200 answer.
        var perItem = false
        /// Answered without authentication (a secret in the path is the credential): anonymous callers are refused as others are, with 404.
        var isPublic = false
    }

    static let everyone = Set(World.parties.map(\.0) + ["admin"])

    @Test(arguments: Backend.allCases)
    func everyEndpointRefusesWrongOrganisationsAndRoles(_ backend: Backend) async throws {
        try await TestPlatform.with(backend) { platform in
            var world = try await World(platform)
            try await world.setUpZones()
            let bayId = SampleZone.bays[1].id
            let tripOfB = World.trip("TRIP-B-SECRET", entry: World.recentWorkday(at: "09:00"), volume: 3, recipients: 1)
            try await world.expect(.created, .POST, "/v1/zones/trips", as: "carrierB", ["trips": [tripOfB]])
            let application: [String: Any] = ["vehicle": World.dieselVan, "validFrom": World.now, "validUntil": Wire.format(Date().addingTimeInterval(30 * 86_400), in: TimeZone(identifier: "Europe/Oslo")!),
                                              "waives": ["fill-below-minimum"], "justification": "PERMIT-B-SECRET: ramp-up"]
            let permitOfB = try #require(try await world.expect(.created, .POST, "/v1/zones/fornebu-sentrum/permits", as: "carrierB", application).object["id"] as? String)
            let slot = World.openBaySlot()
            let hold: [String: Any] = ["vehicleRef": "VEH-B-SECRET", "vehicle": World.dieselVan, "start": slot.start, "end": slot.end]
            let bookingOfB = try #require(try await world.expect(.created, .POST, "/v1/bays/\(bayId)/bookings", as: "carrierB", hold).object["id"] as? String)
            let cameraFeed = World.curbFeed([try World.curbEvent(1, "enter_area", at: World.now, plate: "EK 99999")])
            try await world.expect(.ok, .POST, "/v1/cds/events", as: "caseOfficer", cameraFeed)
            let subscriptionOfB = try await world.expect(.created, .POST, "/v1/webhooks", as: "carrierB",
                                                         ["url": "https://hooks.example.org/b", "eventTypes": ["parcel.announced", "parcel.arrived-at-hub"]])
            let webhookOfB = try #require(subscriptionOfB.object["id"] as? String)
            let shipmentA = try await world.announce("A-1", barcodes: ["A-001", "A-002"], site: "site-school-1", as: "carrierA")
            let shipmentB = try await world.announce("B-1", barcodes: ["B-001"], site: "site-shop-2", as: "carrierB")
            try await world.scanIn(["A-001", "A-002", "B-001"])
            let plan = try await world.planToday()
            let planId = try #require(plan["id"] as? String)
            let routes = try #require(plan["routes"] as? [[String: Any]])
            let route = try #require(routes.first { World.parcels(on: $0).contains("A-001") })
            let routeId = try #require(route["id"] as? String)
            try await world.expect(.ok, .POST, "/v1/routes/\(routeId)/dispatch", as: "hub", ["driverId": world.accounts["driver"]!])
            let contact = try await world.expect(.created, .POST, "/v1/sites/site-school-1/contacts", as: "recipient1",
                                                 ["channel": "email", "address": "Rektor@Oksenoya.example.no", "language": "nb"])
            let contactOfSchool = try #require(contact.object["id"] as? String)
            #expect(contact.object["address"] as? String == "rektor@oksenoya.example.no")
            let tokens = try await world.expect(.ok, .GET, "/v1/tokens", as: "admin").array
            let tokenOfB = try #require(tokens.first { $0["accountId"] as? String == "acc-carrierB" }?["id"] as? String)
            let onRoute = Set(World.parcels(on: route))
            let deliveriesOfB = try await world.expect(.ok, .GET, "/v1/webhooks/\(webhookOfB)/deliveries", as: "carrierB").object["items"] as? [[String: Any]] ?? []
            #expect(Set(deliveriesOfB.compactMap { $0["barcode"] as? String }) == ["B-001"], "carrier B's webhook log: \(deliveriesOfB)")
            let deliveryOfB = try #require(deliveriesOfB.first?["id"] as? String)

            let authenticated = Self.everyone
            let viewersOfA: Set<String> = ["admin", "carrierA", "carrierAViewer", "hub", "hubViewer", "recipient1", "driver"]
            let hubStaff: Set<String> = ["admin", "hub", "hubViewer"]
            let announcers: Set<String> = ["admin", "carrierA", "carrierB", "shipper"]
            let ownersOfB: Set<String> = ["admin", "carrierB"]
            // The recipient and the staff of the hub its parcels go through; never a carrier.
            let contactReaders: Set<String> = ["admin", "hub", "hubViewer", "recipient1"]
            // Each party its own shipments' footprints; municipalities aggregates only, drivers and recipients none.
            let footprintReaders = authenticated.subtracting(["municipality", "otherMunicipality", "driver", "otherDriver", "recipient1", "recipient2"])
            let webhook = "/v1/webhooks/\(webhookOfB)"
            // Zones and bays are public regulation; trips, permits and bookings each operator's own.
            let operatorsStaff: Set<String> = ["admin", "hub", "hubViewer", "otherHub", "carrierA", "carrierAViewer", "carrierB"]
            let operatorWriters: Set<String> = ["hub", "otherHub", "carrierA", "carrierB"]
            let booking = "/v1/bookings/\(bookingOfB)"
            let zoneDocument = try #require(try JSONSerialization.jsonObject(with: ZoneDocument.write([World.fornebuZone])) as? [String: Any])
            let event: [String: Any] = ["eventId": "probe-1", "barcode": "A-001", "type": "sorted", "time": World.now]
            let shipment: [String: Any] = ["reference": "P-1", "hubId": "hub-a", "siteId": "site-shop-2", "parcels": [["barcode": "P-001", "weightKg": 1]]]
            let probes: [Probe] = [
                Probe(method: .GET, pattern: "/v1/zones", path: "/v1/zones", allowed: authenticated),
                Probe(method: .PUT, pattern: "/v1/zones", path: "/v1/zones", body: zoneDocument, allowed: ["admin"]),
                Probe(method: .GET, pattern: "/v1/zones/:zoneId", path: "/v1/zones/fornebu-sentrum", allowed: authenticated),
                Probe(method: .GET, pattern: "/v1/zones/trips", path: "/v1/zones/trips", allowed: operatorsStaff),
                Probe(method: .POST, pattern: "/v1/zones/trips", path: "/v1/zones/trips", body: ["trips": [tripOfB]], allowed: operatorWriters),
                Probe(method: .GET, pattern: "/v1/zones/:zoneId/compliance", path: "/v1/zones/fornebu-sentrum/compliance",
                      allowed: operatorsStaff.union(["municipality"])),
                Probe(method: .POST, pattern: "/v1/zones/:zoneId/permits", path: "/v1/zones/fornebu-sentrum/permits", body: application, allowed: operatorWriters),
                Probe(method: .GET, pattern: "/v1/permits", path: "/v1/permits", allowed: operatorsStaff.union(["municipality", "otherMunicipality"])),
                Probe(method: .POST, pattern: "/v1/permits/:permitId/decision", path: "/v1/permits/\(permitOfB)/decision",
                      body: ["status": "granted", "reason": "probe"], allowed: ["admin"]),
                Probe(method: .GET, pattern: "/v1/bays", path: "/v1/bays", allowed: authenticated),
                Probe(method: .PUT, pattern: "/v1/bays", path: "/v1/bays", body: ["version": "1.0"], allowed: ["admin"]),
                Probe(method: .GET, pattern: "/v1/bays/:bayId/occupancy", path: "/v1/bays/\(bayId)/occupancy", allowed: authenticated),
                Probe(method: .GET, pattern: "/v1/cds/curbs/zones", path: "/v1/cds/curbs/zones", allowed: authenticated),
                Probe(method: .GET, pattern: "/v1/cds/curbs/policies", path: "/v1/cds/curbs/policies", allowed: authenticated),
                Probe(method: .GET, pattern: "/v1/cds/curbs/areas", path: "/v1/cds/curbs/areas", allowed: authenticated),
                Probe(method: .POST, pattern: "/v1/cds/events", path: "/v1/cds/events", body: cameraFeed, allowed: ["admin"]),
                Probe(method: .GET, pattern: "/v1/cds/events", path: "/v1/cds/events", allowed: ["admin", "municipality", "otherMunicipality"]),
                Probe(method: .GET, pattern: "/v1/zones/:zoneId/entries", path: "/v1/zones/fornebu-sentrum/entries", allowed: ["admin", "municipality"]),
                Probe(method: .POST, pattern: "/v1/bays/:bayId/bookings", path: "/v1/bays/\(bayId)/bookings", body: hold,
                      allowed: operatorWriters.union(["driver", "otherDriver"])),
                Probe(method: .GET, pattern: "/v1/bookings", path: "/v1/bookings", allowed: operatorsStaff.union(["driver", "otherDriver"])),
                Probe(method: .POST, pattern: "/v1/bookings/:bookingId/confirm", path: "\(booking)/confirm", body: [String: Any](), allowed: ownersOfB),
                Probe(method: .POST, pattern: "/v1/bookings/:bookingId/arrive", path: "\(booking)/arrive", allowed: ownersOfB),
                Probe(method: .DELETE, pattern: "/v1/bookings/:bookingId", path: booking, allowed: ownersOfB),
                Probe(method: .GET, pattern: "/v1/me", path: "/v1/me", allowed: authenticated),
                Probe(method: .GET, pattern: "/v1/organisations", path: "/v1/organisations", allowed: authenticated),
                Probe(method: .POST, pattern: "/v1/organisations", path: "/v1/organisations",
                      body: ["id": "intruder", "name": "Intruder", "kind": "carrier"], allowed: ["admin"]),
                Probe(method: .GET, pattern: "/v1/accounts", path: "/v1/accounts", allowed: ["admin"]),
                Probe(method: .POST, pattern: "/v1/accounts", path: "/v1/accounts",
                      body: ["organisationId": "carrier-b", "name": "Mole", "role": "writer"], allowed: ["admin"]),
                Probe(method: .GET, pattern: "/v1/tokens", path: "/v1/tokens", allowed: ["admin"]),
                Probe(method: .POST, pattern: "/v1/tokens", path: "/v1/tokens", body: ["accountId": "acc-carrierB", "name": "stolen"], allowed: ["admin"]),
                Probe(method: .DELETE, pattern: "/v1/tokens/:tokenId", path: "/v1/tokens/\(tokenOfB)", allowed: ["admin", "carrierB"]),
                Probe(method: .GET, pattern: "/v1/hubs", path: "/v1/hubs", allowed: authenticated),
                Probe(method: .POST, pattern: "/v1/hubs", path: "/v1/hubs", body: [
                    "id": "hub-x", "name": "X", "operatorId": "hubco", "location": [10.6, 59.9], "timeZone": "Europe/Oslo",
                    "opens": "06:00", "closes": "18:00"], allowed: ["admin"]),
                Probe(method: .GET, pattern: "/v1/hubs/:hubId", path: "/v1/hubs/hub-a", allowed: authenticated),
                Probe(method: .GET, pattern: "/v1/hubs/:hubId/vehicles", path: "/v1/hubs/hub-a/vehicles", allowed: hubStaff),
                Probe(method: .POST, pattern: "/v1/hubs/:hubId/vehicles", path: "/v1/hubs/hub-a/vehicles",
                      body: ["id": "van-x", "type": "e-van", "capacityKg": 100, "capacityParcels": 10], allowed: ["admin", "hub"]),
                Probe(method: .GET, pattern: "/v1/sites", path: "/v1/sites", allowed: authenticated),
                Probe(method: .POST, pattern: "/v1/sites", path: "/v1/sites", body: [
                    "id": "site-x", "name": "X", "address": "X", "location": [10.6, 59.9], "timeWindows": ["mon": [["08:00", "09:00"]]]],
                      allowed: ["admin", "recipient1", "recipient2"]),
                Probe(method: .GET, pattern: "/v1/sites/:siteId", path: "/v1/sites/site-school-1", allowed: authenticated),
                Probe(method: .POST, pattern: "/v1/shipments", path: "/v1/shipments", body: shipment, allowed: announcers),
                Probe(method: .POST, pattern: "/v1/shipments/batch", path: "/v1/shipments/batch", body: ["shipments": [shipment]], allowed: announcers),
                Probe(method: .POST, pattern: "/v1/shipments/import", path: "/v1/shipments/import",
                      body: "reference,hub_id,site_id,barcode,weight_kg\nP-2,hub-a,site-shop-2,P-002,1\n", allowed: announcers),
                Probe(method: .GET, pattern: "/v1/shipments/:shipmentId", path: "/v1/shipments/\(shipmentA)", allowed: viewersOfA),
                Probe(method: .GET, pattern: "/v1/parcels", path: "/v1/parcels", allowed: authenticated.subtracting(["municipality", "otherMunicipality"])),
                Probe(method: .GET, pattern: "/v1/parcels/:barcode", path: "/v1/parcels/A-001", allowed: viewersOfA),
                Probe(method: .POST, pattern: "/v1/events", path: "/v1/events", body: event, allowed: ["admin", "hub"]),
                Probe(method: .POST, pattern: "/v1/events/batch", path: "/v1/events/batch", body: ["events": [event]], allowed: ["admin", "hub"], perItem: true),
                Probe(method: .POST, pattern: "/v1/hubs/:hubId/plans", path: "/v1/hubs/hub-a/plans", body: ["timeLimitSeconds": 0.1], allowed: ["admin", "hub"]),
                Probe(method: .GET, pattern: "/v1/hubs/:hubId/plans", path: "/v1/hubs/hub-a/plans", allowed: hubStaff),
                Probe(method: .GET, pattern: "/v1/plans/:planId", path: "/v1/plans/\(planId)", allowed: hubStaff),
                Probe(method: .GET, pattern: "/v1/plans/:planId/geojson", path: "/v1/plans/\(planId)/geojson", allowed: hubStaff),
                Probe(method: .POST, pattern: "/v1/routes/:routeId/dispatch", path: "/v1/routes/\(routeId)/dispatch",
                      body: ["driverId": world.accounts["otherDriver"]!], allowed: ["admin", "hub"]),
                Probe(method: .GET, pattern: "/v1/routes/:routeId/manifest", path: "/v1/routes/\(routeId)/manifest", allowed: hubStaff.union(["driver"])),
                Probe(method: .GET, pattern: "/v1/routes/:routeId/manifest.pdf", path: "/v1/routes/\(routeId)/manifest.pdf",
                      allowed: hubStaff.union(["driver"])),
                Probe(method: .GET, pattern: "/v1/parcels/:barcode/label", path: "/v1/parcels/A-001/label", allowed: viewersOfA),
                Probe(method: .GET, pattern: "/v1/shipments/:shipmentId/labels", path: "/v1/shipments/\(shipmentA)/labels", allowed: viewersOfA),
                Probe(method: .POST, pattern: "/v1/routes/:routeId/stops/:stopIndex/completion", path: "/v1/routes/\(routeId)/stops/0/completion",
                      body: ["eventId": "probe-stop", "outcome": "failed", "time": World.now, "reason": "probe"], allowed: ["admin", "hub", "driver"]),
                Probe(method: .GET, pattern: "/v1/driver/routes", path: "/v1/driver/routes", allowed: ["driver", "otherDriver"]),
                Probe(method: .GET, pattern: "/v1/stats", path: "/v1/stats",
                      allowed: ["admin", "municipality", "otherMunicipality", "hub", "hubViewer", "otherHub"]),
                Probe(method: .GET, pattern: "/v1/impact", path: "/v1/impact",
                      allowed: ["admin", "municipality", "otherMunicipality", "hub", "hubViewer", "otherHub"]),
                Probe(method: .GET, pattern: "/v1/impact.csv", path: "/v1/impact.csv",
                      allowed: ["admin", "municipality", "otherMunicipality", "hub", "hubViewer", "otherHub"]),
                Probe(method: .GET, pattern: "/v1/hubs/:hubId/impact/:date", path: "/v1/hubs/hub-a/impact/\(World.today)", allowed: hubStaff),
                Probe(method: .POST, pattern: "/v1/hubs/:hubId/impact/:date", path: "/v1/hubs/hub-a/impact/\(World.today)", allowed: ["admin", "hub"]),
                Probe(method: .GET, pattern: "/v1/footprints", path: "/v1/footprints", allowed: footprintReaders),
                Probe(method: .GET, pattern: "/v1/footprints.csv", path: "/v1/footprints.csv", allowed: footprintReaders),
                Probe(method: .GET, pattern: "/v1/footprints/ileap", path: "/v1/footprints/ileap", allowed: footprintReaders),
                Probe(method: .GET, pattern: "/v1/organisations/:organisationId/depot", path: "/v1/organisations/carrier-b/depot",
                      allowed: ownersOfB.union(["hub", "hubViewer", "otherHub"])),
                Probe(method: .PUT, pattern: "/v1/organisations/:organisationId/depot", path: "/v1/organisations/carrier-b/depot",
                      body: ["location": [10.845, 59.933], "vehicleType": "diesel-van", "capacityKg": 800, "capacityParcels": 80], allowed: ownersOfB),
                Probe(method: .GET, pattern: "/v1/sites/:siteId/contacts", path: "/v1/sites/site-school-1/contacts", allowed: contactReaders),
                Probe(method: .POST, pattern: "/v1/sites/:siteId/contacts", path: "/v1/sites/site-school-1/contacts",
                      body: ["channel": "email", "address": "probe@example.org"], allowed: ["admin", "hub", "recipient1"]),
                Probe(method: .DELETE, pattern: "/v1/sites/:siteId/contacts/:contactId", path: "/v1/sites/site-school-1/contacts/\(contactOfSchool)",
                      allowed: ["admin", "hub", "recipient1"]),
                Probe(method: .GET, pattern: "/v1/sites/:siteId/notices", path: "/v1/sites/site-school-1/notices", allowed: contactReaders),
                Probe(method: .GET, pattern: "/v1/tracking/:token", path: "/v1/tracking/\(String(repeating: "A", count: 27))", allowed: [],
                      isPublic: true),
                Probe(method: .GET, pattern: "/v1/webhooks", path: "/v1/webhooks",
                      allowed: authenticated.subtracting(["municipality", "otherMunicipality", "driver", "otherDriver"])),
                Probe(method: .POST, pattern: "/v1/webhooks", path: "/v1/webhooks",
                      body: ["url": "https://hooks.example.org/x", "eventTypes": ["parcel.delivered"]],
                      allowed: ["admin", "hub", "otherHub", "carrierA", "carrierB", "shipper", "recipient1", "recipient2"]),
                Probe(method: .GET, pattern: "/v1/webhooks/:webhookId", path: webhook, allowed: ownersOfB),
                Probe(method: .DELETE, pattern: "/v1/webhooks/:webhookId", path: webhook, allowed: ownersOfB),
                Probe(method: .GET, pattern: "/v1/webhooks/:webhookId/deliveries", path: "\(webhook)/deliveries", allowed: ownersOfB),
                Probe(method: .GET, pattern: "/v1/webhooks/:webhookId/deliveries/:deliveryId", path: "\(webhook)/deliveries/\(deliveryOfB)",
                      allowed: ownersOfB),
                Probe(method: .POST, pattern: "/v1/webhooks/:webhookId/deliveries/:deliveryId/replay",
                      path: "\(webhook)/deliveries/\(deliveryOfB)/replay", allowed: ownersOfB),
            ]

            // The probes cover every API route the server registers.
            let registered = Set(platform.app.routes.all.map { "\($0.method.rawValue) /" + $0.path.map(\.description).joined(separator: "/") }
                .filter { $0.contains(" /v1/") })
            #expect(Set(probes.map { "\($0.method.rawValue) \($0.pattern)" }) == registered)

            // What must not show up in a refusal: other parties' barcodes, ids and notes.
            let secrets = ["A-001", "A-002", "B-001", shipmentA, shipmentB, planId, routeId, "SECRET-NOTE", "slt_", webhookOfB, "whsec_", "hooks.example.org",
                           "oksenoya.example.no", contactOfSchool,
                           "TRIP-B-SECRET", permitOfB, "PERMIT-B-SECRET", bookingOfB, "VEH-B-SECRET", "0c0ffee0-0000-4000-8000-000000000001", "EK 99999"]
            for probe in probes {
                for party in [nil] + Self.everyone.sorted() where !(party.map(probe.allowed.contains) ?? false) {
                    let reply: TestPlatform.Reply
                    if let csv = probe.body as? String {
                        reply = try await platform.call(probe.method, probe.path, token: party.flatMap { world.tokens[$0] }, raw: csv, contentType: "text/csv")
                    } else {
                        reply = try await platform.call(probe.method, probe.path, token: party.flatMap { world.tokens[$0] }, json: probe.body)
                    }
                    let who = "\(probe.method) \(probe.path) as \(party ?? "anonymous")"
                    let request = probe.path + ((try? JSONSerialization.data(withJSONObject: probe.body ?? [:], options: [.fragmentsAllowed]))
                        .map { String(decoding: $0, as: UTF8.self) } ?? "")
                    if probe.perItem && party != nil {
                        let item = (reply.object["results"] as? [[String: Any]])?.first
                        #expect(reply.status == .ok && item?["outcome"] as? String == "rejected", "\(who): \(reply.text)")
                        let status = (item?["problem"] as? [String: Any])?["status"] as? Int
                        #expect(status == 403 || status == 404, "\(who): \(reply.text)")
                    } else {
                        let expected: [HTTPStatus] = party == nil && !probe.isPublic ? [.unauthorized] : [.forbidden, .notFound]
                        #expect(expected.contains(reply.status), "\(who): \(reply.status) \(reply.text)")
                    }
                    for secret in secrets where !request.contains(secret) {
                        #expect(!reply.text.contains(secret), "\(who) leaks \(secret): \(reply.text)")
                    }
                }
            }

            // A recipient's contact reaches no one but the recipient and the hub's staff, through
            // any read of the API — carriers, shippers, drivers and municipalities included.
            for party in ["carrierA", "carrierAViewer", "carrierB", "shipper", "driver", "otherDriver", "municipality", "otherHub", "recipient2"] {
                for probe in probes where probe.method == .GET {
                    let reply = try await platform.call(.GET, probe.path, token: world.tokens[party])
                    #expect(!reply.text.lowercased().contains("oksenoya.example.no"), "\(party) reads the contact at \(probe.path): \(reply.text)")
                }
            }

            // Lists: each party sees exactly its own parcels.
            let expectedParcels: [String: Set<String>] = [
                "admin": ["A-001", "A-002", "B-001"], "hub": ["A-001", "A-002", "B-001"], "hubViewer": ["A-001", "A-002", "B-001"],
                "carrierA": ["A-001", "A-002"], "carrierAViewer": ["A-001", "A-002"], "carrierB": ["B-001"],
                "recipient1": ["A-001", "A-002"], "recipient2": ["B-001"], "driver": onRoute,
                "otherDriver": [], "otherHub": [], "shipper": [],
            ]
            for (party, barcodes) in expectedParcels {
                let list = try await world.expect(.ok, .GET, "/v1/parcels?perPage=500", as: party)
                let seen = Set((list.object["items"] as? [[String: Any]] ?? []).compactMap { $0["barcode"] as? String })
                #expect(seen.intersection(["A-001", "A-002", "B-001"]) == barcodes, "\(party) sees \(seen)")
            }
            // Webhook subscriptions: each organisation lists only its own, and never a secret.
            for party in ["hub", "hubViewer", "otherHub", "carrierA", "carrierAViewer", "shipper", "recipient1", "recipient2"] {
                let list = try await world.expect(.ok, .GET, "/v1/webhooks", as: party).text
                #expect(!list.contains(webhookOfB) && !list.contains("hooks.example.org") && !list.contains("whsec_"), "\(party) lists \(list)")
            }
            // Access notes only for the recipient and hub staff; organisations only one's own.
            for party in ["carrierA", "carrierB", "shipper", "recipient2", "municipality"] {
                #expect(!(try await world.expect(.ok, .GET, "/v1/sites", as: party)).text.contains("SECRET-NOTE"), "\(party) sees access notes")
                let own = try #require(World.parties.first { $0.0 == party }?.1)
                let organisations = try await world.expect(.ok, .GET, "/v1/organisations", as: party).array.compactMap { $0["id"] as? String }
                #expect(organisations == [own], "\(party) lists \(organisations)")
            }
            #expect((try await world.expect(.ok, .GET, "/v1/sites/site-school-1", as: "recipient1")).text.contains("SECRET-NOTE"))
            // Zone trips, permits and bookings: each operator lists its own, the municipality its zones' permits.
            for party in ["hub", "hubViewer", "otherHub", "carrierA", "carrierAViewer", "driver", "otherMunicipality"] {
                for path in ["/v1/zones/trips", "/v1/permits", "/v1/bookings"] {
                    let reply = try await platform.call(.GET, path, token: world.tokens[party])
                    for secret in ["TRIP-B-SECRET", permitOfB, bookingOfB, "VEH-B-SECRET"] { #expect(!reply.text.contains(secret), "\(party) lists \(secret) at \(path)") }
                }
            }
            #expect(try await world.expect(.ok, .GET, "/v1/permits", as: "municipality").text.contains(permitOfB))
            #expect(try await world.expect(.ok, .GET, "/v1/bookings", as: "carrierB").text.contains("VEH-B-SECRET"))
            // With one operator's trips the municipality's figures are withheld.
            let withheld = try await world.expect(.ok, .GET, "/v1/zones/fornebu-sentrum/compliance", as: "municipality").object
            #expect(withheld["withheld"] as? Bool == true && withheld["entries"] == nil)
            // Occupancy counts the booking without naming its operator.
            let occupancy = try await world.expect(.ok, .GET, "/v1/bays/\(bayId)/occupancy?date=\(slot.start.prefix(10))", as: "carrierA")
            #expect(occupancy.text.contains("\"claimed\":1") && !occupancy.text.contains("carrier-b"))
            // A municipality sees its own area only.
            let other = try await world.expect(.ok, .GET, "/v1/stats", as: "otherMunicipality")
            #expect((other.object["hubs"] as? [[String: Any]])?.compactMap { $0["hubId"] as? String } == ["hub-b"])
            // A revoked token no longer works.
            try await world.expect(.noContent, .DELETE, "/v1/tokens/\(tokenOfB)", as: "carrierB")
            try await world.expect(.unauthorized, .GET, "/v1/me", as: "carrierB")
        }
    }
}
