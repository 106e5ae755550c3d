/// Who may see and change the directory: organisations, accounts and API tokens, and who
/// registers what the platform is made of (organisations, hubs).
public enum DirectoryRules {
    /// Whose records a list shows.
    public enum Scope: Sendable, Equatable {
        case all
        case organisation(String)
        /// Not a list this principal may ask for, with the reason to give.
        case refused(String)
    }

    /// Organisations: every one for platform admins, else the principal's own.
    public static func organisations(_ principal: Principal) -> Scope {
        principal.isPlatformAdmin ? .all : .organisation(principal.organisation.id)
    }

    /// Accounts: an organisation's admins see its accounts; platform admins all.
    public static func accounts(_ principal: Principal) -> Scope {
        adminScope(principal, refusal: "only admins list accounts")
    }

    /// API tokens (never their secrets): as accounts.
    public static func tokens(_ principal: Principal) -> Scope {
        adminScope(principal, refusal: "only admins list API tokens")
    }

    private static func adminScope(_ principal: Principal, refusal: String) -> Scope {
        guard principal.role == .admin else { return .refused(refusal) }
        return principal.isPlatformAdmin ? .all : .organisation(principal.organisation.id)
    }

    /// Whether the principal creates accounts in `organisationId` and issues tokens for them:
    /// its admins, and platform admins.
    public static func administers(_ principal: Principal, organisation organisationId: String) -> Bool {
        principal.role == .admin && (principal.isPlatformAdmin || principal.organisation.id == organisationId)
    }

    /// Whether the principal revokes a token of `accountId` in `organisationId`: its own, or as
    /// an admin of that organisation.
    public static func revokes(_ principal: Principal, tokenOf accountId: String, in organisationId: String) -> Bool {
        accountId == principal.accountId || administers(principal, organisation: organisationId)
    }

    /// Whether the principal registers organisations and hubs: platform admins only.
    public static func registersParties(_ principal: Principal) -> Bool { principal.isPlatformAdmin }
}
