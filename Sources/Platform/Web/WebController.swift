import Pages
import Vapor

/// The web UI: server-rendered pages for people, on the same rules as the API, in bokmål or
/// English. Sessions are cookies holding a random token (stored hashed); every form carries
/// the session's CSRF token. Each page is a file of `Pages/`; its template is in the Pages target.
struct WebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let routes = routes.grouped(WebErrorMiddleware())
        routes.get(use: HomePage.show)
        routes.get("login", use: LoginPages.show)
        routes.post("login", use: LoginPages.logIn)
        routes.post("logout", use: LoginPages.logOut)
        routes.get("ui", "hubs", ":hubId", use: HubDashboard.show)
        routes.post("ui", "hubs", ":hubId", "plan", use: HubDashboard.requestPlan)
        routes.post("ui", "routes", ":routeId", "dispatch", use: HubDashboard.dispatch)
        routes.get("ui", "driver", use: DriverRoutes.show)
        routes.post("ui", "routes", ":routeId", "stops", ":stopIndex", use: DriverRoutes.completeStop)
        routes.get("ui", "parcels", use: ParcelList.show)
        routes.get("ui", "municipality", use: MunicipalityFigures.show)
        routes.get("ui", "municipality", "report", use: MunicipalityFigures.report)
        routes.get("ui", "footprints", use: FootprintList.show)
        routes.get("ui", "zones", use: ZonePages.zones)
        routes.get("ui", "zones", ":zoneId", "report", use: ZonePages.report)
        routes.get("ui", "permits", use: ZonePages.permits)
        routes.post("ui", "permits", ":permitId", "decision", use: ZonePages.decide)
        routes.get("ui", "bays", use: ZonePages.bays)
        routes.get("ui", "webhooks", use: WebhookLogPages.list)
        routes.get("ui", "webhooks", ":webhookId", use: WebhookLogPages.log)
    }
}

/// Answers of the web UI: a page in the caller's language, or a redirect.
enum WebPage {
    /// The page rendered for the request's caller and language. A `?lang=` choice is kept in
    /// a cookie, so the next pages follow it.
    static func respond(_ page: some Page, to request: Request, status: HTTPStatus = .ok) -> Response {
        let language = request.pageLanguage
        let account = request.caller.map { caller in
            Account(name: caller.accountName, organisation: caller.organisation.displayName,
                    role: caller.role, csrfToken: caller.csrfToken ?? "")
        }
        let html = Pages.render(page, language: language, layout: Layout(account: account, path: request.url.string))
        let response = Response(status: status, headers: [
            "Content-Type": "text/html; charset=utf-8", "Content-Language": language.code, "Vary": "Accept-Language, Cookie",
        ], body: .init(string: html))
        if let code = request.query[String.self, at: Language.queryParameter], let chosen = Language(code: code) {
            response.cookies[Language.cookieName] = cookie(chosen.code, maxAge: 365 * 86_400)
        }
        return response
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: ["Location": location])
    }

    static func cookie(_ value: String, maxAge: Int) -> HTTPCookies.Value {
        HTTPCookies.Value(string: value, maxAge: maxAge, path: "/", isSecure: true, isHTTPOnly: true, sameSite: .lax)
    }

    struct CSRFForm: Content { var csrf: String }

    /// The logged-in caller of a form post, after checking the form's CSRF token.
    static func formCaller(_ request: Request) throws -> Caller {
        guard let caller = request.caller, let expected = caller.csrfToken else { throw Problem.unauthenticated }
        let form = try request.content.decode(CSRFForm.self)
        guard form.csrf == expected else { throw Problem.forbidden("the form's CSRF token does not match the session; reload the page") }
        return caller
    }

    /// `HH:MM` of an ISO 8601 time (as written in the hub's zone).
    static func clock(_ iso: String?) -> String {
        guard let iso, let t = iso.firstIndex(of: "T") else { return "" }
        return String(iso[iso.index(after: t)...].prefix(5))
    }
}

extension Request {
    /// The language of the page: `?lang=`, then the cookie, then `Accept-Language`, then bokmål.
    var pageLanguage: Language {
        Language.chosen(query: query[String.self, at: Language.queryParameter], cookie: cookies[Language.cookieName]?.string,
                        acceptLanguage: headers.first(name: .acceptLanguage))
    }
}

/// Shows errors of web pages as a page with the reason and a way back, not as JSON.
struct WebErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let problem = ProblemMiddleware.problem(for: error, request: request)
            if problem.status == .unauthorized { return WebPage.redirect("/login") }
            if problem.status.code >= 500 { request.logger.report(error: error) }
            let page = ErrorPage(status: Int(problem.status.code), reason: problem.status.reasonPhrase, detail: problem.detail)
            return WebPage.respond(page, to: request, status: problem.status)
        }
    }
}
