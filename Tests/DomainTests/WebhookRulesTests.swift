import Foundation
import Testing
@testable import Domain

/// Standard Webhooks signatures, the SSRF rule for targets, the retry schedule, and who
/// manages subscriptions and receives which parcels.
@Suite struct WebhookRulesTests {
    /// The worked example of the Standard Webhooks specification (its `webhook-signature` for
    /// this secret, id, timestamp and body).
    static let specificationSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    static let specificationBody = Data(#"{"test": 2432232314}"#.utf8)

    @Test func signaturesAreTheSpecificationsExample() throws {
        let signer = try #require(WebhookSignature(secret: Self.specificationSecret))
        #expect(signer.signature(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: Self.specificationBody)
            == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    @Test func aReceiverRefusesForgedTamperedAndReplayedMessages() throws {
        let signer = try #require(WebhookSignature(secret: Self.specificationSecret))
        let now = Date(timeIntervalSince1970: 1_614_265_330)
        let good = signer.signature(id: "msg_1", timestamp: 1_614_265_330, body: Self.specificationBody)
        #expect(signer.refusal(id: "msg_1", timestamp: "1614265330", signatures: good, body: Self.specificationBody, now: now) == nil)
        // Several signatures (a secret being rotated): one that matches is enough.
        #expect(signer.refusal(id: "msg_1", timestamp: "1614265330", signatures: "v1,AAAA \(good)", body: Self.specificationBody, now: now) == nil)
        let forged = try #require(WebhookSignature(secret: WebhookSignature.newSecret())).signature(id: "msg_1", timestamp: 1_614_265_330, body: Self.specificationBody)
        #expect(signer.refusal(id: "msg_1", timestamp: "1614265330", signatures: forged, body: Self.specificationBody, now: now)?
            .contains("no v1 signature") == true)
        #expect(signer.refusal(id: "msg_1", timestamp: "1614265330", signatures: good, body: Data(#"{"test": 1}"#.utf8), now: now) != nil)
        #expect(signer.refusal(id: "msg_2", timestamp: "1614265330", signatures: good, body: Self.specificationBody, now: now) != nil)
        #expect(signer.refusal(id: "msg_1", timestamp: "1614265330", signatures: good, body: Self.specificationBody,
                               now: now.addingTimeInterval(301))?.contains("replayed") == true)
        #expect(signer.refusal(id: "msg_1", timestamp: "yesterday", signatures: good, body: Self.specificationBody, now: now)?
            .contains("webhook-timestamp") == true)
        #expect(WebhookSignature(secret: "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") == nil)
        #expect(WebhookSignature(secret: "whsec_c2hvcnQ=") == nil, "a secret of 5 bytes is refused")
    }

    @Test func newSecretsAreRandomAndUsable() throws {
        let secrets = Set((0..<20).map { _ in WebhookSignature.newSecret() })
        #expect(secrets.count == 20)
        for secret in secrets { #expect(WebhookSignature(secret: secret) != nil && secret.hasPrefix("whsec_")) }
    }

    @Test(arguments: [
        "https://hooks.example.org/samlast", "http://203.0.113.9.nip.io/x", "https://8.8.8.8/hook", "https://[2001:4860:4860::8888]/hook",
        "HTTPS://Example.COM:8443/path?q=1",
    ])
    func publicTargetsAreAllowed(_ url: String) {
        #expect((try? WebhookTarget.check(url, allowPrivate: false).get()) != nil, "\(url)")
    }

    @Test(arguments: [
        ("http://127.0.0.1:9000/hook", "loopback"), ("https://10.1.2.3/hook", "private"), ("https://10.0.0.0/", "private"),
        ("https://172.16.0.1/", "private"), ("https://172.31.255.255/", "private"), ("https://192.168.1.10/", "private"),
        ("http://169.254.169.254/latest/meta-data", "link-local"), ("https://100.64.0.1/", "carrier-grade NAT"), ("https://0.0.0.0/", "this network"),
        ("https://224.0.0.1/", "multicast"), ("https://[::1]/hook", "loopback"), ("https://[fd00::1]/", "unique local"),
        ("https://[fe80::1%25eth0]/", "link-local"), ("https://[::ffff:127.0.0.1]/", "loopback"), ("https://[::ffff:10.0.0.1]/", "private"),
        ("http://localhost:8080/", "local name"), ("http://api.localhost/", "local name"), ("https://metadata.google.internal/", "local name"),
        ("ftp://example.org/", "http or https"), ("example.org/hook", "http or https"), ("https://user:pw@example.org/", "user name"),
        ("https:///path", "no host"), ("https://[::1/", "unclosed"),
    ])
    func privateAndMalformedTargetsAreRefused(_ url: String, _ reason: String) {
        switch WebhookTarget.check(url, allowPrivate: false) {
        case .success(let host): Issue.record("\(url) was allowed (host \(host))")
        case .failure(let refused): #expect(refused.reason.contains(reason), "\(url): \(refused.reason)")
        }
    }

    @Test func anOperatorMayAllowPrivateTargetsButNotOtherSchemes() {
        #expect((try? WebhookTarget.check("http://127.0.0.1:9000/hook", allowPrivate: true).get()) == "127.0.0.1")
        #expect((try? WebhookTarget.check("https://[::1]:9000/hook", allowPrivate: true).get()) == "::1")
        #expect((try? WebhookTarget.check("file:///etc/passwd", allowPrivate: true).get()) == nil)
    }

    @Test func theAddressesANameResolvesToAreJudgedAlike() {
        #expect(WebhookTarget.refusal(ofAddress: "93.184.215.14") == nil)
        #expect(WebhookTarget.refusal(ofAddress: "2606:2800:21f:cb07:6820:80da:af6b:8b2c") == nil)
        #expect(WebhookTarget.refusal(ofAddress: "127.0.0.53")?.contains("loopback") == true)
        #expect(WebhookTarget.refusal(ofAddress: "::") != nil)
        #expect(WebhookTarget.isNumericAddress("10.0.0.1") && WebhookTarget.isNumericAddress("::1") && !WebhookTarget.isNumericAddress("example.org"))
    }

    @Test func retriesBackOffExponentiallyWithJitterThenDie() throws {
        let schedule = DeliverySchedule(base: 5, cap: 3600, maximumAttempts: 30)
        for attempt in 1..<30 {
            let full = min(3600, 5 * pow(2, Double(attempt - 1)))
            let low = try #require(schedule.delay(afterAttempt: attempt, random: 0))
            let high = try #require(schedule.delay(afterAttempt: attempt, random: 1))
            #expect(low == full / 2 && high == full, "attempt \(attempt)")
        }
        #expect(schedule.delay(afterAttempt: 30, random: 0.5) == nil)
        #expect(DeliverySchedule(maximumAttempts: 1).delay(afterAttempt: 1, random: 0.5) == nil)
    }

    static func principal(_ kind: Organisation.Kind, _ role: Role, organisation: String = "org") -> Principal {
        Principal(organisation: Organisation(id: organisation, name: organisation, kind: kind), role: role, accountId: "acc")
    }

    @Test func organisationsManageTheirOwnSubscriptionsOnly() {
        #expect(WebhookRules.access(Self.principal(.carrier, .writer), toSubscriptionsOf: "org", write: true) == .granted)
        #expect(WebhookRules.access(Self.principal(.carrier, .admin), toSubscriptionsOf: "org", write: true) == .granted)
        #expect(WebhookRules.access(Self.principal(.carrier, .viewer), toSubscriptionsOf: "org", write: false) == .granted)
        #expect(WebhookRules.access(Self.principal(.carrier, .viewer), toSubscriptionsOf: "org", write: true)
            == .refused("a viewer may read the organisation's webhooks, not change them"))
        #expect(WebhookRules.access(Self.principal(.carrier, .writer), toSubscriptionsOf: "other", write: false) == .stranger)
        #expect(WebhookRules.access(Self.principal(.hubOperator, .driver), toSubscriptionsOf: "org", write: false) == .refused("drivers have no webhook subscriptions"))
        if case .refused = WebhookRules.access(Self.principal(.municipality, .admin), toSubscriptionsOf: "org", write: false) {} else {
            Issue.record("a municipality sees no single parcel, so it subscribes to none")
        }
        #expect(WebhookRules.access(Self.principal(.platform, .admin), toSubscriptionsOf: "anyone", write: true) == .granted)
    }

    @Test func aSubscriptionReceivesWhatItsOrganisationSees() {
        let parcel = Parcel(id: "P-1", shipmentId: "s", carrierId: "carrier-a", shipperId: "shipper-s", recipientId: "school-1", hubId: "hub-a", weightKg: 1)
        let facts = ParcelScope.Facts(parcel: parcel, hubOperatorId: "hubco")
        let receives: [(Organisation, Bool)] = [
            (Organisation(id: "carrier-a", name: "", kind: .carrier), true), (Organisation(id: "carrier-b", name: "", kind: .carrier), false),
            (Organisation(id: "shipper-s", name: "", kind: .shipper), true), (Organisation(id: "school-1", name: "", kind: .recipient), true),
            (Organisation(id: "shop-2", name: "", kind: .recipient), false), (Organisation(id: "hubco", name: "", kind: .hubOperator), true),
            (Organisation(id: "otherhub", name: "", kind: .hubOperator), false), (Organisation(id: "baerum", name: "", kind: .municipality), false),
            (Organisation(id: "platform", name: "", kind: .platform), true),
        ]
        for (organisation, expected) in receives {
            #expect(WebhookRules.scope(ofSubscriber: organisation).admits(facts) == expected, "\(organisation.id)")
        }
    }

    @Test func everyStoredEventTypeHasAWebhookType() {
        for type in ["announced", "arrived-at-hub", "sorted", "loaded", "out-for-delivery", "delivered", "failed", "returned"] {
            #expect(WebhookEventType(eventType: type)?.rawValue == "parcel.\(type)")
        }
        #expect(WebhookEventType(eventType: "teleported") == nil)
    }
}
