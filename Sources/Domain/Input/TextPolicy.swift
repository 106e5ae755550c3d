import Foundation

/// The one normalisation and character policy for text that clients send: every string is
/// brought to Unicode NFC first, so two spellings of the same text (`B\u{C5}1` and
/// `BA\u{30A}1`) are one value before anything compares, stores or indexes it. Then:
///
/// - **identifiers** (barcodes, references, event ids, ids of organisations, hubs, sites,
///   vehicles and accounts) are 1–100 characters of ASCII letters, digits and `- _ . :` —
///   the part of GS1's character set 82 that scanners emit for parcel labels (SSCC, GTIN,
///   carriers' alphanumeric labels) and that stands in a URL path without escaping. Letters
///   keep their case (Code 128 distinguishes it).
/// - **e-mail addresses** are case-folded (lower case), at most 254 characters, `local@domain`.
/// - **free text** (names, addresses, access notes, reasons) has no control characters but
///   tab and line breaks, and a documented maximum length per field (`TextPolicy.limits`).
public enum TextPolicy {
    /// What is wrong with a text, said without the field (the caller names it).
    public enum Violation: Error, Equatable, Sendable, CustomStringConvertible {
        case empty
        case tooLong(limit: Int, length: Int)
        case controlCharacter(UInt32)
        case notAllowed(String)
        case notAnEmail

        public var description: String {
            switch self {
            case .empty: "must not be empty"
            case let .tooLong(limit, length): "is \(length) characters long; at most \(limit) are allowed"
            case let .controlCharacter(value): "contains the control character U+\(String(format: "%04X", value)), which is not allowed in text"
            case let .notAllowed(what): what
            case .notAnEmail: "is not an e-mail address (local-part@domain)"
            }
        }
    }

    public static let identifierLength = 100
    public static let emailLength = 254

    /// Characters of an identifier besides ASCII letters and digits.
    public static let identifierPunctuation: Set<Character> = ["-", "_", ".", ":"]

    /// The identifier rule as a regular expression, for the API contract.
    public static let identifierPattern = "^[A-Za-z0-9._:-]{1,100}$"

    /// Maximum lengths of the free-text fields of the API, by JSON field name, in Unicode code
    /// points after NFC — what JSON Schema's `maxLength` counts, so the published contract and
    /// the check agree.
    /// A string field not named here may be at most `defaultLimit` long.
    public static let limits: [String: Int] = [
        "name": 200, "address": 300, "accessNotes": 2000, "reason": 1000, "receiverName": 200,
        "photoReference": 500, "email": emailLength, "password": PasswordPolicy.maximumLength,
    ].merging(identifierFields.map { ($0, identifierLength) }) { $1 }

    /// Fields that hold identifiers (limited to `identifierLength`).
    public static let identifierFields = [
        "id", "barcode", "reference", "eventId", "hubId", "siteId", "carrierId", "shipperId", "recipientId", "organisationId",
        "accountId", "driverId", "operatorId", "municipalityId", "routeId", "planId", "vehicleId",
    ]
    public static let defaultLimit = 200

    /// The limit for a field named `key` (identifiers are checked again by `identifier`).
    public static func limit(for key: String) -> Int { limits[key] ?? defaultLimit }

    /// NFC, the one normal form every stored and compared text has.
    public static func normalised(_ text: String) -> String {
        // ASCII is already NFC; Foundation's mapping is a large part of decoding a batch of events.
        text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCanonicalMapping
    }

    /// Normalises an identifier and checks it against the identifier rule.
    public static func identifier(_ text: String) throws(Violation) -> String {
        let value = normalised(text)
        guard !value.isEmpty else { throw .empty }
        guard value.unicodeScalars.count <= identifierLength else { throw .tooLong(limit: identifierLength, length: value.unicodeScalars.count) }
        if let bad = value.first(where: { !($0.isASCII && ($0.isLetter || $0.isNumber)) && !identifierPunctuation.contains($0) }) {
            throw .notAllowed("has '\(bad.unicodeScalars.map { "U+" + String(format: "%04X", $0.value) }.joined(separator: " "))'; "
                + "identifiers are 1–100 ASCII letters, digits or - _ . :")
        }
        return value
    }

    /// Normalises and case-folds an e-mail address, checking its shape.
    public static func email(_ text: String) throws(Violation) -> String {
        let value = normalised(text).trimmingCharacters(in: .whitespaces).lowercased()
        guard value.unicodeScalars.count <= emailLength else { throw .tooLong(limit: emailLength, length: value.unicodeScalars.count) }
        try checkCharacters(value, allowLineBreaks: false)
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !value.contains(where: \.isWhitespace) else { throw .notAnEmail }
        return value
    }

    /// A phone number in E.164 (`+4791234567`): spaces, dashes, dots and brackets dropped, a
    /// leading `00` read as `+`, and a Norwegian eight-digit number given `+47`.
    public static func phoneNumber(_ text: String) throws(Violation) -> String {
        var digits = normalised(text).filter { !" -().".contains($0) }
        if digits.count == 8, digits.allSatisfy({ $0.isASCII && $0.isNumber }) { digits = "+47" + digits }
        if digits.hasPrefix("00") { digits = "+" + digits.dropFirst(2) }
        let number = digits.dropFirst()
        guard digits.hasPrefix("+"), (7...15).contains(number.count), number.allSatisfy({ $0.isASCII && $0.isNumber }), number.first != "0" else {
            throw .notAllowed("is not a phone number; write it in E.164 form like +4791234567")
        }
        return digits
    }

    /// Normalises free text and checks its characters and length.
    public static func text(_ text: String, limit: Int, allowLineBreaks: Bool = true) throws(Violation) -> String {
        let value = normalised(text)
        guard value.unicodeScalars.count <= limit else { throw .tooLong(limit: limit, length: value.unicodeScalars.count) }
        try checkCharacters(value, allowLineBreaks: allowLineBreaks)
        return value
    }

    /// Refuses C0 and C1 control characters and DEL; tab, and with `allowLineBreaks` CR and LF, pass.
    public static func checkCharacters(_ value: String, allowLineBreaks: Bool) throws(Violation) {
        for scalar in value.unicodeScalars {
            let v = scalar.value
            let control = v < 0x20 || (0x7F...0x9F).contains(v)
            let allowed = v == 0x09 || (allowLineBreaks && (v == 0x0A || v == 0x0D))
            if control && !allowed { throw .controlCharacter(v) }
        }
    }
}
