/// A quantity in several capacity dimensions at once (e.g. kg, litres, parcels, pallets).
/// The problem names the dimensions; every amount in it has that many entries.
public struct Amount: Hashable, Sendable, Codable, ExpressibleByArrayLiteral {
    public var values: [Int]

    public init(_ values: [Int]) { self.values = values }
    public init(arrayLiteral elements: Int...) { values = elements }
    public static func zero(dimensions: Int) -> Amount { Amount(Array(repeating: 0, count: dimensions)) }

    public var dimensions: Int { values.count }
    public subscript(dimension: Int) -> Int { values[dimension] }

    public init(from decoder: Decoder) throws {
        values = try decoder.singleValueContainer().decode([Int].self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }
}
