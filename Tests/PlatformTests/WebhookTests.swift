import Domain
import Foundation
import Testing
import Vapor
@testable import Platform
@testable import Store

/// Webhooks end to end against a receiver on a loopback port: each subscriber gets exactly the
/// events of the parcels its organisation sees, signed, in order per parcel; failures are
/// retried, then dead, then replayed; nothing rolled back is sent; private targets are refused.
@Suite struct WebhookTests {
    static let allTypes = WebhookEventType.allCases.map(\.rawValue)

    /// Fast retries and polling, and loopback targets allowed (the receiver is on 127.0.0.1).
    static func loopbackWebhooks(_ configuration: inout PlatformConfiguration) {
        configuration.webhooks = WebhookSettings(allowPrivateTargets: true, schedule: DeliverySchedule(base: 0.05, cap: 0.2, maximumAttempts: 3),
                                                 pollInterval: .milliseconds(20))
    }

    /// Subscribes `party`'s organisation to every event type at the receiver's `/hook/<party>`; returns (id, secret).
    static func subscribe(_ party: String, _ world: World, _ receiver: WebhookReceiver) async throws -> (id: String, secret: String) {
        let reply = try await world.expect(.created, .POST, "/v1/webhooks", as: party, ["url": receiver.url(party), "eventTypes": allTypes])
        return (try #require(reply.object["id"] as? String), try #require(reply.object["secret"] as? String))
    }

    @Test(arguments: Backend.allCases)
    func subscribersReceiveSignedMessagesOfTheirOwnParcelsInOrder(_ backend: Backend) async throws {
        let receiver = try await WebhookReceiver.start()
        try await TestPlatform.with(backend, configure: Self.loopbackWebhooks) { platform in
            let world = try await World(platform)
            var secrets: [String: String] = [:]
            var ids: [String: String] = [:]
            for party in ["carrierA", "carrierB", "hub", "recipient1", "shipper", "otherHub"] {
                (ids[party], secrets[party]) = try await Self.subscribe(party, world, receiver)
            }
            for party in ["municipality", "driver", "carrierAViewer", "hubViewer"] {
                try await world.expect(.forbidden, .POST, "/v1/webhooks", as: party, ["url": receiver.url(party), "eventTypes": Self.allTypes])
            }
            try await world.announce("A-1", barcodes: ["A-001", "A-002"], site: "site-school-1", as: "carrierA")
            try await world.announce("B-1", barcodes: ["B-001"], site: "site-shop-2", as: "carrierB")
            try await world.scanIn(["A-001", "A-002", "B-001"])

            let expected: [String: Set<String>] = [
                "carrierA": ["A-001", "A-002"], "carrierB": ["B-001"], "hub": ["A-001", "A-002", "B-001"], "recipient1": ["A-001", "A-002"],
                "shipper": [], "otherHub": [],
            ]
            let total = expected.values.map { $0.count * 2 }.reduce(0, +)
            try await receiver.wait { $0.count >= total }
            try await Task.sleep(for: .milliseconds(300))  // nothing more comes
            for (party, barcodes) in expected {
                let messages = receiver.messages(to: party)
                #expect(messages.count == barcodes.count * 2, "\(party): \(messages.map { "\($0.type) \($0.barcode)" })")
                #expect(Set(messages.map(\.barcode)) == barcodes, "\(party) received \(Set(messages.map(\.barcode)))")
                let signer = try #require(WebhookSignature(secret: secrets[party]!))
                for message in messages {
                    #expect(signer.refusal(id: message.id, timestamp: message.timestamp, signatures: message.signature, body: message.body) == nil,
                            "\(party) \(message.id)")
                    #expect(message.id.hasPrefix("msg_") && message.data["event"] is [String: Any])
                }
                for barcode in barcodes {
                    #expect(messages.filter { $0.barcode == barcode }.map(\.type) == ["parcel.announced", "parcel.arrived-at-hub"], "\(party) \(barcode)")
                }
            }
            // Another organisation's secret does not verify a message.
            let message = try #require(receiver.messages(to: "carrierA").first)
            #expect(WebhookSignature(secret: secrets["carrierB"]!)!.refusal(id: message.id, timestamp: message.timestamp, signatures: message.signature,
                                                                           body: message.body) != nil)

