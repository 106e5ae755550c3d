import Foundation

/// What Python's `email` package (policy.default) decodes from a message; see Resources/parse_message.py.
struct ParsedMessage: Decodable {
    struct Mailbox: Decodable, Equatable {
        let name: String
        let address: String
    }

    let subject: String
    let from: [Mailbox]
    let to: [Mailbox]
    let replyTo: [Mailbox]
    let messageID: String?
    let date: String?
    let mimeVersion: String?
    let contentType: String
    let plain: String?
    let html: String?
    let listUnsubscribe: String?
    let listUnsubscribePost: String?
    let defects: [String]

    enum CodingKeys: String, CodingKey {
        case subject, from, to, date, plain, html, defects
        case replyTo = "reply_to", messageID = "message_id", mimeVersion = "mime_version"
        case contentType = "content_type", listUnsubscribe = "list_unsubscribe"
        case listUnsubscribePost = "list_unsubscribe_post"
    }

    /// Parses the message stored in `file`.
    static func parse(file: URL) async throws -> ParsedMessage {
        let python = try await ExternalTools.python()
        let json = try await ExternalTools.run(python, [try ExternalTools.resource("parse_message.py").path, file.path])
        return try JSONDecoder().decode(ParsedMessage.self, from: Data(json.utf8))
    }

    /// Parses a rendered message by writing it to a temporary file first.
    static func parse(rendered: String) async throws -> ParsedMessage {
        let directory = try ExternalTools.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("message.eml")
        try Data(rendered.utf8).write(to: file)
        return try await parse(file: file)
    }
}
