import Domain
import Foundation
import Pages
import Store
import Vapor

/// The contacts a recipient's site is notified at. Only the recipient and the staff of the
/// hubs delivering to the site see or change them (`ContactRules`); to everyone else the
/// contacts do not exist (404), and no other answer of the API ever holds them.
struct ContactsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("sites", ":siteId", "contacts", use: listContacts)
        routes.post("sites", ":siteId", "contacts", use: addContact)
        routes.delete("sites", ":siteId", "contacts", ":contactId", use: removeContact)
        routes.get("sites", ":siteId", "notices", use: listNotices)
    }

    struct ContactBody: Content {
        var channel: ContactChannel
        /// An e-mail address, or a phone number (E.164, or eight Norwegian digits).
        var address: String
        /// `nb` (bokmål, the default) or `en`.
        var language: String?
    }

    struct ContactView: Content {
        var id: String
        var siteId: String
        var channel: ContactChannel
        var address: String
        var language: String
        var createdAt: String
        /// When the contact opted out through a message's link; no message goes to it since.
        var optedOutAt: String?

        init(_ record: ContactRecord) {
            (id, siteId, channel, address, language) = (record.id, record.siteId, ContactChannel(rawValue: record.channel) ?? .email, record.address, record.language)
            createdAt = Wire.format(record.createdAt, in: .gmt)
            optedOutAt = record.optedOutAt.map { Wire.format($0, in: .gmt) }
        }
    }

    /// A message to one of the site's contacts.
    struct NoticeView: Content {
        var id: String
        var contactId: String
        /// Absent once the contact was removed.
        var channel: ContactChannel?
        var address: String?
        /// The day and the window the message told.
        var date: String
        var windowStart: String
        var windowEnd: String
        var state: String
        var attempts: Int
        var createdAt: String
        var sentAt: String?
        var lastError: String?

        init(_ record: NoticeRecord) {
            (id, contactId, channel, address) = (record.id, record.contactId, record.channel.flatMap(ContactChannel.init(rawValue:)), record.address)
            (date, windowStart, windowEnd) = (record.planDate, Wire.format(record.windowStart, in: .gmt), Wire.format(record.windowEnd, in: .gmt))
            (state, attempts, lastError) = (record.state, record.attempts, record.lastError)
            createdAt = Wire.format(record.createdAt, in: .gmt)
            sentAt = record.sentAt.map { Wire.format($0, in: .gmt) }
        }
    }

    /// The site's messages, newest first (at most 200): whether the recipient was told, and how.
    func listNotices(_ request: Request) async throws -> [NoticeView] {
        let (siteId, store) = try await Self.authorise(request, write: false)
        return try await store.notices(ofSite: siteId).map(NoticeView.init)
    }

    func listContacts(_ request: Request) async throws -> [ContactView] {
        let (siteId, store) = try await Self.authorise(request, write: false)
        return try await store.contacts(ofSite: siteId).map(ContactView.init)
    }

    func addContact(_ request: Request) async throws -> Response {
        let (siteId, store) = try await Self.authorise(request, write: true)
        let caller = try request.requireCaller()
        let body = try request.decodeJSON(ContactBody.self)
        let address: String
        do { address = try body.channel.normalised(body.address) } catch { throw Problem.badRequest("$.address: \(error)") }
        let language = body.language ?? Language.nb.code
        guard Language(code: language) != nil else {
            throw Problem.badRequest("$.language: '\(language)' is not one of \(Language.allCases.map(\.code).joined(separator: ", "))")
        }
        let record = ContactRecord(id: Secrets.identifier("con"), siteId: siteId, channel: body.channel, address: address, language: language,
                                   createdBy: caller.accountId, createdAt: Date().epochMilliseconds)
        try await store.insert(record)
        return try await ContactView(record).encodeResponse(status: .created, for: request)
    }

    func removeContact(_ request: Request) async throws -> HTTPStatus {
        let (siteId, store) = try await Self.authorise(request, write: true)
        let id = try request.parameters.require("contactId")
        guard try await store.deleteContact(id, ofSite: siteId) else { throw Problem.notFound("contact '\(id)' of site '\(siteId)'") }
        return .noContent
    }

    /// The site of the path, once the caller may see (or, with `write`, change) its contacts.
    private static func authorise(_ request: Request, write: Bool) async throws -> (String, Store) {
        let caller = try request.requireCaller()
        let siteId = try request.parameters.require("siteId")
        let store = Store(request.db)
        guard let recipient = try await store.recipient(ofSite: siteId) else { throw Problem.notFound("site '\(siteId)'") }
        let serving = try await store.servingOperators(ofSite: siteId)
        switch ContactRules.access(caller.principal, toContactsOfSiteOf: recipient, servingOperators: serving, write: write) {
        case .stranger: throw Problem.notFound("contacts of site '\(siteId)'")
        case .refused: throw Problem.forbidden("a \(caller.role.rawValue) may read the site's contacts but not change them")
        case .granted: return (siteId, store)
        }
    }
}
