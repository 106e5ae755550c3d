import Domain
import Testing

/// The directory's rules as a table: each kind of principal against organisations, accounts,
/// tokens and registration.
@Suite struct DirectoryRulesTests {
    static func principal(_ kind: Organisation.Kind, _ role: Role, organisation: String = "org", account: String = "acc") -> Principal {
        Principal(organisation: Organisation(id: organisation, name: organisation, kind: kind), role: role, accountId: account)
    }

    @Test func listsAreTheOrganisationsOwnButForPlatformAdmins() {
        let platformAdmin = Self.principal(.platform, .admin, organisation: "platform")
        let carrierAdmin = Self.principal(.carrier, .admin)
        let carrierWriter = Self.principal(.carrier, .writer)
        #expect(DirectoryRules.organisations(platformAdmin) == .all)
        #expect(DirectoryRules.organisations(carrierWriter) == .organisation("org"))
        #expect(DirectoryRules.accounts(platformAdmin) == .all)
        #expect(DirectoryRules.accounts(carrierAdmin) == .organisation("org"))
        #expect(DirectoryRules.tokens(carrierAdmin) == .organisation("org"))
        for role in [Role.writer, .viewer, .driver] {
            #expect(DirectoryRules.accounts(Self.principal(.hubOperator, role)) == .refused("only admins list accounts"))
            #expect(DirectoryRules.tokens(Self.principal(.hubOperator, role)) == .refused("only admins list API tokens"))
        }
        // A platform account that is no admin is an organisation like any other.
        #expect(DirectoryRules.accounts(Self.principal(.platform, .viewer, organisation: "platform")) == .refused("only admins list accounts"))
    }

    @Test func onlyAdminsAdministerAndOnlyTheirOwnOrganisation() {
        #expect(DirectoryRules.administers(Self.principal(.carrier, .admin), organisation: "org"))
        #expect(!DirectoryRules.administers(Self.principal(.carrier, .admin), organisation: "other"))
        #expect(!DirectoryRules.administers(Self.principal(.carrier, .writer), organisation: "org"))
        #expect(DirectoryRules.administers(Self.principal(.platform, .admin, organisation: "platform"), organisation: "other"))
    }

    @Test func aTokenIsRevokedByItsOwnerOrTheOrganisationsAdmin() {
        let writer = Self.principal(.carrier, .writer, account: "me")
        #expect(DirectoryRules.revokes(writer, tokenOf: "me", in: "org"))
        #expect(!DirectoryRules.revokes(writer, tokenOf: "colleague", in: "org"))
        #expect(DirectoryRules.revokes(Self.principal(.carrier, .admin), tokenOf: "colleague", in: "org"))
        #expect(!DirectoryRules.revokes(Self.principal(.carrier, .admin), tokenOf: "stranger", in: "other"))
    }

    @Test func onlyPlatformAdminsRegisterPartiesAndHubs() {
        for kind in Organisation.Kind.allCases {
            for role in Role.allCases {
                #expect(DirectoryRules.registersParties(Self.principal(kind, role)) == (kind == .platform && role == .admin))
            }
        }
    }
}
