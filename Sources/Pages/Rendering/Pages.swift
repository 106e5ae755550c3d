// Escaping rule of every page Samlast renders:
//
// - Templates show fields with `{{field}}`, which escapes `& < > " '`. Texts from people,
//   carriers and the database only ever reach a page that way, in content or in a quoted
//   attribute value.
// - `{{{field}}}` (and `{{&field}}`) print without escaping. They are allowed only for the
//   fields in `Pages.markupFields`, which are derived by Pages itself (never stored in a model,
//   so a server cannot fill them) and hold `Markup`: SVG that Pages' own code built from
//   numbers and from texts passed through `HTMLText.escape`. A test greps the templates for
//   every unescaped tag and checks it against that list.
// - The catalogues (`Strings/*.json`) are trusted like templates and hold no markup; the
//   fields a catalogue text shows are escaped like any other.
// - Links are built by templates from a fixed path and an identifier (`/ui/hubs/{{hubId}}`);
//   the one link from request data (the language switch) is forced to a same-site path, and
//   the absolute links of messages (`RecipientNotice`) start with the configured address only
//   when it is an http(s) one.
import Foundation
import Mustache

/// A page Pages can render: a plain model of texts, numbers, lists and flags, shown by the
/// template `Templates/<template>.mustache`.
public protocol Page: Sendable {
    /// The template's name: its file in `Templates/` without `.mustache`.
    static var template: String { get }
}

/// Server-rendered pages from logic-less templates that escape by default, in bokmål and English.
public enum Pages {
    /// The only fields templates may show unescaped: markup Pages draws itself.
    public static let markupFields: Set<String> = ["map", "chart", "svg"]

    /// The page as a whole HTML document in `language`; `layout` says who is logged in and
    /// where the page is (the header and the language switch of web pages use it; the
    /// self-contained Impact report does not).
    public static func render(_ page: some Page, language: Language, layout: Layout = Layout()) -> String {
        let catalogue = Bundled.shared.catalogue(language)
        let root = Scope(page, catalogue, adding: [
            "t": catalogue.entries, "lang": language.code, "layout": Scope(layout, catalogue),
        ])
        let library = Bundled.shared.library
        guard let template = library.getTemplate(named: type(of: page).template) else {
            preconditionFailure("Pages: no template \(type(of: page).template).mustache in the bundle")
        }
        return template.render(root, library: library)
    }
}

/// The templates and catalogues shipped in the bundle, loaded once. They are code, checked by
/// the tests (each template renders, each catalogue has every key), so a broken one stops the
/// program with the file and the reason rather than rendering half a page.
struct Bundled: Sendable {
    static let shared: Bundled = {
        do { return try Bundled() } catch { fatalError("Pages: the bundled templates or texts do not load: \(error)") }
    }()

    let library: MustacheLibrary
    /// Each template's text by name (`hub`, `partials/csrf`), for the tests that read them.
    let templateTexts: [String: String]
    private let catalogues: [Language: Catalogue]

    func catalogue(_ language: Language) -> Catalogue {
        catalogues[language]! // every case is loaded by init
    }

    struct LoadError: Error, CustomStringConvertible {
        var file: String
        var reason: String
        var description: String { "\(file): \(reason)" }
    }

    init() throws {
        guard let templates = Bundle.module.url(forResource: "Templates", withExtension: nil),
              let strings = Bundle.module.url(forResource: "Strings", withExtension: nil) else {
            throw LoadError(file: "Pages.resources", reason: "has no Templates or Strings folder")
        }
        var texts: [String: String] = [:]
        var library = MustacheLibrary()
        let files = FileManager.default.enumerator(atPath: templates.path)?.compactMap { $0 as? String } ?? []
        for file in files where file.hasSuffix(".mustache") {
            let name = String(file.dropLast(".mustache".count))
            let text = try String(contentsOf: templates.appendingPathComponent(file), encoding: .utf8)
            do { try library.register(text, named: name) } catch { throw LoadError(file: "Templates/\(file)", reason: "\(error)") }
            texts[name] = text
        }
        var catalogues: [Language: Catalogue] = [:]
        for language in Language.allCases {
            let file = "Strings/\(language.code).json"
            let data = try Data(contentsOf: strings.appendingPathComponent("\(language.code).json"))
            guard let texts = try JSONSerialization.jsonObject(with: data) as? [String: String] else {
                throw LoadError(file: file, reason: "is not one JSON object of texts")
            }
            do { catalogues[language] = try Catalogue(language: language, texts: texts) } catch { throw LoadError(file: file, reason: "\(error)") }
        }
        (self.library, self.templateTexts, self.catalogues) = (library, texts, catalogues)
    }
}
