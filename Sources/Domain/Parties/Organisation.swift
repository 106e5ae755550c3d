/// A party on the platform. Every piece of data belongs to organisations, and every request
/// acts for one.
public struct Organisation: Sendable, Hashable, Codable, Identifiable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Runs the platform.
        case platform
        /// A municipality: sees aggregated figures for its area, never one carrier's details.
        case municipality
        /// Operates a consolidation hub (samleterminal).
        case hubOperator = "hub-operator"
        /// A transport company (transportør).
        case carrier
        /// A supplier or web shop sending goods (leverandør).
        case shipper
        /// A school, nursing home, shop… receiving goods (mottaker).
        case recipient
    }

    public var id: String
    public var name: String
    public var kind: Kind

    public init(id: String, name: String, kind: Kind) {
        self.id = id
        self.name = name
        self.kind = kind
    }
}

/// What a person or system may do for its organisation.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    /// Full access, for the platform operator.
    case admin
    /// Reads the organisation's data (municipality analysts, carrier dispatchers, recipients).
    case viewer
    /// Writes the organisation's data: announces shipments, posts events (carrier and shipper systems, hub staff).
    case writer
    /// Drives a route: sees its manifest and records deliveries on it.
    case driver
}

/// Who is asking: an organisation and a role, and the account (which routes are dispatched to).
public struct Principal: Sendable, Hashable {
    public var organisation: Organisation
    public var role: Role
    /// The account acting; drivers see the routes dispatched to it.
    public var accountId: String?

    public init(organisation: Organisation, role: Role, accountId: String? = nil) {
        self.organisation = organisation
        self.role = role
        self.accountId = accountId
    }
}

extension Organisation {
    /// Its name, or its id when it has none: what pages show.
    public var displayName: String { name.isEmpty ? id : name }
}
