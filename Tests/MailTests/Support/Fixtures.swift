import Foundation
import Mail

/// Messages and texts shared by the tests.
enum Fixtures {
    static let subject = "Pakken din er på vei – levering i dag"

    /// A body with the lines that stress encoding: leading dots, trailing spaces, a long line, `=` and non-ASCII.
    static let textBody = [
        "Hei Kari!",
        "",
        "Pakken din fra Samlast er på vei og leveres i dag mellom 14:00 og 16:00.",
        ".Denne linjen starter med punktum.",
        "..og denne med to.",
        ".",
        "Linje med mellomrom på slutten   ",
        "En veldig lang linje som er lengre enn syttiseks tegn, slik at quoted-printable må bryte den: æøå ÆØÅ – ferdig.",
        "From depotet: 12 pakker = 3 ruter.",
        "",
        "Hilsen Samlast",
    ].joined(separator: "\n") + "\n"

    static let htmlBody = "<p>Pakken din er p&aring; vei &ndash; levering i dag.</p>\n<p>.Punktum først.</p>\n"

    static let sender = MailAddress("varsel@samlast.no", displayName: "Samlast Levering")

    static let date = Date(timeIntervalSince1970: 1_750_000_000)

    static func message(
        to recipients: [MailAddress] = [MailAddress("kari@example.no", displayName: "Kari Bjørnstad Ærø")],
        htmlBody: String? = nil,
        listUnsubscribe: URL? = nil
    ) throws -> MailMessage {
        try MailMessage(
            from: sender,
            to: recipients,
            replyTo: MailAddress("kundeservice@samlast.no", displayName: "Kundeservice, Samlast"),
            subject: subject,
            textBody: textBody,
            htmlBody: htmlBody,
            listUnsubscribe: listUnsubscribe,
            date: date,
            timeZone: TimeZone(identifier: "Europe/Oslo") ?? .gmt
        )
    }
}