            // The receiver has a message before the server records its answer: wait for the log.
            var log = try await world.expect(.ok, .GET, "/v1/webhooks/\(ids["carrierA"]!)/deliveries", as: "carrierA")
            for _ in 0..<100 where (log.object["items"] as? [[String: Any]] ?? []).contains(where: { $0["state"] as? String != "delivered" }) {
                try await Task.sleep(for: .milliseconds(50))
                log = try await world.expect(.ok, .GET, "/v1/webhooks/\(ids["carrierA"]!)/deliveries", as: "carrierA")
            }
            #expect(log.object["total"] as? Int == 4)
            for item in log.object["items"] as? [[String: Any]] ?? [] {
                #expect(item["state"] as? String == "delivered" && item["attempts"] as? Int == 1, "\(item)")
            }
            let own = try await world.expect(.ok, .GET, "/v1/webhooks", as: "carrierAViewer").array
            #expect(own.compactMap { $0["id"] as? String } == [ids["carrierA"]!] && !own.contains { $0["secret"] != nil })
            #expect(try await world.expect(.ok, .GET, "/v1/webhooks", as: "admin").array.count == 6)
        }
        try await receiver.stop()
    }

    @Test(arguments: Backend.allCases)
    func failedMessagesAreRetriedThenDeadThenReplayed(_ backend: Backend) async throws {
        let receiver = try await WebhookReceiver.start()
        receiver.answer(.internalServerError, to: "carrierA")
        try await TestPlatform.with(backend, configure: Self.loopbackWebhooks) { platform in
            let world = try await World(platform)
            let (id, _) = try await Self.subscribe("carrierA", world, receiver)
            try await world.announce("A-1", barcodes: ["A-001"], site: "site-school-1", as: "carrierA")
            try await Self.waitFor(state: "dead", count: 1, subscription: id, world: world)
            let deadPage = try await world.expect(.ok, .GET, "/v1/webhooks/\(id)/deliveries?state=dead", as: "carrierA")
            let dead = try #require((deadPage.object["items"] as? [[String: Any]])?.first)
            let deliveryId = try #require(dead["id"] as? String)
            #expect(dead["lastStatus"] as? Int == 500 && dead["attempts"] as? Int == 3)
            let detail = try await world.expect(.ok, .GET, "/v1/webhooks/\(id)/deliveries/\(deliveryId)", as: "carrierA")
            #expect((detail.object["attemptLog"] as? [[String: Any]])?.compactMap { $0["statusCode"] as? Int } == [500, 500, 500])
            #expect((detail.object["payload"] as? String)?.contains("A-001") == true)
            #expect(receiver.messages(to: "carrierA").count == 3 && Set(receiver.messages(to: "carrierA").map(\.id)).count == 1,
                    "every attempt carries the same webhook-id")

            receiver.answer(.ok, to: "carrierA")
            try await world.expect(.accepted, .POST, "/v1/webhooks/\(id)/deliveries/\(deliveryId)/replay", as: "carrierA")
            try await Self.waitFor(state: "delivered", count: 1, subscription: id, world: world)
            let replayed = try await world.expect(.ok, .GET, "/v1/webhooks/\(id)/deliveries/\(deliveryId)", as: "carrierA")
            #expect((replayed.object["attemptLog"] as? [[String: Any]])?.compactMap { $0["statusCode"] as? Int } == [500, 500, 500, 200])
            try await world.expect(.forbidden, .POST, "/v1/webhooks/\(id)/deliveries/\(deliveryId)/replay", as: "carrierAViewer")

            // Deleting the subscription stops its messages.
            try await world.expect(.noContent, .DELETE, "/v1/webhooks/\(id)", as: "carrierA")
            try await world.expect(.notFound, .GET, "/v1/webhooks/\(id)", as: "carrierA")
            try await world.announce("A-2", barcodes: ["A-002"], site: "site-school-1", as: "carrierA")
            try await Task.sleep(for: .milliseconds(300))
            #expect(receiver.messages(to: "carrierA").count == 4)
        }
        try await receiver.stop()
    }

    @Test func nothingRolledBackIsEverSent() async throws {
        struct RolledBack: Error {}
        let receiver = try await WebhookReceiver.start()
        try await TestPlatform.with(.sqlite, configure: Self.loopbackWebhooks) { platform in
            let world = try await World(platform)
            _ = try await Self.subscribe("hub", world, receiver)
            try await world.announce("A-1", barcodes: ["A-001"], site: "site-school-1", as: "carrierA")
            try await receiver.wait { $0.count == 1 }
            let hub = Caller(accountId: "acc-hub", accountName: "hub", organisation: Organisation(id: "hubco", name: "Hubco", kind: .hubOperator), role: .writer)
            let scan = Events.EventBody(eventId: "scan-rolled-back", barcode: "A-001", type: .arrivedAtHub, time: World.now)
            let store = Store(platform.app.db)
            await #expect(throws: RolledBack.self) {
                try await store.transaction { store in
                    _ = try await Events.record(scan, by: hub, path: "$", store: store)
                    #expect(try await store.count("SELECT COUNT(*) AS n FROM webhook_deliveries") == 2, "written with the event")
                    throw RolledBack()
                }
            }
            #expect(try await store.count("SELECT COUNT(*) AS n FROM webhook_deliveries") == 1)
            try await Task.sleep(for: .milliseconds(300))
            #expect(receiver.messages(to: "hub").map(\.type) == ["parcel.announced"])
        }
        try await receiver.stop()
    }

    @Test func subscriptionsToPrivateAddressesAndBadSubscriptionsAreRefused() async throws {
        try await TestPlatform.with(.sqlite) { platform in
            let world = try await World(platform)
            for url in ["http://127.0.0.1:8080/hook", "https://10.0.0.8/hook", "https://[::1]/hook", "http://localhost/hook",
                        "http://169.254.169.254/latest/meta-data/"] {
                let reply = try await world.expect(.unprocessableEntity, .POST, "/v1/webhooks", as: "carrierA", ["url": url, "eventTypes": ["parcel.delivered"]])
                #expect(reply.text.contains("$.url"), "\(url): \(reply.text)")
            }
            let unknown = try await world.expect(.badRequest, .POST, "/v1/webhooks", as: "carrierA",
                                                 ["url": "https://hooks.example.org/a", "eventTypes": ["parcel.teleported"]])
            #expect(unknown.text.contains("eventTypes"), "\(unknown.text)")
            try await world.expect(.badRequest, .POST, "/v1/webhooks", as: "carrierA", ["url": "https://hooks.example.org/a", "eventTypes": [String]()])
            try await world.expect(.unprocessableEntity, .POST, "/v1/webhooks", as: "carrierA", ["url": "gopher://example.org/", "eventTypes": ["parcel.delivered"]])
            try await world.expect(.notFound, .POST, "/v1/webhooks", as: "carrierA",
                                   ["url": "https://hooks.example.org/a", "eventTypes": ["parcel.delivered"], "organisationId": "carrier-b"])
            let created = try await world.expect(.created, .POST, "/v1/webhooks", as: "carrierA", ["url": "https://hooks.example.org/a", "eventTypes": ["parcel.delivered"]])
            let id = try #require(created.object["id"] as? String)
            let lost = try await world.expect(.badRequest, .GET, "/v1/webhooks/\(id)/deliveries?state=lost", as: "carrierA")
            #expect(lost.text.contains("state"), "\(lost.text)")
            try await world.expect(.notFound, .GET, "/v1/webhooks/none/deliveries", as: "carrierA")
            try await world.expect(.notFound, .POST, "/v1/webhooks/\(id)/deliveries/msg_none/replay", as: "carrierA")
        }
    }

    /// Polls a subscription's log until `count` messages are in `state`.
    static func waitFor(state: String, count: Int, subscription: String, world: World, seconds: Double = 20) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let log = try await world.platform.call(.GET, "/v1/webhooks/\(subscription)/deliveries?state=\(state)", token: world.tokens["carrierA"])
            if log.object["total"] as? Int == count { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestSetupError("\(count) deliveries of \(subscription) did not become \(state) in \(seconds) s")
    }
}
