import Foundation
import Testing
@testable import Mail

struct MailMessageTests {
    private func message(
        from: MailAddress = Fixtures.sender,
        to: [MailAddress] = [MailAddress("kari@example.no")],
        replyTo: MailAddress? = nil,
        subject: String = "Hei",
        listUnsubscribe: URL? = nil,
        messageIDDomain: String? = nil
    ) throws(MailMessageError) -> MailMessage {
        try MailMessage(
            from: from, to: to, replyTo: replyTo, subject: subject, textBody: "Tekst\n",
            listUnsubscribe: listUnsubscribe, messageIDDomain: messageIDDomain, date: Fixtures.date
        )
    }

    @Test func invalidAddressErrorNamesTheField() {
        #expect(throws: MailMessageError.invalidAddress(field: "to[1]", value: "x@")) {
            try message(to: [MailAddress("kari@example.no"), MailAddress("x@")])
        }
        #expect(MailMessageError.invalidAddress(field: "to[1]", value: "x@").description == "to[1]: 'x@' is not an e-mail address")
        #expect(throws: MailMessageError.invalidAddress(field: "from", value: "varsel")) {
            try message(from: MailAddress("varsel"))
        }
        #expect(throws: MailMessageError.invalidAddress(field: "replyTo", value: "a b@example.no")) {
            try message(replyTo: MailAddress("a b@example.no"))
        }
        #expect(throws: MailMessageError.noRecipients) { try message(to: []) }
    }

    @Test(arguments: [
        "kari@example.no", "kari.nordmann+pakke@post.example.no", "o'neil@example.com", "x@a-b.no",
    ])
    func acceptsAddresses(_ address: String) {
        #expect(MailAddress.isValidAddress(address))
    }

    @Test(arguments: [
        "x@", "@example.no", "kari", "kari@localhost", "kari..n@example.no", ".kari@example.no", "kari.@example.no",
        "kari@-example.no", "kari@example..no", "kåri@example.no", "kari@exämple.no", "<kari@example.no>",
        "kari@example.no>", "\"kari\"@example.no", String(repeating: "k", count: 65) + "@example.no",
    ])
    func refusesAddresses(_ address: String) {
        #expect(!MailAddress.isValidAddress(address))
    }

    @Test func refusesLineBreaksInHeaderValues() {
        #expect(throws: MailMessageError.lineBreakInHeader(field: "subject")) {
            try message(subject: "Hei\r\nBcc: offer@example.com")
        }
        #expect(throws: MailMessageError.lineBreakInHeader(field: "subject")) { try message(subject: "Hei\nBcc: x@y.no") }
        #expect(throws: MailMessageError.lineBreakInHeader(field: "to[0].displayName")) {
            try message(to: [MailAddress("kari@example.no", displayName: "Kari\rBcc: x@y.no")])
        }
        #expect(throws: MailMessageError.lineBreakInHeader(field: "from")) {
            try message(from: MailAddress("varsel@samlast.no\r\nBcc: x@y.no"))
        }
        #expect(throws: MailMessageError.lineBreakInHeader(field: "messageIDDomain")) {
            try message(messageIDDomain: "samlast.no\nX: y")
        }
        #expect(MailMessageError.lineBreakInHeader(field: "subject").description
            == "subject: line breaks (CR or LF) are not allowed in a header value")
    }

    @Test func listUnsubscribeMustBeHTTPS() throws {
        let http = try #require(URL(string: "http://samlast.no/avmeld"))
        #expect(throws: MailMessageError.invalidUnsubscribeURL("http://samlast.no/avmeld")) {
            try message(listUnsubscribe: http)
        }
    }

    @Test func messageIDUsesTheGivenDomainOrTheSenders() throws {
        #expect(try message().messageID.hasSuffix("@samlast.no>"))
        let custom = try message(messageIDDomain: "mail.samlast.no").messageID
        #expect(custom.hasPrefix("<") && custom.hasSuffix("@mail.samlast.no>"))
        #expect(try message().messageID != message().messageID)
        #expect(throws: MailMessageError.invalidMessageIDDomain("not a domain")) { try message(messageIDDomain: "not a domain") }
    }

    @Test func dateHeaderIsRFC5322() throws {
        // 1 750 000 000 s after the epoch is Sunday 15 June 2025 15:06:40 UTC, 17:06:40 in Oslo (CEST).
        let oslo = try #require(TimeZone(identifier: "Europe/Oslo"))
        #expect(RFC5322Date.format(Fixtures.date, in: oslo) == "Sun, 15 Jun 2025 17:06:40 +0200")
        #expect(RFC5322Date.format(Fixtures.date, in: .gmt) == "Sun, 15 Jun 2025 15:06:40 +0000")
        let newfoundland = try #require(TimeZone(identifier: "America/St_Johns"))
        #expect(RFC5322Date.format(Date(timeIntervalSince1970: 0), in: newfoundland) == "Wed, 31 Dec 1969 20:30:00 -0330")
    }

    @Test func renderedMessageHasCRLFLinesWithinLimits() throws {
        let unsubscribe = try #require(URL(string: "https://samlast.no/avmeld?t=abc"))
        let rendered = try Fixtures.message(htmlBody: Fixtures.htmlBody, listUnsubscribe: unsubscribe).rendered()
        let bytes = Array(rendered.utf8)

        #expect(bytes.allSatisfy { $0 < 0x80 }, "only 7-bit characters")
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            #expect(index > 0 && bytes[index - 1] == 0x0D, "LF at \(index) without CR")
        }
        for (index, byte) in bytes.enumerated() where byte == 0x0D {
            #expect(index + 1 < bytes.count && bytes[index + 1] == 0x0A, "CR at \(index) without LF")
        }
        #expect(rendered.hasSuffix("\r\n"))

        let parts = rendered.components(separatedBy: "\r\n\r\n")
        let headerLines = parts[0].components(separatedBy: "\r\n")
        for line in headerLines {
            #expect(line.utf8.count <= 78, "header line too long: \(line)")
        }
        let bodyLines = rendered.components(separatedBy: "\r\n").dropFirst(headerLines.count)
        for line in bodyLines {
            #expect(line.utf8.count <= 76, "body line too long: \(line)")
        }
        for name in ["Date", "From", "To", "Reply-To", "Subject", "Message-ID", "MIME-Version", "Content-Type",
                     "List-Unsubscribe", "List-Unsubscribe-Post"] {
            #expect(headerLines.contains { $0.hasPrefix("\(name): ") }, "missing \(name)")
        }
        #expect(headerLines.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"))
        #expect(headerLines.contains("MIME-Version: 1.0"))
    }

    @Test func plainTextOnlyMessageIsTextPlain() async throws {
        let rendered = try Fixtures.message().rendered()
        #expect(rendered.contains("\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"))
        #expect(!rendered.contains("multipart"))
        #expect(!rendered.contains("List-Unsubscribe"))

        let parsed = try await ParsedMessage.parse(rendered: rendered)
        #expect(parsed.defects.isEmpty)
        #expect(parsed.contentType == "text/plain")
        #expect(parsed.plain == Fixtures.textBody)
        #expect(parsed.html == nil)
        #expect(parsed.mimeVersion == "1.0")
        #expect(parsed.date == "2025-06-15T17:06:40+02:00")
    }

    @Test func renderingIsRepeatable() throws {
        let message = try Fixtures.message(htmlBody: Fixtures.htmlBody)
        #expect(message.rendered() == message.rendered())
    }

    @Test(arguments: [
        Fixtures.subject,
        "Pakken din er på vei – levering i dag, og den er så tung at sjåføren må bære den opp trappen til femte etasje",
        "Посылка уже в пути – доставка сегодня ✅📦",
        "Plain ASCII subject that is rather long and must therefore be folded over more than one line",
        "Looks like an encoded word =?utf-8?q?x?= but is not",
        "  leading and trailing spaces  ",
        "Tab\tinside",
        "",
    ])
    func subjectRoundTripsThroughPython(_ subject: String) async throws {
        let message = try MailMessage(
            from: Fixtures.sender, to: [MailAddress("kari@example.no")], subject: subject, textBody: "x\n", date: Fixtures.date
        )
        let parsed = try await ParsedMessage.parse(rendered: message.rendered())
        #expect(parsed.defects.isEmpty)
        #expect(parsed.subject == subject)
    }

    @Test(arguments: [
        "Kari Nordmann", "Bjørn Ærlig Åsen", "Nordmann, Kari", "Kari \"Pakke\" Nordmann", "K. Nordmann \\ Samlast",
        "Sjåfør nr. 7 på rute Østfold–Vestfold med ekstra lang beskrivelse av ruta", "Ivan Петров 🚚",
    ])
    func displayNameRoundTripsThroughPython(_ name: String) async throws {
        let message = try MailMessage(
            from: MailAddress("varsel@samlast.no", displayName: name),
            to: [MailAddress("kari@example.no", displayName: name), MailAddress("ola@example.no", displayName: name)],
            subject: "Hei", textBody: "x\n", date: Fixtures.date
        )
        let parsed = try await ParsedMessage.parse(rendered: message.rendered())
        #expect(parsed.defects.isEmpty)
        #expect(parsed.from == [.init(name: name, address: "varsel@samlast.no")])
        #expect(parsed.to == [.init(name: name, address: "kari@example.no"), .init(name: name, address: "ola@example.no")])
    }
}
