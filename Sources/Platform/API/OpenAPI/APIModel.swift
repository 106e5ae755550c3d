import Domain
import Routing
import Store

/// A type of the API's wire format. Its JSON Schema is read off its `Decodable` conformance
/// (`SchemaReader`): the fields, their types, which are optional, and enums from `allCases`.
/// What a Swift type cannot say — formats, bounds, patterns, descriptions — `rules` adds, next
/// to the type, from the same constants the server checks with.
protocol APIModel: Decodable {
    /// Its name under `#/components/schemas`.
    static var schemaName: String { get }
    /// Rules for its fields, by JSON name.
    static var rules: [String: FieldRule] { get }
    /// Whether it is a request body: its text then carries the server's length and character
    /// rules, its identifier fields the identifier rule.
    static var isRequest: Bool { get }
    /// Rules between its fields (`allOf` of `if`/`then`, `dependentRequired`), as JSON Schema.
    static var constraints: [String: Any] { get }
}

extension APIModel {
    static var rules: [String: FieldRule] { [:] }
    static var isRequest: Bool { false }
    static var constraints: [String: Any] { [:] }

    /// `then` of fields required when `field` is one of `values`.
    static func requires(_ required: [String], when field: String, is values: [String]) -> [String: Any] {
        ["if": ["properties": [field: ["enum": values]], "required": [field]], "then": ["required": required]]
    }
}

/// A string enumeration of the wire format, listed from its cases.
protocol APIEnumeration: Decodable {
    static var schemaValues: [String] { get }
    /// Any one case, for the reader to go on with.
    static var sample: Self { get }
}

extension APIEnumeration where Self: CaseIterable & RawRepresentable, RawValue == String {
    static var schemaValues: [String] { allCases.map(\.rawValue) }
    static var sample: Self { allCases[allCases.startIndex] }
}

extension Role: APIEnumeration {}
extension Organisation.Kind: APIEnumeration {}
extension TemperatureClass: APIEnumeration {}
extension ParcelStatus: APIEnumeration {}
extension PlanStatus: APIEnumeration {}
extension StopState: APIEnumeration {}
extension VehicleCategory: APIEnumeration {}
extension WebhookEventType: APIEnumeration {}
extension WebhookDeliveryState: APIEnumeration {}

/// What a schema rule adds to the schema read off a field's type.
struct FieldRule: @unchecked Sendable {  // JSON values only: strings, numbers, arrays of them
    var keywords: [String: Any]

    init(_ keywords: [String: Any]) { self.keywords = keywords }

    /// Both rules; `other` wins where both set a keyword.
    func and(_ other: FieldRule) -> FieldRule { FieldRule(keywords.merging(other.keywords) { $1 }) }

    static let dateTime = FieldRule(["format": "date-time", "description": "ISO 8601 with offset, e.g. 2026-12-02T07:30:00+01:00"])
    /// A date-time a client sends: what the server reads (an offset within ±18:00, at most
    /// nine fractional digits), stricter than RFC 3339 allows.
    static let instant = dateTime.and(FieldRule([
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?(Z|[+-](0[0-9]|1[0-7]):[0-5][0-9]|[+-]18:00)$",
    ]))
    static let date = FieldRule(["format": "date", "description": "YYYY-MM-DD"])
    static let clock = FieldRule(["pattern": "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$", "description": "HH:MM, local time of the hub"])
    static let identifier = FieldRule(["minLength": 1, "maxLength": TextPolicy.identifierLength, "pattern": TextPolicy.identifierPattern])
    /// Free text: no control characters but tab and line breaks (`TextPolicy.text`).
    static let text = FieldRule(["pattern": "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$"])
    /// Text that must hold something besides white space.
    static let notBlank = FieldRule(["minLength": 1, "pattern": "\\S"])
    /// A GeoJSON position (RFC 7946): longitude, then latitude, in degrees.
    static let position = FieldRule([
        "minItems": 2, "maxItems": 2, "description": "[longitude, latitude] (RFC 7946)",
        "prefixItems": [["type": "number", "minimum": -180, "maximum": 180], ["type": "number", "minimum": -90, "maximum": 90]],
    ])

    static func describe(_ text: String) -> FieldRule { FieldRule(["description": text]) }
    static func values(_ values: [String]) -> FieldRule { FieldRule(["enum": values]) }
    /// A number in `minimum…maximum`; `aboveZero` makes 0 itself invalid.
    static func range(minimum: Double? = nil, maximum: Double? = nil, aboveZero: Bool = false) -> FieldRule {
        var keywords: [String: Any] = [:]
        if aboveZero { keywords["exclusiveMinimum"] = 0 }
        if let minimum { keywords["minimum"] = minimum }
        if let maximum { keywords["maximum"] = maximum }
        return FieldRule(keywords)
    }
    static func items(minimum: Int? = nil, maximum: Int? = nil) -> FieldRule {
        var keywords: [String: Any] = [:]
        if let minimum { keywords["minItems"] = minimum }
        if let maximum { keywords["maxItems"] = maximum }
        return FieldRule(keywords)
    }
    static func length(minimum: Int) -> FieldRule { FieldRule(["minLength": minimum]) }
    static let writeOnly = FieldRule(["writeOnly": true])
    static let email = FieldRule(["minLength": 3, "pattern": "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"])
}
