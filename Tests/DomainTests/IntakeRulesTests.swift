import Domain
import Testing

/// Announcing and registering sites, as a table of principals.
@Suite struct IntakeRulesTests {
    static func principal(_ kind: Organisation.Kind, _ role: Role, organisation: String = "org") -> Principal {
        Principal(organisation: Organisation(id: organisation, name: organisation, kind: kind), role: role, accountId: "acc")
    }

    @Test func carriersAndShippersAnnounceTheirOwn() throws {
        let carrier = try IntakeRules.parties(announcedBy: Self.principal(.carrier, .writer), carrierId: nil, shipperId: "s").get()
        #expect(carrier.carrierId == "org" && carrier.shipperId == "s")
        let shipper = try IntakeRules.parties(announcedBy: Self.principal(.shipper, .admin), carrierId: "c", shipperId: nil).get()
        #expect(shipper.carrierId == "c" && shipper.shipperId == "org")
        let admin = try IntakeRules.parties(announcedBy: Self.principal(.platform, .admin, organisation: "platform"), carrierId: "c", shipperId: nil).get()
        #expect(admin.carrierId == "c" && admin.shipperId == nil)
        #expect(throws: IntakeRules.Refusal(field: "carrierId", reason: "a carrier announces only its own shipments")) {
            try IntakeRules.parties(announcedBy: Self.principal(.carrier, .writer), carrierId: "other", shipperId: nil).get()
        }
        #expect(throws: IntakeRules.Refusal(field: "shipperId", reason: "a shipper announces only its own shipments")) {
            try IntakeRules.parties(announcedBy: Self.principal(.shipper, .writer), carrierId: nil, shipperId: "other").get()
        }
    }

    @Test func nobodyElseAnnounces() {
        for (kind, role) in [(Organisation.Kind.carrier, Role.viewer), (.shipper, .driver), (.hubOperator, .writer), (.recipient, .admin),
                             (.municipality, .admin), (.platform, .viewer)] {
            #expect(IntakeRules.announces(Self.principal(kind, role)) != nil, "\(kind) \(role)")
        }
    }

    @Test func recipientsRegisterTheirOwnSites() throws {
        #expect(try IntakeRules.siteOwner(registeredBy: Self.principal(.recipient, .writer), recipientId: nil).get() == "org")
        #expect(try IntakeRules.siteOwner(registeredBy: Self.principal(.platform, .admin, organisation: "platform"), recipientId: "school").get() == "school")
        #expect(throws: IntakeRules.Refusal(field: "recipientId", reason: "a recipient registers only its own sites")) {
            try IntakeRules.siteOwner(registeredBy: Self.principal(.recipient, .writer), recipientId: "other").get()
        }
        #expect(throws: IntakeRules.Refusal.self) { try IntakeRules.siteOwner(registeredBy: Self.principal(.carrier, .admin), recipientId: nil).get() }
        #expect(throws: IntakeRules.Refusal.self) { try IntakeRules.siteOwner(registeredBy: Self.principal(.recipient, .viewer), recipientId: nil).get() }
    }

    @Test func municipalitiesGetNoFiguresOfFewerThanThreeCarriers() {
        #expect(HubRules.withholdsFigures(from: Self.principal(.municipality, .viewer), carriers: 2))
        #expect(!HubRules.withholdsFigures(from: Self.principal(.municipality, .viewer), carriers: 3))
        #expect(!HubRules.withholdsFigures(from: Self.principal(.hubOperator, .viewer), carriers: 1))
    }

    /// A week of three carriers with one day of a single carrier is withheld too: its total
    /// minus the other days shown would be that day.
    @Test func aSumOverDaysIsWithheldWhenAnyOfItsDaysWouldBe() {
        let municipality = Self.principal(.municipality, .viewer)
        #expect(HubRules.withholdsFigures(from: municipality, carriersPerDay: [3, 4, 1, 3]))
        #expect(!HubRules.withholdsFigures(from: municipality, carriersPerDay: [3, 4, 5]))
        #expect(!HubRules.withholdsFigures(from: municipality, carriersPerDay: []))
        #expect(!HubRules.withholdsFigures(from: Self.principal(.hubOperator, .writer), carriersPerDay: [1]))
    }
}
