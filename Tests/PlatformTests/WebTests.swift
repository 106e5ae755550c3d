import Foundation
import Testing
import Vapor
@testable import Platform

/// The web UI: password login with CSRF-protected forms, and the pages of each kind of user.
@Suite struct WebTests {
    /// A browser of one person: keeps cookies between requests.
    struct Browser {
        let platform: TestPlatform
        var cookies: [String: String] = [:]
        /// Sent as `Accept-Language` when set.
        var language: String?

        mutating func send(_ method: HTTPMethod, _ path: String, form: [String: String]? = nil) async throws -> TestPlatform.Reply {
            var headers: [(String, String)] = []
            if !cookies.isEmpty { headers.append(("Cookie", cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))) }
            if let language { headers.append(("Accept-Language", language)) }
            let body = form.map { $0.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&") }
            let reply = try await platform.call(method, path, token: nil, raw: body, contentType: "application/x-www-form-urlencoded", headers: headers)
            for header in reply.headers[.setCookie] {
                let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
                if pair.count == 2 { cookies[pair[0]] = pair[1].isEmpty ? nil : pair[1] }
                #expect(header.contains("HttpOnly") && header.contains("Secure"), "\(header)")
            }
            return reply
        }

        /// Logs in through the form; returns where the login sent the browser.
        mutating func logIn(_ email: String, _ password: String) async throws -> String? {
            let page = try await send(.GET, "/login")
            let csrf = try #require(page.text.firstMatch(of: /name="csrf" value="([^"]+)"/)).output.1
            let reply = try await send(.POST, "/login", form: ["email": email, "password": password, "csrf": String(csrf)])
            return reply.headers.first(name: .location)
        }

        func csrf(in page: TestPlatform.Reply) throws -> String {
            String(try #require(page.text.firstMatch(of: /name="csrf" value="([^"]+)"/)).output.1)
        }
    }

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
}
