import Foundation

/// Turns header values into folded RFC 5322 header lines.
///
/// A value is a list of tokens that are joined by single spaces; a line is folded only at those spaces,
/// so unfolding (removing each CRLF before a space) gives back exactly the joined value.
enum HeaderFolding {
    /// The line length RFC 5322 §2.1.1 recommends not to exceed.
    static let preferredLineLength = 78

    /// `Name: token token…` as one or more lines, each ending in CRLF.
    static func field(_ name: String, _ tokens: [String]) -> String {
        var output = ""
        var line = name + ":"
        var lineHasToken = false
        for token in tokens {
            if lineHasToken, line.utf8.count + 1 + token.utf8.count > preferredLineLength {
                output += line + "\r\n"
                line = ""
            }
            line += " " + token
            lineHasToken = true
        }
        return output + line + "\r\n"
    }

    /// Tokens for unstructured text such as the Subject: its words if it is plain ASCII, else encoded-words.
    static func unstructuredTokens(_ text: String) -> [String] {
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        let isPlain = text.utf8.allSatisfy { (0x20...0x7E).contains($0) }
            && !text.contains("=?")
            && words.allSatisfy { !$0.isEmpty && $0.utf8.count <= preferredLineLength - 10 }
        if text.isEmpty {
            return []
        }
        if isPlain {
            return words.map(String.init)
        }
        return EncodedWords.encode(text)
    }

    /// Tokens for a display name (an RFC 5322 phrase): atoms, one quoted-string, or atoms and encoded-words.
    ///
    /// Non-ASCII names keep their plain ASCII words as atoms and encode each run of other words as
    /// encoded-words. Runs stay short that way, so a run rarely needs two adjacent encoded-words, whose
    /// separating space RFC 2047 decoders drop but Python 3.11's address parser keeps.
    static func phraseTokens(_ name: String) -> [String] {
        let words = name.split(separator: " ", omittingEmptySubsequences: false)
        let isSingleSpaced = words.allSatisfy { !$0.isEmpty }
        let isAtom = { (word: Substring) in
            word.utf8.allSatisfy(MailAddress.isAtext) && !word.contains("=?") && word.utf8.count <= preferredLineLength - 20
        }
        if isSingleSpaced, words.allSatisfy(isAtom) {
            return words.map(String.init)
        }
        let isPrintableASCII = name.utf8.allSatisfy { (0x20...0x7E).contains($0) }
        if isPrintableASCII, !name.contains("=?"), name.utf8.count <= preferredLineLength - 20 {
            let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return ["\"\(escaped)\""]
        }
        guard isSingleSpaced else {
            return EncodedWords.encode(name)
        }
        var tokens: [String] = []
        var run: [Substring] = []
        for word in words {
            if isAtom(word) {
                if !run.isEmpty {
                    tokens += EncodedWords.encode(run.joined(separator: " "))
                    run = []
                }
                tokens.append(String(word))
            } else {
                run.append(word)
            }
        }
        if !run.isEmpty {
            tokens += EncodedWords.encode(run.joined(separator: " "))
        }
        return tokens
    }

    /// Tokens for a list of mailboxes, comma-separated: `name <address>, address`.
    static func mailboxListTokens(_ mailboxes: [MailAddress]) -> [String] {
        var tokens: [String] = []
        for (index, mailbox) in mailboxes.enumerated() {
            var mailboxTokens: [String]
            if let displayName = mailbox.displayName, !displayName.isEmpty {
                mailboxTokens = phraseTokens(displayName) + ["<\(mailbox.address)>"]
            } else {
                mailboxTokens = [mailbox.address]
            }
            if index < mailboxes.count - 1 {
                mailboxTokens[mailboxTokens.count - 1] += ","
            }
            tokens += mailboxTokens
        }
        return tokens
    }
}
