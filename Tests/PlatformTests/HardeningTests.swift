import Domain
import Foundation
import Testing
import Vapor
@testable import Platform
import SQLKit
@testable import Store

/// What an outside probe found, kept found: identifiers in one normal form, no crash from
/// stored data, bounded planning retries, throttled log-ins, bounded text and times, security
/// headers, and municipal figures only where three carriers contributed.
@Suite struct HardeningTests {
    static func shipment(_ barcode: String, reference: String) -> [String: Any] {
        ["reference": reference, "hubId": "hub-a", "siteId": "site-school-1", "parcels": [["barcode": barcode, "weightKg": 2]]]
    }

    /// Queues a plan of hub A today (no worker runs in these tests); returns its id.
    static func queuePlan(_ world: World) async throws -> String {
        let queued = try await world.expect(.accepted, .POST, "/v1/hubs/hub-a/plans", as: "hub", ["timeLimitSeconds": 0.2])
        return try #require(queued.object["id"] as? String)
    }

    @Test(arguments: Backend.allCases)
    func identifiersHaveOneSpellingAndAnAllowedSet(_ backend: Backend) async throws {
        try await TestPlatform.with(backend) { platform in
            let world = try await World(platform)
            for (index, barcode) in ["B\u{C5}1", "BA\u{30A}1", "\u{FF11}\u{FF12}", "\u{661}\u{662}", "\u{410}-1", "\u{301}\u{301}"].enumerated() {
                let reply = try await world.expect(.badRequest, .POST, "/v1/shipments", as: "carrierA", Self.shipment(barcode, reference: "R-\(index)"))
                #expect(reply.text.contains("$.parcels[0].barcode"), "\(reply.text)")
            }
            // The Kelvin sign is canonically K: stored as K-1, and K-1 from another carrier is the same label.
            let kelvin = try await world.expect(.created, .POST, "/v1/shipments", as: "carrierA", Self.shipment("\u{212A}-1", reference: "R-K"))
            // (Swift's == calls the Kelvin sign and K equal, so compare the code points.)
            #expect((kelvin.object["parcels"] as? [String])?.first.map { Array($0.unicodeScalars) } == Array("K-1".unicodeScalars))
            let clash = try await world.expect(.conflict, .POST, "/v1/shipments", as: "carrierB", Self.shipment("K-1", reference: "R-K"))
            #expect(clash.text.contains("parcel 'K-1' already exists") && !clash.text.contains("carrier-a"), "\(clash.text)")
            try await world.expect(.notFound, .GET, "/v1/parcels/K-1", as: "carrierB")
        }
    }

    /// A database written before the identifier rule can hold two spellings of one barcode as
    /// two rows; planning them must neither crash nor stop, and the upgrade check names them.
    @Test(arguments: Backend.allCases)
    func storedSpellingsOfOneBarcodeDoNotStopPlanning(_ backend: Backend) async throws {
        try await TestPlatform.with(backend) { platform in
            let world = try await World(platform)
            let shipmentId = try await world.announce("OLD-1", barcodes: ["P-1"], site: "site-school-1", as: "carrierA")
            let store = Store(platform.app.db)
            for barcode in ["B\u{C5}1", "BA\u{30A}1"] {
                try await store.run("""
                    INSERT INTO parcels (barcode, shipment_id, carrier_id, recipient_id, site_id, hub_id, weight_kg, pallet, temperature,
                                         status, status_time, status_sequence)
                    VALUES (\(bind: barcode), \(bind: shipmentId), 'carrier-a', 'school-1', 'site-school-1', 'hub-a', 2, 0, 'ambient', 'at-hub', 0, 0)
                    """)
            }
            try await world.scanIn(["P-1"])
            let plan = try await world.planToday()
            #expect(World.parcels(on: try #require((plan["routes"] as? [[String: Any]])?.first)).count == 3, "\(plan)")
            let report = try await Schema.normalisationReport(store)
            #expect(report.contains { $0.contains("are one barcode 'B\u{C5}1'") && $0.contains("U+030A") }, "\(report)")
            #expect(try await platform.call(.GET, "/health", token: nil).status == .ok)
        }
    }

