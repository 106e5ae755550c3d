/// The log-in form (`GET /login`, and the answer to a refused log-in).
public struct LoginPage: Page, Codable, Equatable {
    public static let template = "login"

    /// The token of the log-in cookie, sent back in the form's hidden `csrf` field.
    public var csrfToken: String
    /// Why the last attempt did not log in, if it did not.
    public var failure: LoginFailure?
    /// How long to wait before the next attempt, for `.throttled`.
    public var waitSeconds: Int

    public init(csrfToken: String, failure: LoginFailure? = nil, waitSeconds: Int = 0) {
        self.csrfToken = csrfToken
        self.failure = failure
        self.waitSeconds = waitSeconds
    }
}

/// Why a log-in was refused, as the form tells the person.
public enum LoginFailure: String, Term {
    /// The e-mail or the password is wrong (`/login?failed=1`).
    case wrongCredentials = "wrong-credentials"
    /// Too many failures: wait `waitSeconds` (429 with `Retry-After`).
    case throttled
    /// Another log-in from the same address is being checked (429, `Retry-After: 1`).
    case busy
    public static let cataloguePrefix = "login_failure"
}
