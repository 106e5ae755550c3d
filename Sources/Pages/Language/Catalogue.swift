import Mustache

/// The texts of one language (`Strings/<code>.json`), keyed by stable snake_case keys that
/// templates show as `{{t.key}}`. A text is a small Mustache template itself: it may show
/// fields of the page where it stands (`"{{date}}"`), escaped like any field; the catalogue
/// holds no markup.
struct Catalogue: Sendable {
    let language: Language
    /// Each entry as written in the file.
    let texts: [String: String]
    /// Each entry as a template that escapes the fields it shows, for templates.
    let entries: [String: MustacheTemplate]

    init(language: Language, texts: [String: String]) throws {
        self.language = language
        self.texts = texts
        entries = try texts.mapValues { try MustacheTemplate(string: $0) }
    }

    /// The entry for `key`; its key itself when it is missing (the catalogue tests keep every
    /// key in both languages, so this shows only while a key is being added).
    func entry(_ key: String) -> MustacheTemplate {
        entries[key] ?? (try? MustacheTemplate(string: key)) ?? MustacheTemplate.empty
    }

    /// An entry as plain text, the `fields` it shows unescaped: for markup Pages writes in code
    /// (SVG labels), which escapes the result with `HTMLText`.
    func plain(_ key: String, _ fields: [String: Any] = [:]) -> String {
        guard let text = texts[key], let template = try? MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT }}" + text) else { return key }
        return template.render(fields)
    }

    /// The language's way of writing a number with `digits` decimals.
    func decimal(_ value: Double, digits: Int = 1) -> String {
        language.decimal(value, digits: digits)
    }
}

extension MustacheTemplate {
    static let empty = try! MustacheTemplate(string: "")
}

/// A closed set of values that pages show by name (a parcel's state, an account's role). Each
/// case has the catalogue key `<cataloguePrefix>_<raw value>` (with `-` and spaces as `_`), and
/// its raw value is its CSS class (spaces as `-`). Templates see `code`, `css` and `label`:
/// `<span class="state {{state.css}}">{{state.label}}</span>`.
public protocol Term: RawRepresentable, CaseIterable, Sendable, Codable where RawValue == String {
    /// The first part of the catalogue keys of this set's names.
    static var cataloguePrefix: String { get }
}

extension Term {
    var catalogueKey: String {
        Self.cataloguePrefix + "_" + rawValue.lowercased().map { $0 == "-" || $0 == " " ? "_" : String($0) }.joined()
    }

    var cssClass: String { rawValue.replacingOccurrences(of: " ", with: "-") }

    /// The catalogue keys of every case, for the catalogue's completeness test.
    static var catalogueKeys: [String] { allCases.map(\.catalogueKey) }
}
