import Foundation
import Testing
import Vapor
@testable import Platform

/// A browser of the web UI for tests: it keeps cookies, sends forms, and checks that every
/// cookie it is given is HttpOnly and Secure.
struct Browser {
    let platform: TestPlatform
    var cookies: [String: String] = [:]
    /// Sent as `Accept-Language` when set.
    var language: String?

    mutating func send(_ method: HTTPMethod, _ path: String, form: [String: String]? = nil) async throws -> TestPlatform.Reply {
        var headers: [(String, String)] = []
        if !cookies.isEmpty { headers.append(("Cookie", cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))) }
        if let language { headers.append(("Accept-Language", language)) }
        let body = form.map { $0.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&") }
        let reply = try await platform.call(method, path, token: nil, raw: body, contentType: "application/x-www-form-urlencoded", headers: headers)
        for header in reply.headers[.setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2 { cookies[pair[0]] = pair[1].isEmpty ? nil : pair[1] }
            #expect(header.contains("HttpOnly") && header.contains("Secure"), "\(header)")
        }
        return reply
    }

    /// Logs in through the form; returns where the login sent the browser.
    mutating func logIn(_ email: String, _ password: String) async throws -> String? {
        let page = try await send(.GET, "/login")
        let csrf = try #require(page.text.firstMatch(of: /name="csrf" value="([^"]+)"/)).output.1
        let reply = try await send(.POST, "/login", form: ["email": email, "password": password, "csrf": String(csrf)])
        return reply.headers.first(name: .location)
    }

    func csrf(in page: TestPlatform.Reply) throws -> String {
        String(try #require(page.text.firstMatch(of: /name="csrf" value="([^"]+)"/)).output.1)
    }
}
