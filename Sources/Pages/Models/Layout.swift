import Domain

/// What every web page shows around its content (`Templates/layout.mustache`): the header with
/// navigation, the account line with the log-out form, the language switch and the footer.
public struct Layout: Sendable, Codable, Equatable {
    /// The person logged in; nil on the log-in page and on errors before logging in.
    public var account: Account?
    /// The path and query the browser asked for (`/ui/hubs/hub-a?date=2025-03-04`): the
    /// language switch links back to it with `lang=` set. Always made a same-site path.
    public var path: String

    public init(account: Account? = nil, path: String = "/") {
        self.account = account
        self.path = path
    }
}

/// The person logged in, as the header shows them.
public struct Account: Sendable, Codable, Equatable {
    public var name: String
    /// The organisation's name (its id when it has no name).
    public var organisation: String
    public var role: Role
    /// The session's CSRF token, sent back by every form of the page.
    public var csrfToken: String

    public init(name: String, organisation: String, role: Role, csrfToken: String) {
        self.name = name
        self.organisation = organisation
        self.role = role
        self.csrfToken = csrfToken
    }
}

/// What an account may do (the platform's roles, by their API names).
extension Role: Term {
    public static let cataloguePrefix = "role"
}

extension Layout: TemplateFields {
    /// One link per language back to this page, the current one marked.
    struct LanguageLink {
        var code: String
        var name: String
        var href: String
        var current: Bool
    }

    func templateFields(_ catalogue: Catalogue) -> [String: Any] {
        let (path, query) = Self.sameSitePath(path)
        let kept = query.filter { !$0.hasPrefix(Language.queryParameter + "=") && !$0.isEmpty }
        let links = Language.allCases.map { language in
            LanguageLink(code: language.code, name: Bundled.shared.catalogue(language).plain("language_name"),
                         href: path + "?" + (kept + [Language.queryParameter + "=" + language.code]).joined(separator: "&"),
                         current: language == catalogue.language)
        }
        return ["languages": links]
    }

    /// The path without anything that could leave the site (`//host`, `javascript:`), and the
    /// query's parameters.
    private static func sameSitePath(_ text: String) -> (String, [String]) {
        let parts = text.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = "/" + (parts.first ?? "").drop { $0 == "/" || $0 == "\\" }
        return (path, parts.count > 1 ? parts[1].split(separator: "&").map(String.init) : [])
    }
}
