import Testing
@testable import Mail

struct QuotedPrintableTests {
    @Test func escapesEqualsSignsAndNonASCII() {
        #expect(QuotedPrintable.encode("a=b") == "a=3Db\r\n")
        #expect(QuotedPrintable.encode("på") == "p=C3=A5\r\n")
        #expect(QuotedPrintable.encode("tab\tand space ok") == "tab\tand space ok\r\n")
    }

    @Test func encodesWhitespaceAtTheEndOfALine() {
        #expect(QuotedPrintable.encode("slutt \nneste\t") == "slutt=20\r\nneste=09\r\n")
    }

    @Test func normalisesLineBreaksAndAddsAFinalOne() {
        #expect(QuotedPrintable.encode("a\r\nb\rc\nd") == "a\r\nb\r\nc\r\nd\r\n")
        #expect(QuotedPrintable.encode("a\n\n") == "a\r\n\r\n")
        #expect(QuotedPrintable.encode("") == "")
    }

    @Test func softBreaksKeepLinesWithin76AndNeverSplitAnEscape() {
        let text = String(repeating: "æ", count: 40) + " " + String(repeating: "x", count: 200)
        let lines = QuotedPrintable.encode(text).components(separatedBy: "\r\n").dropLast()
        #expect(lines.count > 3)
        for line in lines {
            #expect(line.utf8.count <= 76)
        }
        for line in lines.dropLast() {
            #expect(line.hasSuffix("="))
            #expect(!line.dropLast().hasSuffix("=") && !line.dropLast(2).hasSuffix("="), "escape split in \(line)")
        }
        let decoded = lines.map { $0.hasSuffix("=") ? String($0.dropLast()) : $0 }.joined()
        #expect(decoded.replacingOccurrences(of: "=C3=A6", with: "æ") == text)
    }

    @Test func lineOfExactly76CharactersIsNotBroken() {
        let line = String(repeating: "y", count: 76)
        #expect(QuotedPrintable.encode(line) == line + "\r\n")
        #expect(QuotedPrintable.encode(line + "z") == String(repeating: "y", count: 75) + "=\r\nyz\r\n")
    }
}

struct EncodedWordsTests {
    @Test func mostlyASCIITextUsesQ() {
        #expect(EncodedWords.encode("Pakken er på vei") == ["=?utf-8?q?Pakken_er_p=C3=A5_vei?="])
    }

    @Test func mostlyNonASCIITextUsesB() {
        #expect(EncodedWords.encode("Посылка") == ["=?utf-8?b?0J/QvtGB0YvQu9C60LA=?="])
    }

    @Test func qEscapesPhraseSpecials() {
        #expect(EncodedWords.encode("Kari (på) Nordmann, Oslo") == ["=?utf-8?q?Kari_=28p=C3=A5=29_Nordmann=2C_Oslo?="])
    }

    @Test func longTextIsSplitIntoWordsOfWholeCharacters() {
        let text = String(repeating: "Østfold–Vestfold ", count: 10) + "🚚📦"
        let words = EncodedWords.encode(text)
        #expect(words.count > 3)
        for word in words {
            #expect(word.utf8.count <= EncodedWords.maxWordLength)
            #expect(word.hasPrefix("=?utf-8?") && word.hasSuffix("?="))
        }
    }
}

struct HeaderFoldingTests {
    @Test func foldsAtSpacesOnlyAndUnfoldsToTheOriginal() {
        let words = (1...30).map { "ord\($0)" }
        let field = HeaderFolding.field("Subject", words)
        let lines = field.components(separatedBy: "\r\n").dropLast()
        #expect(lines.count > 1)
        for line in lines {
            #expect(line.utf8.count <= 78)
        }
        for line in lines.dropFirst() {
            #expect(line.hasPrefix(" "))
        }
        #expect(field.replacingOccurrences(of: "\r\n ", with: " ") == "Subject: " + words.joined(separator: " ") + "\r\n")
    }

    @Test func mailboxListSeparatesWithCommas() {
        let tokens = HeaderFolding.mailboxListTokens([
            MailAddress("kari@example.no", displayName: "Kari Nordmann"),
            MailAddress("ola@example.no"),
            MailAddress("per@example.no", displayName: "Nordmann, Per"),
        ])
        #expect(tokens.joined(separator: " ")
            == "Kari Nordmann <kari@example.no>, ola@example.no, \"Nordmann, Per\" <per@example.no>")
    }
}
