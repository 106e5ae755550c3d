import Foundation
import NIOConcurrencyHelpers
import Vapor

/// A webhook receiver on a loopback port for tests: records every message posted to
/// `/hook/<name>`, and answers with the status set for that name (204 unless told otherwise).
final class WebhookReceiver: Sendable {
    struct Message: Sendable {
        var name: String
        var id: String
        var timestamp: String
        var signature: String
        var body: Data
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        var data: [String: Any] { json["data"] as? [String: Any] ?? [:] }
        var barcode: String { data["barcode"] as? String ?? "" }
        var type: String { json["type"] as? String ?? "" }
    }

    let app: Application
    let port: Int
    private let received = NIOLockedValueBox<[Message]>([])
    private let statuses = NIOLockedValueBox<[String: HTTPStatus]>([:])

    private init(app: Application, port: Int) { (self.app, self.port) = (app, port) }

    /// Starts a receiver; call `stop()` when done. A port found free can be taken by another
    /// test before the receiver binds it; then it tries another.
    static func start() async throws -> WebhookReceiver {
        for _ in 1..<5 {
            do { return try await startOnce() } catch where "\(error)".contains("Address already in use") { continue }
        }
        return try await startOnce()
    }

    private static func startOnce() async throws -> WebhookReceiver {
        let app = try await Application.make(.testing)
        app.logger.logLevel = .warning
        let port = ServerProcessTests.Server.freePort()
        let receiver = WebhookReceiver(app: app, port: port)
        app.post("hook", ":name") { [received = receiver.received, statuses = receiver.statuses] request -> HTTPStatus in
            let name = request.parameters.get("name") ?? ""
            let status = statuses.withLockedValue { $0[name] } ?? .noContent
            let message = Message(name: name, id: request.headers.first(name: "webhook-id") ?? "", timestamp: request.headers.first(name: "webhook-timestamp") ?? "",
                                  signature: request.headers.first(name: "webhook-signature") ?? "",
                                  body: request.body.data.map { Data(buffer: $0) } ?? Data())
            received.withLockedValue { $0.append(message) }
            return status
        }
        app.http.server.configuration.hostname = "127.0.0.1"
        app.http.server.configuration.port = port
        do { try await app.server.start(address: .hostname("127.0.0.1", port: port)) } catch {
            try? await app.asyncShutdown()
            throw error
        }
        return receiver
    }

    func url(_ name: String) -> String { "http://127.0.0.1:\(port)/hook/\(name)" }

    func answer(_ status: HTTPStatus, to name: String) { statuses.withLockedValue { $0[name] = status } }

    func messages(to name: String) -> [Message] { received.withLockedValue { $0.filter { $0.name == name } } }

    /// Waits until `condition` holds of all messages received, for at most `seconds`.
    func wait(seconds: Double = 20, until condition: ([Message]) -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition(received.withLockedValue { $0 }) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestSetupError("the webhook receiver did not get what was expected in \(seconds) s: \(received.withLockedValue { $0.map { "\($0.name) \($0.type) \($0.barcode)" } })")
    }

    func stop() async throws {
        await app.server.shutdown()
        try await app.asyncShutdown()
    }
}
