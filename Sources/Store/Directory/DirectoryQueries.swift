import Domain
import Foundation
import SQLKit

/// Organisations, accounts, API tokens, hubs with their fleets, and recipients' sites.
extension Store {
    // MARK: Organisations

    public func organisations() async throws -> [Organisation] {
        try await rows("SELECT id, name, kind FROM organisations ORDER BY id")
    }

    public func organisation(_ id: String) async throws -> Organisation? {
        try await row("SELECT id, name, kind FROM organisations WHERE id = \(bind: id)")
    }

    public func isEmpty() async throws -> Bool {
        try await count("SELECT COUNT(*) AS n FROM organisations") == 0
    }

    public func insert(_ organisation: Organisation) async throws {
        try await insert("""
            INSERT INTO organisations (id, name, kind, created_at)
            VALUES (\(bind: organisation.id), \(bind: organisation.name), \(bind: organisation.kind.rawValue), \(bind: Date().epochMilliseconds))
            """, existing: "organisation '\(organisation.id)'")
    }

    // MARK: Accounts

    /// The accounts of `organisationId`, or every account when nil.
    public func accounts(of organisationId: String?) async throws -> [AccountRecord] {
        let scope: SQLQueryString = organisationId.map { "organisation_id = \(bind: $0)" } ?? "1 = 1"
        return try await rows("SELECT id, organisation_id, name, role, email FROM accounts WHERE \(scope) ORDER BY id")
    }

    public func account(_ id: String) async throws -> AccountRecord? {
        try await row("SELECT id, organisation_id, name, role, email FROM accounts WHERE id = \(bind: id)")
    }

    /// The drivers of a hub operator, by name.
    public func drivers(of operatorId: String) async throws -> [AccountRecord] {
        try await rows("""
            SELECT id, organisation_id, name, role, email FROM accounts WHERE organisation_id = \(bind: operatorId) AND role = 'driver' ORDER BY name
            """)
    }

    /// `what` names the account in the duplicate error.
    public func insert(_ account: AccountRecord, passwordHash: String?, existing what: String) async throws {
        try await insert("""
            INSERT INTO accounts (id, organisation_id, name, role, email, password_hash, created_at)
            VALUES (\(bind: account.id), \(bind: account.organisationId), \(bind: account.name), \(bind: account.role.rawValue),
                    \(bind: account.email), \(bind: passwordHash), \(bind: Date().epochMilliseconds))
            """, existing: what)
    }

    /// Whether an account has this (case-folded) e-mail address in any case.
    public func emailTaken(_ email: String) async throws -> Bool {
        try await count("SELECT COUNT(*) AS n FROM accounts WHERE lower(email) = \(bind: email)") > 0
    }

    /// The account with this (case-folded) e-mail and its password hash, for the log-in.
    public func credentials(email: String) async throws -> (accountId: String, passwordHash: String?)? {
        struct Row: Decodable { var id: String; var passwordHash: String? }
        let found: Row? = try await row("SELECT id, password_hash FROM accounts WHERE email = \(bind: email)")
        return found.map { ($0.id, $0.passwordHash) }
    }

    public func setPasswordHash(_ hash: String, account: String) async throws {
        try await run("UPDATE accounts SET password_hash = \(bind: hash) WHERE id = \(bind: account)")
    }

    // MARK: API tokens

    /// The tokens of `organisationId`'s accounts, or every token when nil.
    public func tokens(of organisationId: String?) async throws -> [TokenRecord] {
        let scope: SQLQueryString = organisationId.map { "a.organisation_id = \(bind: $0)" } ?? "1 = 1"
        return try await rows("""
            SELECT t.id, t.account_id, t.name, t.created_at, t.revoked_at FROM api_tokens t JOIN accounts a ON a.id = t.account_id
            WHERE \(scope) ORDER BY t.created_at, t.id
            """)
    }

    public func insertToken(id: String, accountId: String, name: String, secretHash: String, at time: Date) async throws {
        try await run("""
            INSERT INTO api_tokens (id, account_id, name, token_hash, created_at)
            VALUES (\(bind: id), \(bind: accountId), \(bind: name), \(bind: secretHash), \(bind: time.epochMilliseconds))
            """)
    }

