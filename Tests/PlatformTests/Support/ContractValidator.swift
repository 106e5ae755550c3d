import Foundation
import NIOConcurrencyHelpers
@testable import Platform

/// Checks answers of the API against the published OpenAPI document: the status is one the
/// operation declares, the media type is the declared one, and the body fits the declared
/// schema (types, required and unknown fields, enums, lengths, `$ref`, `oneOf`). Every call a
/// test makes through `TestPlatform.call` to `/v1` passes here, so the document cannot drift
/// from what the server answers.
struct ContractValidator: @unchecked Sendable {  // the document is read, never changed
    /// Responses validated in this test process, for the record.
    static let validated = NIOLockedValueBox(0)

    let document: [String: Any]

    static let shared = ContractValidator(
        document: (try? JSONSerialization.jsonObject(with: OpenAPIDocument.json)) as? [String: Any] ?? [:])

    /// The problems of one answer; empty when it fits the document.
    func problems(method: String, path: String, status: Int, contentType: String?, body: String) -> [String] {
        let route = String(path.split(separator: "?", maxSplits: 1).first ?? "")
        // What the document does not declare must be answered as absent: 404 or 405, as a problem.
        let undeclared = (status == 404 || status == 405) && contentType?.hasPrefix("application/problem+json") == true
        guard let (template, item) = operationItem(for: route) else {
            return undeclared ? [] : ["\(method) \(route): no path of the document matches, yet the answer is \(status)"]
        }
        guard let operation = item[method.lowercased()] as? [String: Any] else {
            return undeclared && status == 405 ? [] : ["\(method) \(template): the document has no such operation, yet the answer is \(status)"]
        }
        let responses = operation["responses"] as? [String: Any] ?? [:]
        let family = "\(status / 100)XX"
        guard let response = (responses[String(status)] ?? responses[family] ?? responses["default"]) as? [String: Any] else {
            return ["\(method) \(template): status \(status) is not declared (declared: \(responses.keys.sorted().joined(separator: ", ")))"]
        }
        Self.validated.withLockedValue { $0 += 1 }
        guard let content = response["content"] as? [String: Any] else {
            return body.isEmpty ? [] : ["\(method) \(template) \(status): the document declares no body, the server sent \(body.prefix(80))"]
        }
        let mediaType = contentType?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard let media = content[mediaType] as? [String: Any] else {
            return ["\(method) \(template) \(status): media type '\(mediaType)' is not declared (declared: \(content.keys.sorted().joined(separator: ", ")))"]
        }
        guard let schema = media["schema"] as? [String: Any] else { return [] }
        if mediaType == "application/pdf" {
            return body.hasPrefix("%PDF-") ? [] : ["\(method) \(template) \(status): the body is not a PDF"]
        }
        if mediaType == "text/csv" {
            // RFC 4180 as the API writes it: a header row, every line ended by CRLF.
            return !body.isEmpty && body.hasSuffix("\r\n") ? [] : ["\(method) \(template) \(status): the body is not CSV lines ended by CRLF"]
        }
        guard let value = try? JSONSerialization.jsonObject(with: Data(body.utf8), options: [.fragmentsAllowed]) else {
            return ["\(method) \(template) \(status): the body is not JSON"]
        }
        return validate(value, against: schema, at: "$").map { "\(method) \(template) \(status): \($0)" }
    }

    /// The path item whose template matches `path`; of several (`/shipments/batch` and
    /// `/shipments/{id}`), the one with the most literal segments, as routers choose.
    private func operationItem(for path: String) -> (String, [String: Any])? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        var best: (template: String, item: [String: Any], literals: Int)?
        for (template, item) in document["paths"] as? [String: Any] ?? [:] {
            let parts = template.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == segments.count,
                  zip(parts, segments).allSatisfy({ $0.hasPrefix("{") || $0 == $1 }), let item = item as? [String: Any] else { continue }
            let literals = parts.filter { !$0.hasPrefix("{") }.count
            if literals > best?.literals ?? -1 { best = (template, item, literals) }
        }
        return best.map { ($0.template, $0.item) }
    }

    private func resolve(_ schema: [String: Any]) -> [String: Any] {
        guard let reference = schema["$ref"] as? String, reference.hasPrefix("#/components/schemas/") else { return schema }
        let name = String(reference.dropFirst("#/components/schemas/".count))
        let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any]
        return resolve(schemas?[name] as? [String: Any] ?? [:])
    }

    /// The ways `value` breaks `schema`, each with its JSON path.
    func validate(_ value: Any, against raw: [String: Any], at path: String) -> [String] {
        let schema = resolve(raw)
        if let choices = schema["oneOf"] as? [[String: Any]] {
            let fitting = choices.filter { validate(value, against: $0, at: path).isEmpty }.count
            return fitting == 1 ? [] : ["\(path): fits \(fitting) of the \(choices.count) choices of oneOf"]
        }
        if let constant = schema["const"] {
            return "\(constant)" == "\(value)" ? [] : ["\(path): is not the constant \(constant)"]
        }
        if let type = schema["type"] as? String, !Self.has(type: type, value) { return ["\(path): is not of type \(type): \(String(describing: value).prefix(80))"] }
        var problems: [String] = []
        if let allowed = schema["enum"] as? [Any], !allowed.contains(where: { "\($0)" == "\(value)" }) {
            problems.append("\(path): '\(value)' is not one of \(allowed.map { "\($0)" }.joined(separator: ", "))")
        }
        if let text = value as? String {
            if let maximum = schema["maxLength"] as? Int, text.unicodeScalars.count > maximum { problems.append("\(path): longer than \(maximum)") }
            if let minimum = schema["minLength"] as? Int, text.unicodeScalars.count < minimum { problems.append("\(path): shorter than \(minimum)") }
        }
        if let array = value as? [Any] {
            if let minimum = schema["minItems"] as? Int, array.count < minimum { problems.append("\(path): fewer than \(minimum) items") }
            if let maximum = schema["maxItems"] as? Int, array.count > maximum { problems.append("\(path): more than \(maximum) items") }
            if let items = schema["items"] as? [String: Any] {
                for (index, item) in array.enumerated() { problems += validate(item, against: items, at: "\(path)[\(index)]") }
            }
        }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for name in schema["required"] as? [String] ?? [] where object[name] == nil { problems.append("\(path).\(name): required, missing") }
            for (name, member) in object {
                if let property = properties[name] as? [String: Any] {
                    problems += validate(member, against: property, at: "\(path).\(name)")
                } else if let additional = schema["additionalProperties"] as? [String: Any] {
                    problems += validate(member, against: additional, at: "\(path).\(name)")
                } else if schema["additionalProperties"] as? Bool == false {
                    problems.append("\(path).\(name): not in the document")
                }
            }
        }
        return problems
    }

    private static func has(type: String, _ value: Any) -> Bool {
        // JSONSerialization gives true/false as NSNumbers of type char.
        let isBoolean = (value as? NSNumber).map { String(cString: $0.objCType) == "c" } ?? (value is Bool)
        switch type {
        case "string": return value is String
        case "boolean": return isBoolean
        case "integer": return !isBoolean && (value as? NSNumber).map { $0.doubleValue.rounded() == $0.doubleValue } == true
        case "number": return !isBoolean && value is NSNumber
        case "array": return value is [Any]
        case "object": return value is [String: Any]
        case "null": return value is NSNull
        default: return true
        }
    }
}
