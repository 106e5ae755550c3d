import Foundation

/// A coding key for any field name, used to find fields a document type does not know.
public struct AnyCodingKey: CodingKey {
    public var stringValue: String
    public var intValue: Int?
    public init(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { stringValue = String(intValue); self.intValue = intValue }
}

extension Decoder {
    /// Throws for the first field of the current object that is not in `known` — a typo in a
    /// field name should be an error, not a silently ignored constraint.
    public func rejectUnknownKeys<Key: CodingKey & CaseIterable>(_ known: Key.Type) throws {
        let names = Set(Key.allCases.map(\.stringValue))
        let container = try self.container(keyedBy: AnyCodingKey.self)
        for key in container.allKeys where !names.contains(key.stringValue) {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: codingPath + [key],
                debugDescription: "unknown field '\(key.stringValue)'; expected one of: \(names.sorted().joined(separator: ", "))"))
        }
    }
}

extension DecodingError {
    /// `jobs[3].timeWindows[0]: expected …` — a path and message a person can act on.
    public var pathAndMessage: String {
        func path(_ keys: [CodingKey]) -> String {
            var result = "$"
            for key in keys {
                if let index = key.intValue { result += "[\(index)]" } else { result += ".\(key.stringValue)" }
            }
            return result
        }
        switch self {
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(Self.describe(type)); \(context.debugDescription)"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(Self.describe(type)), found null"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): required field is missing"
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as NSError?).map { " (\($0.localizedDescription))" } ?? ""
            return "\(path(context.codingPath)): \(context.debugDescription)\(underlying)"
        @unknown default:
            return "\(self)"
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Double.Type, is Int.Type: return "a number"
        case is Bool.Type: return "true or false"
        case is [Any].Type: return "an array"
        default: return "\(type)"
        }
    }
}
