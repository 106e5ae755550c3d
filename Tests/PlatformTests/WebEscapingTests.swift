import Foundation
import Pages
import Testing
import Vapor
@testable import Platform

/// Every text a party can write and a page shows — organisation, account, hub and site names,
/// addresses, access notes — stored with script and attribute-breaking payloads comes out
/// escaped on every page that shows it; identifiers (barcodes, references) cannot carry them.
@Suite struct WebEscapingTests {
    static let payloads = XSSPayloads.all
    /// All payloads in one text, for the fields that show one text.
    static let everyPayload = payloads.joined(separator: " | ")

    @Test func storedPayloadsShowEscapedOnEveryPage() async throws {
        try await TestPlatform.with(.sqlite) { platform in
            let world = try await World(platform)
            // Texts that people write, through the API.
            try await world.expect(.created, .POST, "/v1/organisations", as: "admin", ["id": "school-x", "name": Self.everyPayload, "kind": "recipient"])
            for (party, organisation, role) in [("recipientX", "school-x", "writer"), ("dispatcherX", "hubco", "writer"), ("driverX", "hubco", "driver"),
                                                ("plannerX", "baerum", "viewer")] {
                try await world.expect(.created, .POST, "/v1/accounts", as: "admin", [
                    "id": party, "organisationId": organisation, "name": party == "driverX" ? Self.everyPayload : party, "role": role,
                    "email": "\(party.lowercased())@xss.test", "password": "a long enough passphrase"])
            }
            try await world.expect(.created, .POST, "/v1/hubs", as: "admin", [
                "id": "hub-x", "name": Self.everyPayload, "operatorId": "hubco", "municipalityId": "baerum", "location": World.hubLocation,
                "timeZone": "Europe/Oslo", "opens": "00:00", "closes": "24:00"])
            try await world.expect(.created, .POST, "/v1/hubs/hub-x/vehicles", as: "hub", ["id": "van-x", "type": "e-van", "capacityKg": 800, "capacityParcels": 80])
            var recipient = Browser(platform: platform)
            #expect(try await recipient.logIn("recipientx@xss.test", "a long enough passphrase") == "/")
            let recipientToken = try await world.expect(.created, .POST, "/v1/tokens", as: "admin", ["accountId": "recipientX", "name": "x"])
                .object["token"] as? String
            for (index, payload) in Self.payloads.enumerated() {
                let site: [String: Any] = ["id": "site-x\(index)", "name": payload, "address": payload, "accessNotes": payload,
                                           "location": [10.61 + Double(index) / 1000, 59.9], "timeWindows": World.everyDay]
                let created = try await platform.call(.POST, "/v1/sites", token: recipientToken, json: site)
                #expect(created.status == .created, "\(created.text)")
                try await world.announce("X-\(index)", barcodes: ["X-\(index)"], site: "site-x\(index)", as: "carrierA", hub: "hub-x")
            }
            let plan = try await world.expect(.accepted, .POST, "/v1/hubs/hub-x/plans", as: "hub", ["timeLimitSeconds": 0.5])
            let done = try await platform.waitForPlan(try #require(plan.object["id"] as? String), token: try #require(world.tokens["hub"]))
            for route in done.object["routes"] as? [[String: Any]] ?? [] {
                try await world.expect(.ok, .POST, "/v1/routes/\(try #require(route["id"] as? String))/dispatch", as: "hub", ["driverId": "driverX"])
            }

            // Each page, as the party that sees it, in both languages.
            var pages: [(String, String)] = []
            for language in ["nb", "en"] {
                for (party, path) in [("dispatcherX", "/ui/hubs/hub-x"), ("driverX", "/ui/driver"), ("recipientX", "/ui/parcels"),
                                      ("plannerX", "/ui/municipality?from=\(World.today)&to=\(World.today)")] {
                    var browser = Browser(platform: platform, language: language)
                    #expect(try await browser.logIn("\(party.lowercased())@xss.test", "a long enough passphrase") == "/")
                    let page = try await browser.send(.GET, path)
                    #expect(page.status == .ok, "\(path): \(page.status)")
                    pages.append(("\(party) \(path) [\(language)]", page.text))
                }
            }
            #expect(pages.count == 8)
            for (name, html) in pages {
                for payload in Self.payloads {
                    #expect(XSSPayloads.problems(in: html, showing: payload).isEmpty,
                            "\(name): \(XSSPayloads.problems(in: html, showing: payload))")
                }
            }
            // What a URL carries comes back on the error page as text.
            for payload in Self.payloads {
                let encoded = try #require(payload.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
                let page = try await recipient.send(.GET, "/ui/hubs/\(encoded)")
                #expect(page.status == .notFound && XSSPayloads.problems(in: page.text, showing: payload).isEmpty, "\(payload): \(page.text.prefix(300))")
            }
            // Identifiers cannot carry markup at all.
            for payload in Self.payloads where payload.contains(where: { "<>\"' {}".contains($0) }) {
                try await world.expect(.badRequest, .POST, "/v1/shipments", as: "carrierA", [
                    "reference": payload, "hubId": "hub-x", "siteId": "site-x0", "parcels": [["barcode": "OK-1", "weightKg": 1]]])
                try await world.expect(.badRequest, .POST, "/v1/shipments", as: "carrierA", [
                    "reference": "OK-REF", "hubId": "hub-x", "siteId": "site-x0", "parcels": [["barcode": payload, "weightKg": 1]]])
            }
        }
    }
}