    /// A database of schema version 1 (before case-folded e-mails) upgrades in place: lone
    /// mixed-case addresses are folded, two that would become one are kept and reported.
    @Test(arguments: Backend.allCases)
    func upgradingFoldsEmailsAndReportsCollisions(_ backend: Backend) async throws {
        try await TestPlatform.with(backend, configure: { $0.runsPlanningWorker = false }) { platform in
            let store = Store(platform.app.db)
            // Back to version 1, with accounts as version 1 let them be written.
            try await store.run("DROP TABLE login_failures")
            try await store.run("DELETE FROM schema_migrations WHERE name = \(bind: Schema.loginThrottling)")
            for (id, email) in [("a1", "Dispatcher@Hubco.no"), ("a2", "dispatcher@hubco.no"), ("a3", "Solo.Person@Hubco.no")] {
                try await store.run("""
                    INSERT INTO accounts (id, organisation_id, name, role, email, created_at) VALUES (\(bind: id), 'platform', 'x', 'viewer', \(bind: email), 0)
                    """)
            }
            #expect(try await Migrator.migrate(store) == [Schema.loginThrottling])
            struct Row: Decodable { var id: String; var email: String }
            let emails = Dictionary(firstWins: try await store.rows("SELECT id, email FROM accounts WHERE id IN ('a1', 'a2', 'a3')", as: Row.self).map { ($0.id, $0.email) })
            #expect(emails == ["a1": "Dispatcher@Hubco.no", "a2": "dispatcher@hubco.no", "a3": "solo.person@hubco.no"])
            let report = try await Schema.normalisationReport(store)
            #expect(report == ["accounts with e-mail Dispatcher@Hubco.no and dispatcher@hubco.no are one address 'dispatcher@hubco.no'; log-in finds only the lower-case one"])
            #expect(try await store.count("SELECT COUNT(*) AS n FROM login_failures") == 0, "the new table exists")
        }
    }

    @Test(arguments: Backend.allCases)
    func aFailingPlanIsRetriedThenFailedWhileTheServerServes(_ backend: Backend) async throws {
        try await TestPlatform.with(backend, configure: { $0.runsPlanningWorker = false }) { platform in
            let world = try await World(platform)
            let id = try await Self.queuePlan(world)
            // Stored data that no attempt can plan: the plan's day is not a date.
            try await Store(platform.app.db).run("UPDATE plans SET plan_date = 'not-a-day' WHERE id = \(bind: id)")
            let worker = PlanningWorker(pollInterval: .milliseconds(20))
            try worker.didBoot(platform.app)
            let plan = try await platform.waitForPlan(id, token: world.tokens["hub"] ?? "")
            await worker.shutdownAsync(platform.app)
            #expect(plan.object["status"] as? String == "failed")
            #expect((plan.object["error"] as? String)?.contains("'not-a-day' is not a date") == true, "\(plan.text)")
            let attempts = try await Store(platform.app.db).count("SELECT attempts AS n FROM plans WHERE id = \(bind: id)")
            #expect(attempts == PlanningQueue.maximumAttempts)
            try await world.expect(.ok, .GET, "/v1/parcels", as: "carrierA")
        }
    }

    @Test(arguments: Backend.allCases)
    func aPlanWhoseWorkerKeepsDyingEndsFailed(_ backend: Backend) async throws {
        try await TestPlatform.with(backend, configure: { $0.runsPlanningWorker = false }) { platform in
            let world = try await World(platform)
            let id = try await Self.queuePlan(world)
            let store = Store(platform.app.db)
            var now = Date()
            // Three workers claim the plan and die with it; each time the lease runs out.
            for attempt in 1...PlanningQueue.maximumAttempts {
                let job = try await PlanningQueue.claim(worker: "dead-\(attempt)", store: store, now: now)
                #expect(job?.id == id && job?.attempts == attempt)
                now = now.addingTimeInterval(PlanningQueue.lease + 1)
            }
            #expect(try await PlanningQueue.claim(worker: "alive", store: store, now: now) == nil, "no fourth attempt")
            let plan = try await world.expect(.ok, .GET, "/v1/plans/\(id)", as: "hub")
            #expect(plan.object["status"] as? String == "failed")
            #expect((plan.object["error"] as? String)?.contains("stopped during each of 3 attempts") == true, "\(plan.text)")
        }
    }

    @Test(arguments: Backend.allCases)
    func passwordsEmailsAndLoginThrottling(_ backend: Backend) async throws {
        try await Exclusive.shared.run { try await passwordsEmailsAndLoginThrottlingOn(backend) }
    }

    /// The guessing pair's first wait, longer than the product's second: the refusals below
    /// must land inside it on a machine busy with other tests.
    static let firstWait = 4.0

