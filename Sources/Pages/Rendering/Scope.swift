import Mustache

/// A model that shows its template more than its stored fields: values derived from them
/// (a route's colour, a page count, the map drawn from a plan), in the language being rendered.
/// Derived fields win over stored fields of the same name.
protocol TemplateFields {
    func templateFields(_ catalogue: Catalogue) -> [String: Any]
}

/// What a template sees of a model: its stored fields (by reflection) and its derived ones, each
/// presented for the page. Texts stay texts (the template escapes them), a `Double` is written
/// with one decimal in the page's language, a `Term` shows `code`, `css` and `label`, nested
/// models are scopes in turn. Derived fields are computed once, when the scope is made, so a
/// parent that shows a costly child in several places derives a scope of it once.
struct Scope: MustacheParent {
    private let value: Any
    private let catalogue: Catalogue
    private let derived: [String: Any]

    init(_ value: Any, _ catalogue: Catalogue, adding extra: [String: Any] = [:]) {
        self.value = value
        self.catalogue = catalogue
        var derived = extra
        if let term = value as? any Term {
            derived["code"] = term.rawValue
            derived["css"] = term.cssClass
            derived["label"] = catalogue.entry(term.catalogueKey)
        }
        if let model = value as? TemplateFields {
            derived.merge(model.templateFields(catalogue)) { _, own in own }
        }
        self.derived = derived
    }

    func child(named name: String) -> Any? {
        if let value = derived[name] { return Self.present(value, catalogue) }
        guard let stored = Mirror(reflecting: value).children.first(where: { $0.label == name }) else { return nil }
        return Self.present(stored.value, catalogue)
    }

    /// A value as templates see it; nil for an absent optional.
    static func present(_ value: Any, _ catalogue: Catalogue) -> Any? {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional { return mirror.children.first.flatMap { present($0.value, catalogue) } }
        switch value {
        case let text as String: return Text(text)
        case let number as Double: return Text(catalogue.decimal(number))
        case is Int, is Bool, is MustacheParent, is MustacheTemplate: return value
        case let list as [Any]: return list.compactMap { present($0, catalogue) }
        default: return Scope(value, catalogue)
        }
    }
}

/// A text field: rendered escaped by `{{ }}`, and, in a section, absent when empty.
struct Text: MustacheCustomRenderable, MustacheParent {
    let string: String

    init(_ string: String) { self.string = string }

    var renderText: String { string }
    var isNull: Bool { string.isEmpty }
    func child(named: String) -> Any? { nil }
}
