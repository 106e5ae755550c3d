import NIOSSL

/// An open, greeted (and, as configured, TLS-protected and authenticated) SMTP connection.
///
/// Obtained from ``SMTPClient/withSession(isolation:_:)``; valid only inside that closure.
/// Send messages one after another: each ``send(_:)`` must finish before the next starts.
public struct SMTPSession: Sendable {
    private let connection: SMTPConnection

    /// Greets the server, starts TLS and authenticates as `configuration` asks.
    static func establish(
        over connection: SMTPConnection,
        configuration: SMTPClient.Configuration,
        tls: SMTPClient.TLSSetup
    ) async throws(SMTPError) -> SMTPSession {
        if case .implicit = tls {
            try await connection.awaitTLSHandshake()
        }
        try await connection.readReply(stage: .greeting).require(220, stage: .greeting)
        var extensions = try await ehlo(configuration.heloName, over: connection)

        if case let .startTLS(tlsContext) = tls {
            guard extensions.supports("STARTTLS") else {
                throw SMTPError(stage: .startTLS, reason: .startTLSNotOffered)
            }
            try await connection.command("STARTTLS", stage: .startTLS).require(220, stage: .startTLS)
            try await connection.startTLS(tlsContext, serverName: configuration.tlsServerName)
            // RFC 3207 §4.2: forget what was learnt before TLS and ask again.
            extensions = try await ehlo(configuration.heloName, over: connection)
        }

        if let credentials = configuration.credentials {
            try await SMTPAuthentication.authenticate(credentials, offered: extensions.authMechanisms, over: connection)
        }
        return SMTPSession(connection: connection)
    }

    private static func ehlo(_ name: String, over connection: SMTPConnection) async throws(SMTPError) -> SMTPExtensions {
        let reply = try await connection.command("EHLO \(name)", stage: .ehlo)
        try reply.require(250, stage: .ehlo)
        return SMTPExtensions(ehloReply: reply)
    }

    /// Sends one message in one mail transaction: MAIL FROM, RCPT TO for each recipient, DATA.
    ///
    /// If the server refuses any recipient, nothing is sent to anyone: the transaction is reset (RSET)
    /// and the error names the refused address, so the session can go on with the next message.
    /// - Throws: ``SMTPError``.
    public func send(_ message: MailMessage) async throws(SMTPError) {
        do {
            let sender = message.from.address
            try await connection.command("MAIL FROM:<\(sender)>", stage: .mailFrom(sender))
                .require(250, stage: .mailFrom(sender))
            for recipient in message.to.map(\.address) {
                try await connection.command("RCPT TO:<\(recipient)>", stage: .rcptTo(recipient))
                    .require(250, 251, stage: .rcptTo(recipient))
            }
            try await connection.command("DATA", stage: .data).require(354, stage: .data)
            try await connection.send(DotStuffing.encode(message.rendered()), stage: .messageContent)
                .require(250, stage: .messageContent)
        } catch {
            if case .reply = error.reason {
                _ = try? await connection.command("RSET", stage: .reset)
            }
            throw error
        }
    }

    /// Ends the session politely. A failure is ignored: nothing depends on the reply, and the connection is closed next.
    func quit() async {
        _ = try? await connection.command("QUIT", stage: .quit)
    }
}
