import Domain
import Foundation
import Store
import Vapor

/// Organisations, their accounts and API tokens, and who the caller is.
struct OrganisationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("me", use: me)
        routes.get("organisations", use: listOrganisations)
        routes.post("organisations", use: createOrganisation)
        routes.get("accounts", use: listAccounts)
        routes.post("accounts", use: createAccount)
        routes.get("tokens", use: listTokens)
        routes.post("tokens", use: createToken)
        routes.delete("tokens", ":tokenId", use: revokeToken)
    }

    struct OrganisationBody: Content {
        var id: String
        var name: String
        var kind: Organisation.Kind
    }

    struct MeBody: Content {
        var accountId: String
        var name: String
        var role: Role
        var organisation: OrganisationBody
    }

    /// The organisation a directory list is limited to (nil: all), or 403.
    private static func organisation(of scope: DirectoryRules.Scope) throws -> String? {
        switch scope {
        case .all: return nil
        case .organisation(let id): return id
        case .refused(let reason): throw Problem.forbidden(reason)
        }
    }

    func me(_ request: Request) async throws -> MeBody {
        let caller = try request.requireCaller()
        return MeBody(accountId: caller.accountId, name: caller.accountName, role: caller.role,
                      organisation: OrganisationBody(id: caller.organisation.id, name: caller.organisation.name, kind: caller.organisation.kind))
    }

    func listOrganisations(_ request: Request) async throws -> [OrganisationBody] {
        let caller = try request.requireCaller()
        let store = Store(request.db)
        let organisations: [Organisation]
        if let id = try Self.organisation(of: DirectoryRules.organisations(caller.principal)) {
            organisations = try await store.organisation(id).map { [$0] } ?? []
        } else {
            organisations = try await store.organisations()
        }
        return organisations.map { OrganisationBody(id: $0.id, name: $0.name, kind: $0.kind) }
    }

    func createOrganisation(_ request: Request) async throws -> Response {
        let caller = try request.requireCaller()
        guard DirectoryRules.registersParties(caller.principal) else { throw Problem.forbidden("only platform admins register organisations") }
        let body = try request.decodeJSON(OrganisationBody.self)
        try Wire.identifier(body.id, field: "$.id")
        guard !body.name.trimmingCharacters(in: .whitespaces).isEmpty else { throw Problem.badRequest("$.name: must not be empty") }
        try await Store(request.db).insert(Organisation(id: body.id, name: body.name, kind: body.kind))
        return try await body.encodeResponse(status: .created, for: request)
    }

    struct AccountBody: Content {
        var id: String?
        var organisationId: String?
        var name: String
        var role: Role
        var email: String?
        /// Write-only: at least 12 characters; never returned.
        var password: String?
    }

    struct AccountView: Content {
        var id: String
        var organisationId: String
        var name: String
        var role: Role
        var email: String?

        init(_ account: AccountRecord) {
            (id, organisationId, name, role, email) = (account.id, account.organisationId, account.name, account.role, account.email)
        }
    }

    func listAccounts(_ request: Request) async throws -> [AccountView] {
        let caller = try request.requireCaller()
        let organisation = try Self.organisation(of: DirectoryRules.accounts(caller.principal))
        return try await Store(request.db).accounts(of: organisation).map(AccountView.init)
    }

    func createAccount(_ request: Request) async throws -> Response {
        let caller = try request.requireCaller()
        let body = try request.decodeJSON(AccountBody.self)
        let organisationId = body.organisationId ?? caller.organisation.id
        guard DirectoryRules.administers(caller.principal, organisation: organisationId) else {
            throw Problem.forbidden("only an admin of organisation '\(organisationId)' (or a platform admin) creates its accounts")
        }
        let store = Store(request.db)
        guard let kind = try await store.organisation(organisationId)?.kind else {
            throw Problem.unprocessable("$.organisationId: organisation '\(organisationId)' does not exist")
        }
        if body.role == .driver && kind != .hubOperator {
            throw Problem.unprocessable("$.role: drivers belong to a hub-operator organisation")
        }
        let name = try Wire.text(body.name, field: "$.name", limit: TextPolicy.limit(for: "name"))
        guard name.contains(where: { !$0.isWhitespace }) else { throw Problem.badRequest("$.name: must not be empty") }
        // E-mail addresses are case-folded, so `Upper.Case@…` and `upper.case@…` are one account.
        let email: String?
        do { email = try body.email.map(TextPolicy.email) } catch { throw Problem.badRequest("$.email: '\(body.email ?? "")' \(error)") }
        if let password = body.password {
            guard let email else { throw Problem.badRequest("$.email: required to log in with the password") }
            do { try PasswordPolicy.check(password, email: email, name: name) } catch { throw Problem.badRequest("$.password: \(error)") }
        }
        if let email, try await store.emailTaken(email) {
            throw Problem.conflict("$.email: an account with e-mail '\(email)' already exists")
        }
        let id = body.id ?? Secrets.identifier("acc")
        try Wire.identifier(id, field: "$.id")
        let passwords = request.application.platform.passwords
        let hash = try await body.password.asyncMap { try await passwords.hash($0) }
        let account = AccountRecord(id: id, organisationId: organisationId, name: name, role: body.role, email: email)
        let view = AccountView(account)
        try await store.insert(account, passwordHash: hash,
                               existing: "an account with id '\(id)' or e-mail '\(email ?? "")'")
        return try await view.encodeResponse(status: .created, for: request)
    }

    // MARK: API tokens

    struct TokenRequest: Content {
        var accountId: String
        var name: String
    }

    struct TokenView: Content {
        var id: String
        var accountId: String
        var name: String
        var createdAt: String
        var revokedAt: String?
        /// The secret, present only in the response that creates it.
        var token: String?
    }

    func listTokens(_ request: Request) async throws -> [TokenView] {
        let caller = try request.requireCaller()
        let tokens = try await Store(request.db).tokens(of: try Self.organisation(of: DirectoryRules.tokens(caller.principal)))
        return tokens.map { TokenView(id: $0.id, accountId: $0.accountId, name: $0.name, createdAt: Wire.format($0.createdAt, in: .gmt),
                                    revokedAt: $0.revokedAt.map { Wire.format($0, in: .gmt) }) }
    }

    func createToken(_ request: Request) async throws -> Response {
        let caller = try request.requireCaller()
        let body = try request.decodeJSON(TokenRequest.self)
        let store = Store(request.db)
        guard let owner = try await store.account(body.accountId)?.organisationId,
              DirectoryRules.administers(caller.principal, organisation: owner) else {
            throw Problem.notFound("account '\(body.accountId)' of your organisation")
        }
        let (id, secret) = try await Tokens.issue(accountId: body.accountId, name: body.name, store: store)
        let view = TokenView(id: id, accountId: body.accountId, name: body.name, createdAt: Wire.format(Date(), in: .gmt), token: secret)
        return try await view.encodeResponse(status: .created, for: request)
    }

    func revokeToken(_ request: Request) async throws -> HTTPStatus {
        let caller = try request.requireCaller()
        let id = try request.parameters.require("tokenId")
        let store = Store(request.db)
        let owner = try await store.tokenOwner(id)
        guard let owner, DirectoryRules.revokes(caller.principal, tokenOf: owner.id, in: owner.organisationId) else {
            throw Problem.notFound("token '\(id)'")
        }
        try await store.revokeToken(id, at: Date())
        return .noContent
    }
}
