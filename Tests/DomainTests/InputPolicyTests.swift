import Foundation
import Testing
@testable import Domain

@Suite struct TextPolicyTests {
    @Test func twoSpellingsOfOneTextAreOneValue() throws {
        // "BÅ1" precomposed and with a combining ring are one string after NFC.
        #expect(TextPolicy.normalised("B\u{C5}1").unicodeScalars.elementsEqual(TextPolicy.normalised("BA\u{30A}1").unicodeScalars))
        // The Kelvin sign is canonically the letter K, so it is an ASCII identifier after NFC.
        #expect(try TextPolicy.identifier("\u{212A}-1") == "K-1")
    }

    @Test(arguments: [
        "B\u{C5}1", "BA\u{30A}1",  // non-ASCII letters, whatever the spelling
        "\u{FF11}\u{FF12}\u{FF13}",  // fullwidth digits
        "\u{661}\u{662}\u{663}",  // Arabic-Indic digits
        "\u{410}-1",  // Cyrillic A, a look-alike of Latin A
        "\u{301}\u{301}",  // only combining marks
        "P 1", "P/1", "P\u{0}1", "",
        String(repeating: "9", count: 101),
    ])
    func identifiersOutsideTheAllowedSetAreRefused(_ text: String) {
        #expect(throws: TextPolicy.Violation.self) { try TextPolicy.identifier(text) }
    }

    @Test func scannerLabelsAreIdentifiers() throws {
        for label in ["00373500000000001234", "GS1:4012345000009", "PN-2026.11_01", String(repeating: "7", count: 100)] {
            #expect(try TextPolicy.identifier(label) == label)
        }
    }

    @Test func emailsAreCaseFoldedAndChecked() throws {
        #expect(try TextPolicy.email(" Upper.Case@Hubco.TEST ") == "upper.case@hubco.test")
        for bad in ["no-at-sign", "@domain.no", "a@nodot", "a b@c.no", "a@b.no\u{0}", "a@.no"] {
            #expect(throws: TextPolicy.Violation.self, "\(bad)") { try TextPolicy.email(bad) }
        }
    }

    @Test func freeTextRefusesControlCharactersAndOverlongValues() throws {
        #expect(try TextPolicy.text("Ring the caretaker\nGate code 1234\tthen left", limit: 200) == "Ring the caretaker\nGate code 1234\tthen left")
        #expect(throws: TextPolicy.Violation.controlCharacter(0)) { try TextPolicy.text("before\u{0}after", limit: 200) }
        #expect(throws: TextPolicy.Violation.controlCharacter(0x1B)) { try TextPolicy.text("\u{1B}[31m", limit: 200) }
        #expect(throws: TextPolicy.Violation.controlCharacter(0x85)) { try TextPolicy.text("a\u{85}b", limit: 200) }
        #expect(throws: TextPolicy.Violation.controlCharacter(0x0A)) { try TextPolicy.text("one\nline", limit: 200, allowLineBreaks: false) }
        #expect(throws: TextPolicy.Violation.tooLong(limit: 2000, length: 102_400)) { try TextPolicy.text(String(repeating: "x", count: 102_400), limit: 2000) }
        #expect(TextPolicy.limit(for: "accessNotes") == 2000 && TextPolicy.limit(for: "barcode") == 100 && TextPolicy.limit(for: "anything") == 200)
        // Lengths are code points, as JSON Schema's maxLength counts them: 3 letters with marks
        // that NFC cannot join are 3 characters but 6 code points.
        let marked = String(repeating: "q\u{301}", count: 3)
        #expect(marked.count == 3)
        #expect(throws: TextPolicy.Violation.tooLong(limit: 5, length: 6)) { try TextPolicy.text(marked, limit: 5) }
        #expect(try TextPolicy.text(marked, limit: 6) == marked)
    }
}

@Suite struct PasswordPolicyTests {
    @Test func theShippedListIsLoaded() {
        #expect(PasswordPolicy.commonPasswords.count > 9_000)
        #expect(PasswordPolicy.commonPasswords.contains("password") && PasswordPolicy.commonPasswords.contains("passord"))
    }

    @Test(arguments: [
        ("short pass", PasswordPolicy.Violation.tooShort),
        (String(repeating: " ", count: 12), .blank),
        (String(repeating: "x", count: 129), .tooLong),
        ("password1234", .common), ("Passord2026!!", .common), ("qwertyuiop12", .common), ("123qweasdzxc", .common),
        ("aaaaaaaaaaaa", .common), ("abcabcabcabc", .common), ("123456789012", .common), ("987654321098", .common),
        ("kari.nordmann@hubco.no", .personal), ("my kari.nordmann secret", .personal),
    ])
    func weakPasswordsAreRefused(_ password: String, _ violation: PasswordPolicy.Violation) {
        #expect(throws: violation) { try PasswordPolicy.check(password, email: "kari.nordmann@hubco.no", name: "Kari Nordmann") }
    }

    @Test func longUnrelatedPasswordsPass() throws {
        try PasswordPolicy.check("correct horse battery", email: "kari@hubco.no", name: "Kari")
        try PasswordPolicy.check(String(repeating: "mørk blå fjord ", count: 8), email: nil, name: nil)  // 120 characters
    }
}

@Suite struct LoginThrottleTests {
    let rule = LoginThrottle.Rule(freeFailures: 5, firstDelay: 1, maximumDelay: 900)

    @Test func delaysDoubleAfterTheFreeFailuresUpToTheCeiling() {
        #expect((1...5).map { rule.delay(afterFailures: $0) } == [0, 0, 0, 0, 0])
        #expect((6...10).map { rule.delay(afterFailures: $0) } == [1, 2, 4, 8, 16])
        #expect(rule.delay(afterFailures: 20) == 900 && rule.delay(afterFailures: 10_000) == 900)
    }

    @Test func failuresAreForgottenAfterTheMemory() {
        let throttle = LoginThrottle(memory: 3600)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(throttle.failures(after: 7, lastFailure: now.addingTimeInterval(-60), now: now) == 8)
        #expect(throttle.failures(after: 7, lastFailure: now.addingTimeInterval(-3601), now: now) == 1)
        #expect(throttle.failures(after: 0, lastFailure: nil, now: now) == 1)
    }

    @Test func oneAccountFromOneAddressClosesFirst() {
        let throttle = LoginThrottle()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(throttle.blockedUntil(scope: .accountFromAddress, failures: 6, now: now) == now.addingTimeInterval(1))
        #expect(throttle.blockedUntil(scope: .account, failures: 6, now: now) == nil)
        #expect(throttle.blockedUntil(scope: .address, failures: 20, now: now) == nil)
        #expect(throttle.blockedUntil(scope: .address, failures: 21, now: now) == now.addingTimeInterval(1))
        let keys = LoginThrottle.keys(email: "a@b.no", address: "10.0.0.1").map(\.1)
        #expect(keys == ["pair:a@b.no|10.0.0.1", "account:a@b.no", "address:10.0.0.1"])
    }
}
