/// A Code 128 barcode symbol (ISO/IEC 15417), ready to be drawn.
///
/// The encoder picks code sets automatically so the symbol is as short as possible:
/// code set B for text, code set C for digit runs where pairs save space (four or more
/// digits at the start or end, six or more in the middle), and code set A only for
/// ASCII control characters. Characters outside ASCII are refused.
public struct Code128: Sendable, Hashable {
    /// Most data characters accepted in one symbol.
    public static let maximumLength = 80
    /// Recommended quiet zone on each side, in modules (ISO/IEC 15417 §4.2.3: at least 10X).
    public static let recommendedQuietZone = 10

    /// The human-readable text printed under the bars.
    public let text: String
    /// Symbol character values in order: start, data, check character, stop (106).
    public let symbolValues: [Int]

    /// Encodes `text` (ASCII only) as a Code 128 symbol.
    public init(_ text: String) throws(Code128Error) {
        let elements = try Code128.elements(of: text)
        try self.init(elements: elements, text: text)
    }

    init(elements: [Element], text: String) throws(Code128Error) {
        let dataCount = elements.count { $0 != .fnc1 }
        guard dataCount > 0 else { throw .empty }
        guard dataCount <= Code128.maximumLength else {
            throw .tooLong(count: dataCount, limit: Code128.maximumLength)
        }
        let data = Code128.encode(elements)
        self.text = text
        self.symbolValues = data + [Code128.checkValue(for: data), Code128.stopValue]
    }

    /// The check character value: weighted sum of start and data values, modulo 103.
    public var checkValue: Int {
        symbolValues[symbolValues.count - 2]
    }

    /// Alternating bar and space widths in modules, starting with a bar and ending with the
    /// stop pattern's termination bar. Quiet zones are not included.
    public var elementWidths: [Int] {
        symbolValues.dropLast().flatMap { Code128.symbolPatterns[$0] } + Code128.stopPattern
    }

    /// Total width of the bars in modules, without quiet zones.
    public var moduleCount: Int {
        elementWidths.reduce(0, +)
    }

    /// One entry per module, `true` for a bar, with `quietZone` light modules on each side.
    public func modules(quietZone: Int = Code128.recommendedQuietZone) -> [Bool] {
        let margin = [Bool](repeating: false, count: max(0, quietZone))
        var result = margin
        for (index, width) in elementWidths.enumerated() {
            result += [Bool](repeating: index.isMultiple(of: 2), count: width)
        }
        return result + margin
    }

    static let stopValue = 106

    static func checkValue(for values: [Int]) -> Int {
        var sum = values.first ?? 0
        for (weight, value) in values.enumerated().dropFirst() {
            sum += weight * value
        }
        return sum % 103
    }

    /// Splits `text` into ASCII elements, naming the first character that is not ASCII.
    static func elements(of text: String) throws(Code128Error) -> [Element] {
        var elements: [Element] = []
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            guard scalar.isASCII else {
                throw .unsupportedCharacter(Character(scalar), offset: offset)
            }
            elements.append(.ascii(UInt8(scalar.value)))
        }
        return elements
    }
}

/// Why a Code 128 symbol could not be made.
public enum Code128Error: Error, Sendable, Hashable, CustomStringConvertible {
    /// There was nothing to encode.
    case empty
    /// More data characters than a symbol may hold.
    case tooLong(count: Int, limit: Int)
    /// A character that Code 128 cannot carry, at a 0-based offset in the input's Unicode scalars.
    case unsupportedCharacter(Character, offset: Int)
    /// A GS1 application identifier that is not 2–4 digits or has the wrong length for its prefix.
    case invalidApplicationIdentifier(String)
    /// A GS1 element value that does not fit its application identifier.
    case invalidElementValue(applicationIdentifier: String, value: String, reason: String)

    public var description: String {
        switch self {
        case .empty:
            "Code 128: nothing to encode (empty input)"
        case let .tooLong(count, limit):
            "Code 128: \(count) data characters is too long (at most \(limit))"
        case let .unsupportedCharacter(character, offset):
            "Code 128: unsupported character \(character.codePoints) '\(character.escapedForMessage)' "
                + "at offset \(offset); only ASCII can be encoded"
        case let .invalidApplicationIdentifier(identifier):
            "GS1-128: invalid application identifier '\(identifier)'"
        case let .invalidElementValue(identifier, value, reason):
            "GS1-128: value '\(value)' for AI (\(identifier)) is invalid: \(reason)"
        }
    }
}

extension Character {
    fileprivate var escapedForMessage: String {
        unicodeScalars.map { $0.escaped(asASCII: false) }.joined()
    }

    fileprivate var codePoints: String {
        unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined(separator: " ")
    }
}