    private func passwordsEmailsAndLoginThrottlingOn(_ backend: Backend) async throws {
        try await TestPlatform.with(backend, configure: {
            $0.loginThrottle.rules[.accountFromAddress] = LoginThrottle.Rule(freeFailures: 5, firstDelay: Self.firstWait)
        }) { platform in
            let world = try await World(platform)
            func account(_ email: String, _ password: String) -> [String: Any] {
                ["organisationId": "hubco", "name": "Dispatcher", "role": "writer", "email": email, "password": password]
            }
            for (password, says) in [(String(repeating: " ", count: 12), "white space"), ("password1234", "commonly used"),
                                     ("short", "at least 12"), (String(repeating: "x", count: 129), "at most 128")] {
                let reply = try await world.expect(.badRequest, .POST, "/v1/accounts", as: "admin", account("someone@hubco.test", password))
                #expect(reply.text.contains("$.password") && reply.text.contains(says), "\(reply.text)")
            }
            // bcrypt reads 72 bytes; the pre-hash makes the 73rd count.
            let long = String(repeating: "fjordbat ", count: 8) + "x"  // 73 bytes
            #expect(long.utf8.count == 73)
            let created = try await world.expect(.created, .POST, "/v1/accounts", as: "admin", account("Upper.Case@Hubco.test", long))
            #expect(created.object["email"] as? String == "upper.case@hubco.test")
            try await world.expect(.conflict, .POST, "/v1/accounts", as: "admin", account("upper.case@hubco.TEST", "another good passphrase"))

            var browser = Browser(platform: platform)
            let prefix = String(decoding: Array(long.utf8.prefix(72)), as: UTF8.self)
            #expect(try await browser.logIn("upper.case@hubco.test", prefix) == "/login?failed=1")
            #expect(try await browser.logIn("Upper.Case@HUBCO.test", long) == "/")

            // Guessing: five failures are free, the sixth closes the account from this address.
            var guesser = Browser(platform: platform)
            for guess in 1...6 { #expect(try await guesser.logIn("upper.case@hubco.test", "guess number \(guess)") == "/login?failed=1") }
            let page = try await guesser.send(.GET, "/login")
            let refused = try await guesser.send(.POST, "/login", form: ["email": "upper.case@hubco.test", "password": long, "csrf": try guesser.csrf(in: page)])
            let retryAfter = Int(refused.headers.first(name: .retryAfter) ?? "") ?? 0
            #expect(refused.status == .tooManyRequests && (1...Int(Self.firstWait)).contains(retryAfter), "\(refused.status) \(retryAfter)")
            #expect(refused.text.contains("For mange mislykkede innlogginger"), "bokmål by default")
            guesser.language = "en-GB,en;q=0.9"
            let english = try await guesser.send(.POST, "/login", form: ["email": "upper.case@hubco.test", "password": long,
                                                                          "csrf": try guesser.csrf(in: try await guesser.send(.GET, "/login"))])
            #expect(english.status == .tooManyRequests && english.text.contains("Too many failed log-ins"), "English when the browser asks")
            try await Task.sleep(for: .seconds(Self.firstWait + 0.1))
            #expect(try await guesser.logIn("upper.case@hubco.test", long) == "/", "the right password after the wait")
        }
    }

    /// While one log-in of an account from an address is being checked, a second is refused at
    /// once; other accounts from the address pass up to the address's limit.
    /// An attacker who keeps the account-wide key closed from elsewhere does not lock the
    /// account's owner out where they logged in before; a new address does wait.
    @Test(arguments: Backend.allCases)
    func guessingFromElsewhereDoesNotLockTheOwnerOutAtAKnownAddress(_ backend: Backend) async throws {
        try await TestPlatform.with(backend, configure: { $0.runsPlanningWorker = false }) { platform in
            let guardian = LoginGuard(store: Store(platform.app.db))
            let email = "kari@hubco.test", home = "203.0.113.7"
            try await guardian.recordSuccess(email: email, address: home)
            // 25 guesses from 25 addresses: no pair or address key closes, the account key does.
            for attacker in 1...25 { try await guardian.recordFailure(email: email, address: "198.51.100.\(attacker)") }
            let atHome = try await guardian.waitingTime(email: email, address: home)
            let elsewhere = try await guardian.waitingTime(email: email, address: "192.0.2.1")
            #expect(atHome == nil, "the owner's known address is not closed by the account key")
            #expect((elsewhere ?? 0) > 0, "an address the account never logged in from waits")
        }
    }

    @Test func oneLoginAtATimePerAccountAndAddress() async throws {
        let admission = LoginAdmission(perAddress: 2)
        let (entered, enteredSignal) = AsyncStream.makeStream(of: Void.self)
        let (release, releaseSignal) = AsyncStream.makeStream(of: Void.self)
        let first = Task {
            await admission.admit(email: "a@x.no", address: "10.0.0.1") {
                enteredSignal.yield()
                for await _ in release { break }
                return "checked"
            }
        }
        for await _ in entered { break }
        #expect(await admission.admit(email: "a@x.no", address: "10.0.0.1") { "second" } == nil)
        #expect(await admission.admit(email: "a@x.no", address: "10.0.0.2") { "elsewhere" } == "elsewhere")
        #expect(await admission.admit(email: "b@x.no", address: "10.0.0.1") { "other account" } == "other account")
        releaseSignal.yield()
        #expect(await first.value == "checked")
        #expect(await admission.admit(email: "a@x.no", address: "10.0.0.1") { "after" } == "after")
    }

    @Test func passwordsStoredBeforeThePreHashStillLogInAndAreUpgraded() async throws {
        try await TestPlatform.with(.sqlite) { platform in
            let world = try await World(platform)
            try await world.expect(.created, .POST, "/v1/accounts", as: "admin", [
                "id": "acc-old", "organisationId": "hubco", "name": "Old", "role": "writer", "email": "old@hubco.test", "password": "a long old passphrase"])
            let store = Store(platform.app.db)
            try await store.run("UPDATE accounts SET password_hash = \(bind: try Bcrypt.hash("a long old passphrase", cost: 4)) WHERE id = 'acc-old'")
            var browser = Browser(platform: platform)
            #expect(try await browser.logIn("old@hubco.test", "a long old passphrase") == "/")
            let hash = try await store.sql.raw("SELECT password_hash FROM accounts WHERE id = 'acc-old'").first()?.decode(column: "password_hash", as: String.self)
            #expect(hash?.hasPrefix(BoundedPasswordHasher.scheme) == true)
            var again = Browser(platform: platform)
            #expect(try await again.logIn("old@hubco.test", "a long old passphrase") == "/")
        }
    }

    @Test(arguments: Backend.allCases)
    func textAndTimesAreBounded(_ backend: Backend) async throws {
        try await TestPlatform.with(backend) { platform in
            let world = try await World(platform)
            let site: [String: Any] = ["id": "site-x", "name": "Shop", "address": "Street 1", "location": World.hubLocation, "timeWindows": World.everyDay,
                                       "accessNotes": String(repeating: "n", count: 100_000)]
            let long = try await world.expect(.badRequest, .POST, "/v1/sites", as: "recipient1", site)
            #expect(long.text.contains("$.accessNotes: is 100000 characters long; at most 2000"), "\(long.text)")
            var nul = site
            nul["accessNotes"] = "gate"
            nul["name"] = "Shop\u{0}hidden"
            let refused = try await world.expect(.badRequest, .POST, "/v1/sites", as: "recipient1", nul)
            #expect(refused.text.contains("$.name: contains the control character U+0000"), "\(refused.text)")

            try await world.announce("T-1", barcodes: ["T-001"], site: "site-school-1", as: "carrierA")
            let ancient = try await world.expect(.unprocessableEntity, .POST, "/v1/events", as: "hub",
                                                 ["eventId": "e-1", "barcode": "T-001", "type": "sorted", "time": "2000-01-01T08:00:00Z"])
            #expect(ancient.text.contains("$.time") && ancient.text.contains("in the past"), "\(ancient.text)")
            let reason = try await world.expect(.badRequest, .POST, "/v1/events", as: "hub", [
                "eventId": "e-2", "barcode": "T-001", "type": "failed", "time": World.now, "reason": String(repeating: "r", count: 1001)])
            #expect(reason.text.contains("$.reason"), "\(reason.text)")
            let farPlan = try await world.expect(.unprocessableEntity, .POST, "/v1/hubs/hub-a/plans", as: "hub", ["date": "9999-01-01"])
            #expect(farPlan.text.contains("$.date"), "\(farPlan.text)")
        }
    }

    /// A path with an encoded line break is logged on one line, its control characters spelled out.
    @Test func pathsAreLoggedOnOneLine() {
        let forged = "/v1/parcels/x\n2026-12-02T15:00:00+0000 critical FORGED\r\u{85}"
        let logged = RequestLogMiddleware.loggable(forged)
        #expect(!logged.contains("\n") && !logged.contains("\r") && !logged.unicodeScalars.contains { $0.value == 0x85 })
        #expect(logged == "/v1/parcels/x\\u{a}2026-12-02T15:00:00+0000 critical FORGED\\u{d}\\u{85}")
        #expect(RequestLogMiddleware.loggable("/v1/parcels/Bjørn") == "/v1/parcels/Bjørn")
    }

    @Test func securityHeadersOnEveryKindOfAnswer() async throws {
        try await TestPlatform.with(.sqlite) { platform in
            let world = try await World(platform)
            var browser = Browser(platform: platform)
            let answers: [(String, TestPlatform.Reply, Bool)] = [
                ("login page", try await browser.send(.GET, "/login"), true),
                ("carrier page", try await platform.call(.GET, "/ui/parcels", token: world.tokens["carrierA"]), true),
                ("hub dashboard", try await platform.call(.GET, "/ui/hubs/hub-a", token: world.tokens["hub"]), true),
                ("driver page", try await platform.call(.GET, "/ui/driver", token: world.tokens["driver"]), true),
                ("municipality page", try await platform.call(.GET, "/ui/municipality", token: world.tokens["municipality"]), true),
                ("redirect", try await platform.call(.GET, "/", token: nil), true),
                ("error page", try await platform.call(.GET, "/ui/hubs/hub-b", token: world.tokens["hub"]), true),
                ("API list", try await platform.call(.GET, "/v1/parcels", token: world.tokens["carrierA"]), true),
                ("API problem", try await platform.call(.GET, "/v1/parcels/none", token: world.tokens["carrierA"]), true),
                ("unauthenticated", try await platform.call(.GET, "/v1/me", token: nil), true),
                ("contract", try await platform.call(.GET, "/openapi.json", token: nil), false),
                ("health", try await platform.call(.GET, "/health", token: nil), false),
            ]
            for (what, reply, privateAnswer) in answers {
                #expect(reply.status.code < 500, "\(what): \(reply.status)")
                #expect(reply.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'") == true, "\(what)")
                #expect(reply.headers.first(name: "X-Frame-Options") == "DENY", "\(what)")
                #expect(reply.headers.first(name: "X-Content-Type-Options") == "nosniff", "\(what)")
                #expect(reply.headers.first(name: "Referrer-Policy") == "no-referrer", "\(what)")
                #expect(reply.headers.first(name: "Strict-Transport-Security") != nil, "\(what)")
                #expect((reply.headers.first(name: .cacheControl) == "no-store") == privateAnswer, "\(what)")
            }
        }
    }

    @Test func municipalitiesSeeFiguresOnlyWhereThreeCarriersContributed() async throws {
        try await TestPlatform.with(.sqlite) { platform in
            var world = try await World(platform)
            try await world.expect(.created, .POST, "/v1/organisations", as: "admin", ["id": "carrier-c", "name": "Carrier C", "kind": "carrier"])
            try await world.expect(.created, .POST, "/v1/accounts", as: "admin", ["id": "acc-c", "organisationId": "carrier-c", "name": "C", "role": "writer"])
            world.tokens["carrierC"] = try await world.expect(.created, .POST, "/v1/tokens", as: "admin", ["accountId": "acc-c", "name": "t"]).object["token"] as? String
            func municipalFigures() async throws -> [String: Any] {
                try #require((try await world.expect(.ok, .GET, "/v1/stats", as: "municipality").object["hubs"] as? [[String: Any]])?.first)
            }
            try await world.announce("A-1", barcodes: ["A-001"], site: "site-school-1", as: "carrierA")
            try await world.announce("B-1", barcodes: ["B-001"], site: "site-school-1", as: "carrierB")
            let two = try await municipalFigures()
            #expect(two["suppressed"] as? Bool == true && two["parcelsAnnounced"] == nil, "\(two)")
            try await world.announce("C-1", barcodes: ["C-001"], site: "site-shop-2", as: "carrierC")
            let three = try await municipalFigures()
            #expect(three["suppressed"] as? Bool == false && three["parcelsAnnounced"] as? Int == 3 && three["carriers"] as? String == "3", "\(three)")
        }
    }
}
