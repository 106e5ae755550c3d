import Foundation

/// What a password must be (OWASP ASVS 5.0 V6.2): 12 to 128 characters, not only white space,
/// and not a commonly used password — neither one of the shipped list nor one of them with
/// digits and symbols around it (`password1234`), a run of one short pattern
/// (`abcabcabcabc`), nor the account's own e-mail address or name.
public enum PasswordPolicy {
    public static let minimumLength = 12
    public static let maximumLength = 128

    public enum Violation: Error, Equatable, Sendable, CustomStringConvertible {
        case tooShort, tooLong, blank, common, personal

        public var description: String {
            switch self {
            case .tooShort: "must have at least \(PasswordPolicy.minimumLength) characters"
            case .tooLong: "must have at most \(PasswordPolicy.maximumLength) characters"
            case .blank: "must not be only white space"
            case .common: "is a commonly used password; choose another (a few unrelated words make a good one)"
            case .personal: "must not contain the account's e-mail address or name"
            }
        }
    }

    /// Checks `password` (in NFC) for an account with the given e-mail address and name.
    public static func check(_ password: String, email: String?, name: String?) throws(Violation) {
        let value = TextPolicy.normalised(password)
        guard value.count >= minimumLength else { throw .tooShort }
        guard value.count <= maximumLength else { throw .tooLong }
        guard value.contains(where: { !$0.isWhitespace }) else { throw .blank }
        let folded = value.lowercased()
        let personal = [email?.lowercased(), email.flatMap { $0.split(separator: "@").first.map { String($0).lowercased() } }, name?.lowercased()]
        if personal.contains(where: { ($0?.count ?? 0) >= 4 && folded.contains($0 ?? "") }) { throw .personal }
        if isCommon(folded) { throw .common }
    }

    /// Whether a lower-cased password is common: listed, listed with digits and symbols around
    /// it, or a repetition of a unit of at most four characters.
    static func isCommon(_ folded: String) -> Bool {
        if commonPasswords.contains(folded) { return true }
        let core = folded.trimmingCharacters(in: CharacterSet.letters.inverted)
        if core.count >= 4 && commonPasswords.contains(core) { return true }
        let characters = Array(folded)
        for unit in 1...4 where characters.indices.allSatisfy({ characters[$0] == characters[$0 % unit] }) { return true }
        return isSequence(characters)
    }

    /// Ascending or descending runs such as `123456789012` (digits wrap from 9 to 0) or `abcdefghijkl`.
    private static func isSequence(_ characters: [Character]) -> Bool {
        let values = characters.compactMap { $0.asciiValue.map(Int.init) }
        guard values.count == characters.count, values.count > 1 else { return false }
        let steps = Set(zip(values, values.dropFirst()).map { $1 - $0 })
        return steps.isSubset(of: [1, -9]) || steps.isSubset(of: [-1, 9])
    }

    /// The shipped list (`Resources/common-passwords.txt`), lower-cased.
    static let commonPasswords: Set<String> = {
        guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return Set(text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init))
    }()
}
