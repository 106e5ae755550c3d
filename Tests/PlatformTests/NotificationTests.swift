import Domain
import ExternalTools
import Foundation
import Mail
import Testing
import Vapor
@testable import Platform

/// Recipient notices end to end: parcels of three carriers to one school, dispatched on two
/// routes, give the school one e-mail and one text message for the window — caught by a real
/// SMTP server (aiosmtpd) and an HTTP SMS gateway — with a tracking link that shows the hub and
/// the window and nothing of the carriers, expires after the delivery, and an opt-out that holds.
@Suite(.serialized) struct NotificationTests {
    static let publicURL = "https://samlast.example.no"

    @Test(arguments: Backend.allCases)
    func oneNoticePerRecipientAndWindowAcrossCarriers(_ backend: Backend) async throws {
        let sink = try await SMTPSink.start()
        let gateway = try await WebhookReceiver.start()
        do {
            try await notify(sink: sink, gateway: gateway, backend)
        } catch {
            try await gateway.stop()
            await sink.stop()
            throw error
        }
        try await gateway.stop()
        await sink.stop()
    }

    func notify(sink: SMTPSink, gateway: WebhookReceiver, _ backend: Backend) async throws {
        try await TestPlatform.with(backend, configure: { configuration in
            configuration.publicURL = Self.publicURL
            configuration.notifications = NotificationSettings(
                email: .init(smtp: SMTPClient.Configuration(host: "127.0.0.1", port: sink.port, tlsMode: .none, connectTimeout: .seconds(5)),
                             from: MailAddress("varsel@hub-a.example.no", displayName: "Hub A")),
                sms: .init(url: gateway.url("sms"), token: "gateway-secret", sender: "HubA"),
                quietHours: QuietHours(start: 0, end: 0), tracking: TrackingLifetime(daysAfterDelivery: 0), pollInterval: .milliseconds(100))
        }) { platform in
            var world = try await World(platform)
            try await world.addCarrier("carrierC", organisation: "carrier-c")
            // The school's contacts, kept once; a carrier may neither add nor read them.
            try await world.expect(.created, .POST, "/v1/sites/site-school-1/contacts", as: "recipient1",
                                   ["channel": "email", "address": "Rektor@Oksenoya.example.no"])
            try await world.expect(.created, .POST, "/v1/sites/site-shop-2/contacts", as: "recipient2",
                                   ["channel": "email", "address": "butikk@fornebu-s.example.no", "language": "en"])
            let invalid = try await world.expect(.badRequest, .POST, "/v1/sites/site-school-1/contacts", as: "recipient1",
                                                 ["channel": "email", "address": "not-an-address"])
            #expect((invalid.object["detail"] as? String)?.hasPrefix("$.address:") == true, "\(invalid.text)")
            try await world.expect(.conflict, .POST, "/v1/sites/site-school-1/contacts", as: "recipient1",
                                   ["channel": "email", "address": "rektor@oksenoya.example.no"])
            try await world.expect(.notFound, .POST, "/v1/sites/site-school-1/contacts", as: "carrierA",
                                   ["channel": "email", "address": "spy@carrier-a.example.no"])

            try await world.announce("A-9", barcodes: ["A-901", "A-902"], site: "site-school-1", as: "carrierA")
            try await world.announce("B-9", barcodes: ["B-901"], site: "site-school-1", as: "carrierB")
            try await world.announce("C-9", barcodes: ["C-901"], site: "site-school-1", as: "carrierC")
            try await world.announce("B-8", barcodes: ["B-801"], site: "site-shop-2", as: "carrierB")
            try await world.scanIn(["A-901", "A-902", "B-901", "C-901", "B-801"])
            // Hub staff manage the contacts of the sites their hub delivers to (it does, now).
            try await world.expect(.created, .POST, "/v1/sites/site-school-1/contacts", as: "hub",
                                   ["channel": "sms", "address": "912 34 567", "language": "en"])
            let plan = try await world.planToday()
            let routes = try #require(plan["routes"] as? [[String: Any]])
            for (route, driver) in zip(routes, ["driver", "otherDriver"]) {
                try await world.expect(.ok, .POST, "/v1/routes/\(route["id"] as? String ?? "")/dispatch", as: "hub", ["driverId": world.accounts[driver]!])
            }

            // One e-mail per contact and window, one text message; nothing more comes after.
            try await Self.wait { sink.messages().count >= 2 && gateway.messages(to: "sms").count >= 1 }
            try await Task.sleep(for: .seconds(1))
            let mails = sink.messages()
            #expect(mails.count == 2, "\(mails.count) e-mails")
            #expect(gateway.messages(to: "sms").count == 1)
            let school = try #require(mails.first { ReceivedMail.header("To", of: $0)?.contains("rektor@oksenoya.example.no") == true })
            #expect(mails.contains { ReceivedMail.header("To", of: $0)?.contains("butikk@fornebu-s.example.no") == true })
            let text = ReceivedMail.decodedText(school)
            #expect(text.contains("4 pakker til Oksenøya skole kommer med Hub A"), "\(text)")
            #expect(ReceivedMail.header("List-Unsubscribe-Post", of: school) == "List-Unsubscribe=One-Click")
            for carrier in ["Carrier-A", "Carrier-B", "Carrier-C", "A-901", "B-901", "C-901"] { #expect(!text.contains(carrier), "the notice names \(carrier)") }

            let sms = try #require(gateway.messages(to: "sms").first?.json)
            #expect(sms["to"] as? String == "+4791234567" && sms["from"] as? String == "HubA")
            let smsText = try #require(sms["text"] as? String)
            #expect(smsText.hasPrefix("Hub A: 4 parcels for Oksenøya skole"), "\(smsText)")

            // The hub sees that the school was told, on both channels, once.
            let notices = try await world.expect(.ok, .GET, "/v1/sites/site-school-1/notices", as: "hub").array
            #expect(notices.count == 2 && notices.allSatisfy { $0["state"] as? String == "sent" && $0["attempts"] as? Int == 1 }, "\(notices)")
            #expect(Set(notices.compactMap { $0["channel"] as? String }) == ["email", "sms"])
            try await world.expect(.notFound, .GET, "/v1/sites/site-school-1/notices", as: "carrierA")

            // The tracking link: status, window and hub; nothing of carriers or other recipients.
            let token = try #require(Self.token(after: "/t/", in: text))
            #expect(Self.token(after: "/t/", in: smsText) == token, "one link per delivery, on every channel")
            let tracking = try await world.expect(.ok, .GET, "/v1/tracking/\(token)", as: nil)
            #expect(tracking.object["status"] as? String == "on-the-way")
            #expect(tracking.object["parcelCount"] as? Int == 4)
            #expect(tracking.object["hubName"] as? String == "Hub A")
            let page = try await platform.call(.GET, "/t/\(token)?lang=nb", token: nil)
            #expect(page.status == .ok && page.text.contains("På vei") && page.text.contains("Hub A"), "\(page.text)")
            for hidden in ["Carrier", "carrier-", "A-901", "B-901", "C-901", "B-801", "Fornebu S", "rektor@", "9123"] {
                #expect(!page.text.contains(hidden) && !tracking.text.contains(hidden), "the tracking page shows \(hidden)")
            }

            // Bad links: not a token, an unknown one, and after the delivery an expired one.
            try await world.expect(.notFound, .GET, "/v1/tracking/garbage", as: nil)
            try await world.expect(.notFound, .GET, "/v1/tracking/\(String(repeating: "x", count: 27))", as: nil)
            #expect(try await platform.call(.GET, "/t/garbage", token: nil).status == .notFound)
            for route in routes {
                for (index, stop) in (route["stops"] as? [[String: Any]] ?? []).enumerated() where stop["siteId"] as? String == "site-school-1" {
                    try await world.expect(.created, .POST, "/v1/routes/\(route["id"] as? String ?? "")/stops/\(index)/completion", as: "hub",
                                           ["eventId": "done-\(index)-\(route["id"] as? String ?? "")", "outcome": "delivered", "time": World.now,
                                            "receiverName": "Vaktmester"])
                }
            }
            let expired = try await world.expect(.gone, .GET, "/v1/tracking/\(token)", as: nil)
            #expect(expired.object["type"] as? String == "urn:samlast:problem:gone")
            #expect((expired.object["detail"] as? String)?.contains("expired") == true, "\(expired.text)")

            // Opt-out: the link asks, the button (RFC 8058's POST) opts out, again says so.
            let optOut = try #require(Self.token(after: "/u/", in: smsText))
            let ask = try await platform.call(.GET, "/u/\(optOut)?lang=en", token: nil)
            #expect(ask.status == .ok && ask.text.contains("method=\"post\""))
            let done = try await platform.call(.POST, "/u/\(optOut)?lang=en", token: nil, raw: "List-Unsubscribe=One-Click",
                                               contentType: "application/x-www-form-urlencoded")
            #expect(done.status == .ok && done.text.contains("You have opted out"), "\(done.text)")
            let again = try await platform.call(.POST, "/u/\(optOut)?lang=en", token: nil, raw: "", contentType: "application/x-www-form-urlencoded")
            #expect(again.text.contains("You had opted out before"))
            let contacts = try await world.expect(.ok, .GET, "/v1/sites/site-school-1/contacts", as: "hubViewer").array
            #expect(contacts.first { $0["channel"] as? String == "sms" }?["optedOutAt"] as? String != nil, "\(contacts)")
            #expect(contacts.first { $0["channel"] as? String == "email" }?["optedOutAt"] == nil)
            #expect(try await platform.call(.POST, "/u/\(String(repeating: "y", count: 27))", token: nil, raw: "",
                                            contentType: "application/x-www-form-urlencoded").status == .notFound)
            #expect(try await platform.call(.GET, "/u/\(String(repeating: "y", count: 27))", token: nil).status == .notFound)
        }
    }

    static func token(after prefix: String, in text: String) -> String? {
        guard let range = text.range(of: publicURL + prefix) else { return nil }
        return String(text[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
    }

    static func wait(seconds: Double = 20, until condition: () -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestSetupError("not there in \(seconds) s")
    }
}
