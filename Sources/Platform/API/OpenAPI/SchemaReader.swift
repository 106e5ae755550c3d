import Domain
import Foundation

/// Reads the JSON Schema of a `Decodable` type by decoding one value of it from a decoder that
/// answers every question and notes what was asked: each key (required unless asked with
/// `decodeIfPresent`), each primitive type, one element of each array. `APIModel`s become named
/// components, `APIEnumeration`s enums of their cases.
final class SchemaReader {
    /// The named schemas read so far, for `#/components/schemas`.
    private(set) var components: [String: [String: Any]] = [:]

    /// The schema of `type`: a `$ref` for an `APIModel`, else inline.
    func schema(of type: any Decodable.Type) throws -> [String: Any] {
        if let enumeration = type as? any APIEnumeration.Type { return ["type": "string", "enum": enumeration.schemaValues] }
        if let custom = type as? any APICustomSchema.Type { return custom.schema }
        if let dictionary = type as? any StringKeyedDictionary.Type {
            return ["type": "object", "additionalProperties": try schema(of: dictionary.valueType)]
        }
        guard let model = type as? any APIModel.Type else { return try probe(type, rules: [:], isRequest: false) }
        if components[model.schemaName] == nil {
            components[model.schemaName] = [:]  // taken while being read: a type that contains itself refers to itself
            components[model.schemaName] = try probe(type, rules: model.rules, isRequest: model.isRequest)
                .merging(model.constraints) { $1 }
        }
        return ["$ref": "#/components/schemas/\(model.schemaName)"]
    }

    private func probe(_ type: any Decodable.Type, rules: [String: FieldRule], isRequest: Bool) throws -> [String: Any] {
        let probe = Probe(reader: self)
        _ = try type.init(from: probe)
        guard var schema = probe.schema else { throw SchemaError("\(type): its decoding asked for nothing") }
        if var properties = schema["properties"] as? [String: [String: Any]] {
            for (name, property) in properties {
                var property = property
                if let rule = rules[name] { property.merge(rule.keywords) { $1 } }
                // What the server checks of what it is sent; what it answers may be longer (a
                // problem's detail quotes the request).
                if isRequest, property["type"] as? String == "string", property["enum"] == nil, property["format"] == nil,
                   property["maxLength"] == nil {
                    property["maxLength"] = TextPolicy.limit(for: name)
                    property.merge(TextPolicy.identifierFields.contains(name) ? FieldRule.identifier.keywords : FieldRule.text.keywords) { old, _ in old }
                }
                properties[name] = property
            }
            if let unknown = Set(rules.keys).subtracting(properties.keys).sorted().first {
                throw SchemaError("\(type): a rule names '\(unknown)', which is no field of it")
            }
            schema["properties"] = properties
        }
        return schema
    }

    struct SchemaError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    // MARK: The probing decoder

    /// One value being read: what its decoding asked for becomes `schema`.
    private final class Probe: Decoder {
        let reader: SchemaReader
        /// The container the value was read from, which fills in as the decoding asks.
        private var container: (any SchemaSource)?
        /// Or the schema of a single value.
        var single: [String: Any]?
        var codingPath: [any CodingKey] = []
        var userInfo: [CodingUserInfoKey: Any] = [:]

        init(reader: SchemaReader) { self.reader = reader }

        var schema: [String: Any]? { container?.schema ?? single }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            let object = ObjectProbe<Key>(reader: reader)
            container = object
            return KeyedDecodingContainer(object)
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            let array = ArrayProbe(reader: reader)
            container = array
            return array
        }

