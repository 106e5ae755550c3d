import NIOCore
import NIOPosix

/// Sends ``MailMessage``s to one SMTP server (RFC 5321) over SwiftNIO.
///
/// ```swift
/// let client = SMTPClient(configuration: .init(host: "smtp.example.no", credentials: .init(username: "u", password: "p")))
/// try await client.send(message)
/// ```
public struct SMTPClient: Sendable {
    /// The server and how to reach it.
    public let configuration: Configuration
    private let eventLoopGroup: any EventLoopGroup

    /// - Parameter eventLoopGroup: where the connections run; defaults to NIO's shared singleton group.
    public init(configuration: Configuration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
    }

    /// Sends one message on a connection of its own: connect, EHLO, STARTTLS, AUTH, the mail transaction, QUIT.
    ///
    /// - Throws: ``SMTPError``; its ``SMTPError/isPermanent`` tells whether a retry can help.
    ///   `CancellationError` if the task is cancelled.
    public func send(_ message: MailMessage) async throws {
        try await withSession { session in
            try await session.send(message)
        }
    }

    /// Opens a connection, runs `body` with the ready session (to send several messages), then QUITs and closes.
    ///
    /// Cancelling the task closes the connection.
    /// - Throws: ``SMTPError`` from setting up the session, whatever `body` throws, or `CancellationError`.
    public func withSession<Result>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: (SMTPSession) async throws -> Result
    ) async throws -> Result {
        try configuration.validate()
        let tls = try configuration.makeTLSSetup()
        let connection = try await SMTPConnection.open(configuration, tls: tls, group: eventLoopGroup)
        do {
            let result = try await withTaskCancellationHandler {
                let session = try await SMTPSession.establish(over: connection, configuration: configuration, tls: tls)
                do {
                    let result = try await body(session)
                    await session.quit()
                    return result
                } catch {
                    await session.quit()
                    throw error
                }
            } onCancel: {
                connection.closeNow()
            }
            await connection.close()
            return result
        } catch {
            await connection.close()
            try Task.checkCancellation()
            throw error
        }
    }
}
