import Foundation
import Mail
import NIOCore
import NIOPosix
import Testing

/// End-to-end tests against a real aiosmtpd server (Resources/smtp_server.py) run by python3.
/// They fail, not skip, when python3, aiosmtpd or openssl is missing.
@Suite(.serialized)
struct SMTPClientTests {
    private func configuration(
        for server: TestSMTPServer,
        host: String = "127.0.0.1",
        tlsMode: SMTPClient.TLSMode = .none,
        credentials: SMTPClient.Credentials? = nil,
        trustServerCertificate: Bool = true
    ) -> SMTPClient.Configuration {
        SMTPClient.Configuration(
            host: host,
            port: server.port,
            tlsMode: tlsMode,
            credentials: credentials,
            heloName: "client.samlast.test",
            connectTimeout: .seconds(5),
            replyTimeout: .seconds(10),
            additionalTrustedCertificateFiles: trustServerCertificate ? server.certificate.map { [$0.path] } ?? [] : []
        )
    }

    @Test func deliversMessageThatPythonDecodesExactly() async throws {
        let server = try await TestSMTPServer.start()
        defer { server.stop() }
        let recipients = [
            MailAddress("kari@example.no", displayName: "Kari Bjørnstad Ærø"),
            MailAddress("ola@example.no"),
        ]
        let unsubscribe = try #require(URL(string: "https://samlast.no/avmeld?t=abc123"))
        let message = try Fixtures.message(to: recipients, htmlBody: Fixtures.htmlBody, listUnsubscribe: unsubscribe)

        try await SMTPClient(configuration: configuration(for: server)).send(message)

        let received = try server.receivedMessages()
        try #require(received.count == 1)
        #expect(received[0].record.mailFrom == "varsel@samlast.no")
        #expect(received[0].record.rcptTos == ["kari@example.no", "ola@example.no"])
        #expect(!received[0].record.tls)

        let parsed = try await ParsedMessage.parse(file: received[0].file)
        #expect(parsed.defects.isEmpty)
        #expect(parsed.subject == "Pakken din er på vei – levering i dag")
        #expect(parsed.plain == Fixtures.textBody)
        #expect(parsed.html == Fixtures.htmlBody)
        #expect(parsed.contentType == "multipart/alternative")
        #expect(parsed.from == [.init(name: "Samlast Levering", address: "varsel@samlast.no")])
        #expect(parsed.to == [
            .init(name: "Kari Bjørnstad Ærø", address: "kari@example.no"),
            .init(name: "", address: "ola@example.no"),
        ])
        #expect(parsed.replyTo == [.init(name: "Kundeservice, Samlast", address: "kundeservice@samlast.no")])
        #expect(parsed.listUnsubscribe == "<https://samlast.no/avmeld?t=abc123>")
        #expect(parsed.listUnsubscribePost == "List-Unsubscribe=One-Click")
        #expect(parsed.messageID == message.messageID)
    }

    @Test func dotStuffingKeepsLinesThatStartWithADot() async throws {
        let server = try await TestSMTPServer.start()
        defer { server.stop() }
        let message = try MailMessage(
            from: Fixtures.sender, to: [MailAddress("kari@example.no")], subject: "Punktum",
            textBody: ".\n..\n.en\n...to\nslutt .\n.", date: Fixtures.date
        )

        try await SMTPClient(configuration: configuration(for: server)).send(message)

        let received = try server.receivedMessages()
        try #require(received.count == 1)
        let parsed = try await ParsedMessage.parse(file: received[0].file)
        #expect(parsed.plain == ".\n..\n.en\n...to\nslutt .\n.\n")
    }

    @Test func startTLSThenAuthPlain() async throws {
        let server = try await TestSMTPServer.start(.init(tls: .startTLS, credentials: ("varsel", "hemmelig")))
        defer { server.stop() }
        let client = SMTPClient(configuration: configuration(
            for: server, host: "localhost", tlsMode: .startTLS,
            credentials: .init(username: "varsel", password: "hemmelig")
        ))

        try await client.send(Fixtures.message())

        let received = try server.receivedMessages()
        try #require(received.count == 1)
        #expect(received[0].record.tls)
        #expect(received[0].record.auth?.user == "varsel")
        #expect(received[0].record.auth?.mechanism == "PLAIN")
        #expect(received[0].record.rcptTos == ["kari@example.no"])
    }

    @Test func authLoginWhenTheServerOffersOnlyLogin() async throws {
        let server = try await TestSMTPServer.start(.init(tls: .startTLS, credentials: ("varsel", "hemmelig"), loginOnly: true))
        defer { server.stop() }
        let client = SMTPClient(configuration: configuration(
            for: server, tlsMode: .startTLS, credentials: .init(username: "varsel", password: "hemmelig")
        ))

        try await client.send(Fixtures.message())

        let received = try server.receivedMessages()
        try #require(received.count == 1)
        #expect(received[0].record.auth?.mechanism == "LOGIN")
    }

    @Test func implicitTLS() async throws {
        let server = try await TestSMTPServer.start(.init(tls: .implicit, credentials: ("varsel", "hemmelig")))
        defer { server.stop() }
        let client = SMTPClient(configuration: configuration(
            for: server, tlsMode: .implicitTLS, credentials: .init(username: "varsel", password: "hemmelig")
        ))

        try await client.send(Fixtures.message())

        let received = try server.receivedMessages()
        try #require(received.count == 1)
        #expect(received[0].record.tls)
        #expect(received[0].record.auth?.user == "varsel")
    }

    @Test func wrongPasswordIsAPermanentAuthFailure() async throws {
        let server = try await TestSMTPServer.start(.init(tls: .startTLS, credentials: ("varsel", "hemmelig")))
        defer { server.stop() }
        let client = SMTPClient(configuration: configuration(
            for: server, tlsMode: .startTLS, credentials: .init(username: "varsel", password: "feil")
        ))

        let error = try await #require(throws: SMTPError.self) { try await client.send(Fixtures.message()) }

        #expect(error.stage == .auth(mechanism: "PLAIN"))
        #expect(error.replyCode == 535)
        #expect(error.isPermanent)
        #expect(try server.receivedMessages().isEmpty)
    }

    @Test func rejectedRecipientIsAPermanentErrorNamingIt() async throws {
        let server = try await TestSMTPServer.start(.init(rejectedRecipients: ["ukjent@example.no"]))
        defer { server.stop() }
        let message = try Fixtures.message(to: [MailAddress("kari@example.no"), MailAddress("ukjent@example.no")])

        let error = try await #require(throws: SMTPError.self) {
            try await SMTPClient(configuration: configuration(for: server)).send(message)
        }

        #expect(error.stage == .rcptTo("ukjent@example.no"))
        #expect(error.replyCode == 550)
        #expect(error.isPermanent)
        #expect(error.description == "RCPT TO <ukjent@example.no>: 550 mailbox unavailable")
        #expect(try server.receivedMessages().isEmpty)
    }

    /// Runs on the main actor with a non-Sendable log captured by the session body, which only compiles
    /// because the body runs in the caller's isolation.
    @MainActor
    @Test func oneSessionSendsSeveralMessagesAndSurvivesARejection() async throws {
        final class DeliveryLog {
            var recipients: [String] = []
        }
        let server = try await TestSMTPServer.start(.init(rejectedRecipients: ["ukjent@example.no"]))
        defer { server.stop() }
        let client = SMTPClient(configuration: configuration(for: server))
        let log = DeliveryLog()

        let rejection = try await client.withSession { session in
            try await session.send(Fixtures.message(to: [MailAddress("kari@example.no")]))
            log.recipients.append("kari@example.no")
            let rejection = await #expect(throws: SMTPError.self) {
                try await session.send(Fixtures.message(to: [MailAddress("ukjent@example.no")]))
            }
            try await session.send(Fixtures.message(to: [MailAddress("ola@example.no")]))
            log.recipients.append("ola@example.no")
            return rejection
        }

        #expect(rejection?.stage == .rcptTo("ukjent@example.no"))
        let recipients = try server.receivedMessages().flatMap(\.record.rcptTos).sorted()
        #expect(recipients == ["kari@example.no", "ola@example.no"])
        #expect(log.recipients == recipients)
    }

    @Test func refusesPlainTextWhenStartTLSIsNotOffered() async throws {
        let server = try await TestSMTPServer.start(.init(credentials: ("varsel", "hemmelig")))
        defer { server.stop() }
        let client = SMTPClient(configuration: configuration(
            for: server, tlsMode: .startTLS, credentials: .init(username: "varsel", password: "hemmelig")
        ))

        let error = try await #require(throws: SMTPError.self) { try await client.send(Fixtures.message()) }

        #expect(error.stage == .startTLS)
        #expect(error.reason == .startTLSNotOffered)
        #expect(error.isPermanent)
        #expect(try server.receivedMessages().isEmpty)
    }

    @Test func untrustedCertificateFailsTheHandshake() async throws {
        let server = try await TestSMTPServer.start(.init(tls: .startTLS))
        defer { server.stop() }
        let client = SMTPClient(configuration: configuration(for: server, tlsMode: .startTLS, trustServerCertificate: false))

        let error = try await #require(throws: SMTPError.self) { try await client.send(Fixtures.message()) }

        #expect(error.stage == .tlsHandshake)
        guard case .tlsFailed = error.reason else {
            Issue.record("expected a TLS failure, got \(error)")
            return
        }
        #expect(error.isPermanent)
    }

    @Test func closedPortIsATransientConnectError() async throws {
        let port = try await Self.portWithNothingListening()
        let client = SMTPClient(configuration: .init(host: "127.0.0.1", port: port, tlsMode: .none, heloName: "client.samlast.test"))

        let error = try await #require(throws: SMTPError.self) { try await client.send(Fixtures.message()) }

        #expect(error.stage == .connect(host: "127.0.0.1", port: port))
        guard case .connectionFailed = error.reason else {
            Issue.record("expected a connection failure, got \(error)")
            return
        }
        #expect(error.isTransient)
    }

    @Test func silentServerTimesOutTransiently() async throws {
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        defer { listener.close(promise: nil) }
        let port = try #require(listener.localAddress?.port)
        let client = SMTPClient(configuration: .init(
            host: "127.0.0.1", port: port, tlsMode: .none, heloName: "client.samlast.test", replyTimeout: .milliseconds(300)
        ))

        let error = try await #require(throws: SMTPError.self) { try await client.send(Fixtures.message()) }

        #expect(error.stage == .greeting)
        #expect(error.reason == .timedOut(.milliseconds(300)))
        #expect(error.isTransient)
    }

    /// A port that was just bound and released, so a connection to it is refused.
    private static func portWithNothingListening() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(channel.localAddress?.port)
        try await channel.close().get()
        return port
    }
}
