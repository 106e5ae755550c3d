/// An error of a web page with the reason and a way back, not JSON.
public struct ErrorPage: Page, Codable, Equatable {
    public static let template = "error"

    /// The HTTP status; the heading is its name in the page's language where the catalogue has
    /// one (`error_404`), else `reason`.
    public var status: Int
    /// The status's reason phrase (`Not Found`).
    public var reason: String
    /// What went wrong and what to do: the problem's `detail`.
    public var detail: String

    public init(status: Int, reason: String, detail: String) {
        self.status = status
        self.reason = reason
        self.detail = detail
    }
}

extension ErrorPage: TemplateFields {
    func templateFields(_ catalogue: Catalogue) -> [String: Any] {
        ["heading": catalogue.entries["error_\(status)"] ?? Text(reason)]
    }
}
