import Foundation
import Testing
import Vapor
@testable import Platform

/// The web UI: password login with CSRF-protected forms, and the pages of each kind of user.
@Suite struct WebTests {
    /// A browser of one person: keeps cookies between requests.
    @Test func hubStaffLogInPlanAndDispatchWhileOthersAreKeptOut() async throws {
        try await TestPlatform.with(.sqlite) { platform in
            let world = try await World(platform)
            try await world.expect(.created, .POST, "/v1/accounts", as: "admin", [
                "organisationId": "hubco", "name": "Dispatcher", "role": "writer", "email": "dispatcher@hubco.test", "password": "correct horse battery"])
            try await world.expect(.created, .POST, "/v1/accounts", as: "admin", [
                "organisationId": "carrier-a", "name": "Carrier clerk", "role": "viewer", "email": "clerk@carrier-a.test", "password": "another long secret"])
            try await world.announce("A-1", barcodes: ["A-001"], site: "site-school-1", as: "carrierA")
            try await world.scanIn(["A-001"])

            var hub = Browser(platform: platform)
            #expect(try await hub.logIn("dispatcher@hubco.test", "wrong password!!") == "/login?failed=1")
            #expect(try await hub.logIn("dispatcher@hubco.test", "correct horse battery") == "/")
            #expect(try await hub.send(.GET, "/").headers.first(name: .location) == "/ui/hubs/hub-a")
            var dashboard = try await hub.send(.GET, "/ui/hubs/hub-a")
            #expect(dashboard.status == .ok && dashboard.text.contains("Hub A"))
            // A form without the session's CSRF token is refused and plans nothing.
            let forged = try await hub.send(.POST, "/ui/hubs/hub-a/plan", form: ["date": Wire.today(in: TimeZone(identifier: "Europe/Oslo")!), "csrf": "forged"])
            #expect(forged.status == .forbidden && forged.text.contains("CSRF"))
            #expect((try await world.expect(.ok, .GET, "/v1/hubs/hub-a/plans", as: "hub")).array.isEmpty)
            let planned = try await hub.send(.POST, "/ui/hubs/hub-a/plan",
                                             form: ["date": Wire.today(in: TimeZone(identifier: "Europe/Oslo")!), "csrf": try hub.csrf(in: dashboard)])
            #expect(planned.status == .seeOther)
            let plans = try await world.expect(.ok, .GET, "/v1/hubs/hub-a/plans", as: "hub").array
            _ = try await platform.waitForPlan(try #require(plans.first?["id"] as? String), token: world.tokens["hub"]!)
            dashboard = try await hub.send(.GET, "/ui/hubs/hub-a")
            #expect(dashboard.text.contains("<svg class=\"map\""), "the plan is drawn")
            #expect(dashboard.text.contains("/dispatch\""), "routes can be dispatched")

            // A carrier's clerk sees its parcels, but not the hub's dashboard.
            var clerk = Browser(platform: platform)
            #expect(try await clerk.logIn("clerk@carrier-a.test", "another long secret") == "/")
            #expect(try await clerk.send(.GET, "/").headers.first(name: .location) == "/ui/parcels")
            #expect(try await clerk.send(.GET, "/ui/parcels").text.contains("A-001"))
            let refused = try await clerk.send(.GET, "/ui/hubs/hub-a")
            #expect(refused.status == .notFound && !refused.text.contains("A-001"))

            // After logging out the session is gone on the server too: its old cookie no longer works.
            let parcels = try await clerk.send(.GET, "/ui/parcels")
            let cookiesBefore = clerk.cookies
            let out = try await clerk.send(.POST, "/logout", form: ["csrf": try clerk.csrf(in: parcels)])
            #expect(out.headers.first(name: .location) == "/login")
            clerk.cookies = cookiesBefore
            #expect(try await clerk.send(.GET, "/ui/parcels").headers.first(name: .location) == "/login")
        }
    }

    /// The webhook delivery log: an organisation's own subscriptions and messages, no one else's.
    @Test func webhookLogShowsOnlyTheOrganisationsMessages() async throws {
        try await TestPlatform.with(.sqlite) { platform in
            let world = try await World(platform)
            try await world.expect(.created, .POST, "/v1/accounts", as: "admin", [
                "organisationId": "carrier-b", "name": "Integrator", "role": "writer", "email": "dev@carrier-b.test", "password": "a long integration secret"])
            let mine = try await world.expect(.created, .POST, "/v1/webhooks", as: "carrierB",
                                              ["url": "https://hooks.carrier-b.example/samlast", "eventTypes": ["parcel.announced"]]).object["id"] as? String ?? ""
            let theirs = try await world.expect(.created, .POST, "/v1/webhooks", as: "carrierA",
                                                ["url": "https://hooks.carrier-a.example/in", "eventTypes": ["parcel.announced"]]).object["id"] as? String ?? ""
            try await world.announce("A-1", barcodes: ["A-001"], site: "site-school-1", as: "carrierA")
            try await world.announce("B-1", barcodes: ["B-001"], site: "site-shop-2", as: "carrierB")

            var integrator = Browser(platform: platform)
            integrator.language = "en"
            #expect(try await integrator.logIn("dev@carrier-b.test", "a long integration secret") == "/")
            let list = try await integrator.send(.GET, "/ui/webhooks")
            #expect(list.status == .ok && list.text.contains("href=\"/ui/webhooks/\(mine)\"") && !list.text.contains(theirs))
            let log = try await integrator.send(.GET, "/ui/webhooks/\(mine)")
            #expect(log.status == .ok && log.text.contains("Delivery log") && log.text.contains("B-001") && log.text.contains("parcel.announced"))
            #expect(!log.text.contains("A-001") && !log.text.contains("carrier-a.example"))
            let dead = try await integrator.send(.GET, "/ui/webhooks/\(mine)?state=dead")
            #expect(dead.text.contains("0 messages") && !dead.text.contains("B-001"))
            let other = try await integrator.send(.GET, "/ui/webhooks/\(theirs)")
            #expect(other.status == .notFound && !other.text.contains("carrier-a.example"))
        }
    }
}
