import Testing
@testable import Mail

struct SMTPReplyParserTests {
    @Test func singleLineReply() throws {
        var parser = SMTPReplyParser()
        #expect(try parser.consume("220 smtp.example.no ESMTP ready") == SMTPReply(code: 220, lines: ["smtp.example.no ESMTP ready"]))
        #expect(try parser.consume("250") == SMTPReply(code: 250, lines: [""]))
    }

    @Test func multiLineReplyEndsAtTheLineWithASpace() throws {
        var parser = SMTPReplyParser()
        #expect(try parser.consume("250-smtp.example.no") == nil)
        #expect(parser.isInsideReply)
        #expect(try parser.consume("250-STARTTLS") == nil)
        #expect(try parser.consume("250-AUTH PLAIN LOGIN") == nil)
        let reply = try #require(try parser.consume("250 SIZE 1000000"))
        #expect(reply == SMTPReply(code: 250, lines: ["smtp.example.no", "STARTTLS", "AUTH PLAIN LOGIN", "SIZE 1000000"]))
        #expect(!parser.isInsideReply)

        let extensions = SMTPExtensions(ehloReply: reply)
        #expect(extensions.supports("starttls"))
        #expect(!extensions.supports("smtp.example.no"))
        #expect(extensions.authMechanisms == ["PLAIN", "LOGIN"])
    }

    @Test(arguments: ["", "25", "abc hello", "250x", "650 nope", "150 nope", "2a0 x"])
    func malformedLinesAreRefused(_ line: String) {
        var parser = SMTPReplyParser()
        #expect(throws: SMTPReplyParser.MalformedReply.self) { try parser.consume(line) }
    }

    @Test func continuationWithAnotherCodeIsRefused() throws {
        var parser = SMTPReplyParser()
        _ = try parser.consume("250-first")
        #expect(throws: SMTPReplyParser.MalformedReply.self) { try parser.consume("550 second") }
    }

    @Test func replyTextAndClass() {
        let reply = SMTPReply(code: 451, lines: ["4.3.0 try", "again later"])
        #expect(reply.text == "4.3.0 try again later")
        #expect(reply.description == "451 4.3.0 try again later")
        #expect(reply.isTransientFailure && !reply.isPermanentFailure && !reply.isPositiveCompletion)
    }
}

struct DotStuffingTests {
    @Test func doublesLeadingDotsAndTerminates() {
        let encoded = String(decoding: DotStuffing.encode(".a\r\nb.\r\n..\r\n"), as: UTF8.self)
        #expect(encoded == "..a\r\nb.\r\n...\r\n.\r\n")
    }

    @Test func addsMissingFinalLineBreakAndNormalisesBareLineBreaks() {
        let encoded = String(decoding: DotStuffing.encode("a\n.b\rc"), as: UTF8.self)
        #expect(encoded == "a\r\n..b\r\nc\r\n.\r\n")
    }
}

struct SMTPErrorTests {
    @Test func descriptionNamesStageAndReply() {
        let error = SMTPError(stage: .rcptTo("a@b.no"), reason: .reply(SMTPReply(code: 550, lines: ["mailbox unavailable"])))
        #expect(error.description == "RCPT TO <a@b.no>: 550 mailbox unavailable")
        #expect(error.replyCode == 550)
    }

    @Test func permanenceFollowsTheReplyClassAndTheKindOfFailure() {
        func error(_ reason: SMTPError.Reason) -> SMTPError { SMTPError(stage: .data, reason: reason) }
        #expect(error(.reply(SMTPReply(code: 554, lines: []))).isPermanent)
        #expect(error(.reply(SMTPReply(code: 421, lines: []))).isTransient)
        #expect(error(.connectionClosed).isTransient)
        #expect(error(.connectionFailed("refused")).isTransient)
        #expect(error(.timedOut(.seconds(1))).isTransient)
        #expect(error(.startTLSNotOffered).isPermanent)
        #expect(error(.tlsFailed("bad certificate")).isPermanent)
    }

    @Test func configurationIsCheckedBeforeConnecting() async {
        let client = SMTPClient(configuration: .init(host: "127.0.0.1", port: 1, tlsMode: .none, heloName: "bad name\r\nRSET"))
        let error = await #expect(throws: SMTPError.self) { try await client.send(Fixtures.message()) }
        guard case .invalidConfiguration = error?.reason else {
            Issue.record("expected a configuration error, got \(String(describing: error))")
            return
        }
    }
}
