import Foundation

/// Texts that break a page that does not escape, and the checks that a page showed them as
/// text. Shared by the tests of Pages (every field of every page model) and of the server
/// (texts that come in through the API and out on a page).
public enum XSSPayloads {
    public static let all = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "' onmouseover='alert(1)",
        "</textarea><script>",
        "javascript:alert(1)",
        "{{x}}",
        "Bjørnstjerne «Ø» Æ",
    ]

    /// What is wrong with `html` that should show `payload` as text: the payload raw where
    /// escaping changes it, its escaped form missing, or a link or form that goes to a
    /// `javascript:` URL. Empty when the page is safe.
    public static func problems(in html: String, showing payload: String) -> [String] {
        let escaped = HTMLText.escape(payload)
        var problems: [String] = []
        if escaped != payload, html.contains(payload) { problems.append("shows \(payload) unescaped") }
        if !html.contains(escaped) { problems.append("does not show \(escaped)") }
        if html.firstMatch(of: /(?i)(href|src|action|formaction)\s*=\s*["']?\s*javascript:/) != nil {
            problems.append("has a javascript: URL")
        }
        return problems
    }

    /// Every text stored in `value` (a page model), with its path (`plan.routes[0].stops[1].name`).
    public static func textFields(of value: Any, path: String = "") -> [(path: String, text: String)] {
        if let text = value as? String { return [(path, text)] }
        let mirror = Mirror(reflecting: value)
        return mirror.children.enumerated().flatMap { index, child in
            let childPath = if mirror.displayStyle == .optional { path } else if let label = child.label, mirror.displayStyle != .collection {
                path.isEmpty ? label : path + "." + label
            } else { path + "[\(index)]" }
            return textFields(of: child.value, path: childPath)
        }
    }

    /// Copies of `model`, one per text it stores, each with that one text replaced by
    /// `payload`, with the text's path. Goes through the model's JSON form; a string that
    /// stands for a closed set (a `Term`) cannot take the payload and keeps its value.
    public static func probes<Model: Codable>(of model: Model, payload: String) throws -> [(path: String, model: Model)] {
        let tree = try JSONSerialization.jsonObject(with: JSONEncoder().encode(model), options: .fragmentsAllowed)
        return try leafPaths(tree).compactMap { path in
            let changed = replacing(tree, at: path[...], with: payload)
            let data = try JSONSerialization.data(withJSONObject: changed, options: .fragmentsAllowed)
            guard let probe = try? JSONDecoder().decode(Model.self, from: data) else { return nil }
            return (path.map { $0 is Int ? "[\($0)]" : ".\($0)" }.joined().trimmingCharacters(in: ["."]), probe)
        }
    }

    /// The paths (keys and indices) of the strings in a JSON tree.
    private static func leafPaths(_ node: Any) -> [[AnyHashable]] {
        switch node {
        case is String: return [[]]
        case let object as [String: Any]: return object.keys.sorted().flatMap { key in leafPaths(object[key]!).map { [key] + $0 } }
        case let array as [Any]: return array.indices.flatMap { index in leafPaths(array[index]).map { [index] + $0 } }
        default: return []
        }
    }

    private static func replacing(_ node: Any, at path: ArraySlice<AnyHashable>, with text: String) -> Any {
        guard let step = path.first else { return text }
        if var object = node as? [String: Any], let key = step as? String {
            object[key] = replacing(object[key] as Any, at: path.dropFirst(), with: text)
            return object
        }
        if var array = node as? [Any], let index = step as? Int {
            array[index] = replacing(array[index], at: path.dropFirst(), with: text)
            return array
        }
        return node
    }
}