    /// The account a token belongs to.
    public func tokenOwner(_ tokenId: String) async throws -> AccountRecord? {
        try await row("""
            SELECT a.id, a.organisation_id, a.name, a.role, a.email FROM api_tokens t JOIN accounts a ON a.id = t.account_id WHERE t.id = \(bind: tokenId)
            """)
    }

    public func revokeToken(_ tokenId: String, at time: Date) async throws {
        try await run("UPDATE api_tokens SET revoked_at = \(bind: time.epochMilliseconds) WHERE id = \(bind: tokenId) AND revoked_at IS NULL")
    }

    // MARK: Hubs and fleets

    /// Which hubs a list holds.
    public enum Hubs: Sendable {
        case all
        case operatedBy(String)
        case inMunicipality(String)
    }

    public func hubs(_ selection: Hubs = .all) async throws -> [HubRecord] {
        switch selection {
        case .all: try await rows("SELECT * FROM hubs ORDER BY id")
        case .operatedBy(let operatorId): try await rows("SELECT * FROM hubs WHERE operator_id = \(bind: operatorId) ORDER BY id")
        case .inMunicipality(let municipality): try await rows("SELECT * FROM hubs WHERE municipality_id = \(bind: municipality) ORDER BY id")
        }
    }

    public func hub(_ id: String) async throws -> HubRecord? {
        try await row("SELECT * FROM hubs WHERE id = \(bind: id)")
    }

    public func insert(_ hub: HubRecord) async throws {
        try await insert("""
            INSERT INTO hubs (id, name, operator_id, municipality_id, longitude, latitude, time_zone, opens, closes, energy_per_parcel_kwh)
            VALUES (\(bind: hub.id), \(bind: hub.name), \(bind: hub.operatorId), \(bind: hub.municipalityId), \(bind: hub.longitude),
                    \(bind: hub.latitude), \(bind: hub.timeZone), \(bind: hub.opens), \(bind: hub.closes), \(bind: hub.energyPerParcelKwh))
            """, existing: "hub '\(hub.id)'")
    }

    public func fleet(of hubId: String) async throws -> [VehicleRecord] {
        try await rows("SELECT * FROM vehicles WHERE hub_id = \(bind: hubId) ORDER BY id")
    }

    public func insert(_ vehicle: VehicleRecord) async throws {
        try await insert("""
            INSERT INTO vehicles (id, hub_id, type, capacity_kg, capacity_parcels, temperatures, range_km, registration)
            VALUES (\(bind: vehicle.id), \(bind: vehicle.hubId), \(bind: vehicle.type), \(bind: vehicle.capacityKg), \(bind: vehicle.capacityParcels),
                    \(bind: vehicle.temperatures), \(bind: vehicle.rangeKm), \(bind: vehicle.registration))
            """, existing: "vehicle '\(vehicle.id)'")
    }

    // MARK: Sites

    public func sites() async throws -> [SiteRecord] {
        try await rows("SELECT * FROM sites ORDER BY id")
    }

    public func sites(_ ids: [String]) async throws -> [SiteRecord] {
        ids.isEmpty ? [] : try await rows("SELECT * FROM sites WHERE id IN (\(binds: ids)) ORDER BY id")
    }

    public func site(_ id: String) async throws -> SiteRecord? {
        try await row("SELECT * FROM sites WHERE id = \(bind: id)")
    }

    public func insert(_ site: SiteRecord) async throws {
        try await insert("""
            INSERT INTO sites (id, recipient_id, name, address, longitude, latitude, time_windows, access_notes, service_seconds)
            VALUES (\(bind: site.id), \(bind: site.recipientId), \(bind: site.name), \(bind: site.address), \(bind: site.longitude),
                    \(bind: site.latitude), \(bind: site.timeWindows), \(bind: site.accessNotes), \(bind: site.serviceSeconds))
            """, existing: "site '\(site.id)'")
    }
}
