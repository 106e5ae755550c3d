/// Rendering a ``MailMessage`` as an RFC 5322 / MIME 1.0 message.
extension MailMessage {
    /// The complete message, header and body, with CRLF line endings and only 7-bit characters.
    ///
    /// Non-ASCII subject and display names become RFC 2047 encoded-words, header lines are folded at
    /// 78 characters where they have spaces to fold at, and bodies are UTF-8 quoted-printable
    /// (lines of at most 76 characters). With an HTML body the message is `multipart/alternative`,
    /// plain text first. Rendering the same message twice gives the same text.
    public func rendered() -> String {
        var header = HeaderFolding.field("Date", [RFC5322Date.format(date, in: timeZone)])
        header += HeaderFolding.field("From", HeaderFolding.mailboxListTokens([from]))
        header += HeaderFolding.field("To", HeaderFolding.mailboxListTokens(to))
        if let replyTo {
            header += HeaderFolding.field("Reply-To", HeaderFolding.mailboxListTokens([replyTo]))
        }
        header += HeaderFolding.field("Subject", HeaderFolding.unstructuredTokens(subject))
        header += HeaderFolding.field("Message-ID", [messageID])
        if let listUnsubscribe {
            header += HeaderFolding.field("List-Unsubscribe", ["<\(listUnsubscribe.absoluteString)>"])
            header += HeaderFolding.field("List-Unsubscribe-Post", ["List-Unsubscribe=One-Click"])
        }
        header += HeaderFolding.field("MIME-Version", ["1.0"])

        guard let htmlBody else {
            return header + Self.textPart(subtype: "plain", textBody)
        }
        header += HeaderFolding.field("Content-Type", ["multipart/alternative;", "boundary=\"\(boundary)\""])
        return header + "\r\n"
            + "--\(boundary)\r\n" + Self.textPart(subtype: "plain", textBody)
            + "\r\n--\(boundary)\r\n" + Self.textPart(subtype: "html", htmlBody)
            + "\r\n--\(boundary)--\r\n"
    }

    /// Content header fields, the blank line, and the quoted-printable body (ending in CRLF).
    private static func textPart(subtype: String, _ text: String) -> String {
        HeaderFolding.field("Content-Type", ["text/\(subtype);", "charset=utf-8"])
            + HeaderFolding.field("Content-Transfer-Encoding", ["quoted-printable"])
            + "\r\n"
            + QuotedPrintable.encode(text)
    }
}
