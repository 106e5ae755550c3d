extension Code128 {
    /// Most data characters (application identifiers plus values) in one GS1-128 symbol,
    /// per the GS1 General Specifications.
    public static let maximumGS1Length = 48

    /// Encodes GS1 element strings as GS1-128: FNC1 first, then each application identifier
    /// and value, with an FNC1 separator after every variable-length element except the last.
    ///
    /// Example: `try Code128.gs1([("00", "376130321109103420")])`.
    /// Fixed-length identifiers (00–04, 11–20, 31–36, 41) must have exactly their predefined
    /// length and only digits; the check digit of 00, 01 and 02 is verified.
    public static func gs1(_ elements: [(applicationIdentifier: String, value: String)]) throws(Code128Error) -> Code128 {
        guard !elements.isEmpty else { throw .empty }
        var encoded: [Element] = [.fnc1]
        var humanReadable = ""
        for (index, element) in elements.enumerated() {
            let fixedLength = try validate(element.applicationIdentifier, element.value)
            encoded += (element.applicationIdentifier + element.value).utf8.map(Element.ascii)
            if fixedLength == nil, index < elements.count - 1 {
                encoded.append(.fnc1)
            }
            humanReadable += "(\(element.applicationIdentifier))\(element.value)"
        }
        let dataCount = encoded.count { $0 != .fnc1 }
        guard dataCount <= maximumGS1Length else {
            throw .tooLong(count: dataCount, limit: maximumGS1Length)
        }
        return try Code128(elements: encoded, text: humanReadable)
    }

    /// Data length of identifiers whose length is predefined by their first two digits,
    /// as (identifier length, data length).
    private static let predefinedLengths: [String: (identifier: Int, data: Int)] = {
        var table: [String: (identifier: Int, data: Int)] = [
            "00": (2, 18), "01": (2, 14), "02": (2, 14), "03": (2, 14), "04": (2, 16), "20": (2, 2), "41": (3, 13),
        ]
        for prefix in 11...19 { table[String(prefix)] = (2, 6) }
        for prefix in 31...36 { table[String(prefix)] = (4, 6) }
        return table
    }()

    private static let identifiersWithCheckDigit: Set<String> = ["00", "01", "02"]

    /// GS1 AI encodable character set 82.
    private static let gs1Characters = Set("!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz")

    /// Checks one element and returns its predefined data length, or nil if it is variable length.
    private static func validate(_ identifier: String, _ value: String) throws(Code128Error) -> Int? {
        guard (2...4).contains(identifier.count), identifier.allSatisfy(\.isASCIIDigit) else {
            throw .invalidApplicationIdentifier(identifier)
        }
        guard !value.isEmpty else {
            throw .invalidElementValue(applicationIdentifier: identifier, value: value, reason: "empty")
        }
        if let offending = value.first(where: { !gs1Characters.contains($0) }) {
            throw .invalidElementValue(
                applicationIdentifier: identifier, value: value,
                reason: "'\(offending)' is not in the GS1 character set")
        }
        guard let lengths = predefinedLengths[String(identifier.prefix(2))] else { return nil }
        guard identifier.count == lengths.identifier else {
            throw .invalidApplicationIdentifier(identifier)
        }
        guard value.count == lengths.data, value.allSatisfy(\.isASCIIDigit) else {
            throw .invalidElementValue(
                applicationIdentifier: identifier, value: value,
                reason: "needs exactly \(lengths.data) digits")
        }
        if identifiersWithCheckDigit.contains(identifier) {
            let digits = value.compactMap(\.wholeNumberValue)
            let expected = gs1CheckDigit(for: digits.dropLast())
            guard digits.last == expected else {
                throw .invalidElementValue(
                    applicationIdentifier: identifier, value: value,
                    reason: "check digit should be \(expected)")
            }
        }
        return lengths.data
    }

    /// The GS1 modulo-10 check digit: weights 3, 1, 3, … from the rightmost digit.
    public static func gs1CheckDigit<Digits: Collection<Int>>(for digits: Digits) -> Int {
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() {
            sum += digit * (offset.isMultiple(of: 2) ? 3 : 1)
        }
        return (10 - sum % 10) % 10
    }
}

extension Character {
    var isASCIIDigit: Bool {
        isASCII && isNumber
    }
}
