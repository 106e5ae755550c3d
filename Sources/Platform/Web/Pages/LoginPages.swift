import Domain
import Foundation
import Pages
import Store
import Vapor

/// Logging in and out of the web UI, under the log-in throttle.
enum LoginPages {
    static let loginCookie = "samlast_login"
    static let sessionHours = 12.0

    static func show(_ request: Request) async throws -> Response {
        page(request, failure: request.query[String.self, at: "failed"] != nil ? .wrongCredentials : nil)
    }

    /// The log-in form; its CSRF token is also set as a cookie the post must match.
    private static func page(_ request: Request, failure: LoginFailure? = nil, wait seconds: Int = 0) -> Response {
        let token = Secrets.random(bytes: 16)
        let response = WebPage.respond(LoginPage(csrfToken: token, failure: failure, waitSeconds: seconds), to: request,
                                       status: failure == .throttled || failure == .busy ? .tooManyRequests : .ok)
        if response.status == .tooManyRequests { response.headers.replaceOrAdd(name: .retryAfter, value: String(max(seconds, 1))) }
        response.cookies[loginCookie] = WebPage.cookie(token, maxAge: 3600)
        return response
    }

    struct LoginForm: Content {
        var email: String
        var password: String
        var csrf: String
    }

    static func logIn(_ request: Request) async throws -> Response {
        let form = try request.content.decode(LoginForm.self)
        guard let expected = request.cookies[loginCookie]?.string, !expected.isEmpty, expected == form.csrf else {
            throw Problem.forbidden("the login form expired or came from another site; open /login again")
        }
        let store = Store(request.db)
        // What is no e-mail address matches no account; it is counted under a short hash of itself.
        let email = (try? TextPolicy.email(form.email)) ?? "not-an-email:" + Secrets.hash(form.email).prefix(16)
        let platform = request.application.platform, admission = platform.loginAdmission
        let address = ClientAddress.key(peer: request.remoteAddress?.ipAddress, forwardedFor: request.headers[.xForwardedFor],
                                        trustedProxies: platform.configuration.trustedProxies)
        if let wait = admission.knownWait(email: email, address: address) { return page(request, failure: .throttled, wait: wait) }
        let outcome = try await admission.admit(email: email, address: address) {
            try await authenticate(email: email, password: form.password, address: address, store: store, passwords: platform.passwords,
                                   throttle: platform.configuration.loginThrottle)
        }
        let accountId: String
        switch outcome {
        case nil: return page(request, failure: .busy, wait: 1)
        case .waiting(let seconds)?: return page(request, failure: .throttled, wait: seconds)
        case .wrong(let closed)?:
            admission.remember(closed)
            return WebPage.redirect("/login?failed=1")
        case .account(let id)?:
            admission.forget(email: email, address: address)
            accountId = id
        }
        let secret = Secrets.random(), csrf = Secrets.random(bytes: 24)
        try await store.openSession(cookieHash: Secrets.hash(secret), accountId: accountId, csrfToken: csrf,
                                    expires: Date().addingTimeInterval(sessionHours * 3600))
        let response = WebPage.redirect("/")
        response.cookies[AuthenticationMiddleware.sessionCookie] = WebPage.cookie(secret, maxAge: Int(sessionHours * 3600))
        response.cookies[loginCookie] = WebPage.cookie("", maxAge: 0)
        return response
    }

    enum LoginOutcome: Sendable {
        /// `wrong` carries the throttle keys the failure closed, with until when.
        case waiting(seconds: Int), wrong(closed: [String: Date]), account(String)
    }

    /// Checks an e-mail and password under the throttle: refused while it waits, else verified
    /// (against a decoy for unknown addresses, so timing reveals nothing), the outcome counted.
    static func authenticate(email: String, password typed: String, address: String, store: Store,
                             passwords: BoundedPasswordHasher, throttle: LoginThrottle) async throws -> LoginOutcome {
        // Account creation stored the hash of the NFC password (decodeJSON); the form is not JSON.
        let password = TextPolicy.normalised(typed)
        let guardian = LoginGuard(store: store, throttle: throttle)
        if let wait = try await guardian.waitingTime(email: email, address: address) { return .waiting(seconds: wait) }
        let account = try await store.credentials(email: email)
        // A password longer than any the policy allows cannot match: no hashing for it.
        var verdict = (matches: false, needsRehash: false)
        if password.count <= PasswordPolicy.maximumLength {
            let stored: String
            if let hash = account?.passwordHash { stored = hash } else { stored = try await passwords.decoy() }
            verdict = try await passwords.verify(password, stored: stored)
        }
        guard let account, account.passwordHash != nil, verdict.matches else {
            return .wrong(closed: try await guardian.recordFailure(email: email, address: address))
        }
        try await guardian.recordSuccess(email: email, address: address)
        if verdict.needsRehash {
            try await store.setPasswordHash(try await passwords.hash(password), account: account.accountId)
        }
        return .account(account.accountId)
    }

    static func logOut(_ request: Request) async throws -> Response {
        _ = try WebPage.formCaller(request)
        if let cookie = request.cookies[AuthenticationMiddleware.sessionCookie]?.string {
            try await Store(request.db).closeSession(cookieHash: Secrets.hash(cookie))
        }
        let response = WebPage.redirect("/login")
        response.cookies[AuthenticationMiddleware.sessionCookie] = WebPage.cookie("", maxAge: 0)
        return response
    }
}