        func singleValueContainer() throws -> any SingleValueDecodingContainer { ValueProbe(probe: self) }
    }

    private protocol SchemaSource: AnyObject { var schema: [String: Any] { get } }

    private final class ObjectProbe<Key: CodingKey>: KeyedDecodingContainerProtocol, SchemaSource {
        let reader: SchemaReader
        var properties: [String: [String: Any]] = [:]
        var required: [String] = []
        /// Keys asked for as optional: `decodeIfPresent` asks `decodeNil` first, `decode` does not.
        var optional: Set<String> = []
        var codingPath: [any CodingKey] = []
        var allKeys: [Key] { [] }

        init(reader: SchemaReader) { self.reader = reader }

        var schema: [String: Any] {
            ["type": "object", "properties": properties, "required": required.sorted(), "additionalProperties": false]
        }

        func contains(_ key: Key) -> Bool { true }
        func decodeNil(forKey key: Key) throws -> Bool {
            optional.insert(key.stringValue)
            return false
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            if !optional.contains(key.stringValue), !required.contains(key.stringValue) { required.append(key.stringValue) }
            return try read(type, key: key)
        }

        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            optional.insert(key.stringValue)
            return try read(type, key: key)
        }

        private func read<T: Decodable>(_ type: T.Type, key: Key) throws -> T {
            let (schema, value) = try reader.read(type)
            properties[key.stringValue] = schema
            return value
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw SchemaError("nested containers are not read; give the type an APICustomSchema")
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw SchemaError("nested containers are not read; give the type an APICustomSchema")
        }
        func superDecoder() throws -> any Decoder { throw SchemaError("super decoders are not read") }
        func superDecoder(forKey key: Key) throws -> any Decoder { throw SchemaError("super decoders are not read") }
    }

    private final class ArrayProbe: UnkeyedDecodingContainer, SchemaSource {
        let reader: SchemaReader
        var items: [String: Any] = [:]
        var codingPath: [any CodingKey] = []
        var count: Int? { 1 }
        var currentIndex = 0
        var isAtEnd: Bool { currentIndex > 0 }

        init(reader: SchemaReader) { self.reader = reader }

        var schema: [String: Any] { ["type": "array", "items": items] }

        func decodeNil() throws -> Bool { false }
        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            currentIndex += 1
            let (schema, value) = try reader.read(type)
            items = schema
            return value
        }
        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            throw SchemaError("nested containers are not read; give the type an APICustomSchema")
        }
        func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            throw SchemaError("nested containers are not read; give the type an APICustomSchema")
        }
        func superDecoder() throws -> any Decoder { throw SchemaError("super decoders are not read") }
    }

    /// A primitive: its JSON type is noted, a neutral value answered.
    private struct ValueProbe: SingleValueDecodingContainer {
        let probe: Probe
        var codingPath: [any CodingKey] = []

        func decodeNil() -> Bool { false }
        func decode(_ type: Bool.Type) throws -> Bool { note("boolean"); return false }
        func decode(_ type: String.Type) throws -> String { note("string"); return "" }
        func decode(_ type: Double.Type) throws -> Double { note("number"); return 0 }
        func decode(_ type: Float.Type) throws -> Float { note("number"); return 0 }
        func decode(_ type: Int.Type) throws -> Int { note("integer"); return 0 }
        func decode(_ type: Int8.Type) throws -> Int8 { note("integer"); return 0 }
        func decode(_ type: Int16.Type) throws -> Int16 { note("integer"); return 0 }
        func decode(_ type: Int32.Type) throws -> Int32 { note("integer"); return 0 }
        func decode(_ type: Int64.Type) throws -> Int64 { note("integer"); return 0 }
        func decode(_ type: UInt.Type) throws -> UInt { note("integer"); return 0 }
        func decode(_ type: UInt8.Type) throws -> UInt8 { note("integer"); return 0 }
        func decode(_ type: UInt16.Type) throws -> UInt16 { note("integer"); return 0 }
        func decode(_ type: UInt32.Type) throws -> UInt32 { note("integer"); return 0 }
        func decode(_ type: UInt64.Type) throws -> UInt64 { note("integer"); return 0 }
        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let (schema, value) = try probe.reader.read(type)
            probe.single = schema
            return value
        }

        private func note(_ type: String) { probe.single = ["type": type] }
    }

    /// The schema of `type` and a value of it to hand back to the decoding that asked.
    fileprivate func read<T: Decodable>(_ type: T.Type) throws -> ([String: Any], T) {
        switch type {
        case is String.Type: return (["type": "string"], try cast(""))
        case is Bool.Type: return (["type": "boolean"], try cast(false))
        case is Double.Type: return (["type": "number"], try cast(0.0))
        case is Int.Type: return (["type": "integer"], try cast(0))
        case is Int64.Type: return (["type": "integer"], try cast(Int64(0)))
        default: break
        }
        if let enumeration = type as? any APIEnumeration.Type {
            return (["type": "string", "enum": enumeration.schemaValues], try cast(enumeration.sample))
        }
        if let custom = type as? any APICustomSchema.Type { return (custom.schema, try cast(custom.sample)) }
        let schema = try self.schema(of: type)
        let probe = Probe(reader: self)
        let value = try T(from: probe)
        return (schema, value)
    }

    private func cast<T>(_ value: Any) throws -> T {
        guard let value = value as? T else { throw SchemaError("\(T.self) cannot be answered with \(type(of: value))") }
        return value
    }
}

/// A type whose wire form its `Decodable` conformance does not show (custom coding).
protocol APICustomSchema: Decodable {
    static var schema: [String: Any] { get }
    static var sample: Self { get }
}

/// `[String: Value]`: a JSON object with any keys, whose values the reader must see without a key.
protocol StringKeyedDictionary { static var valueType: any Decodable.Type { get } }

extension Dictionary: StringKeyedDictionary where Key == String, Value: Decodable {
    static var valueType: any Decodable.Type { Value.self }
}
