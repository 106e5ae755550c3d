import Foundation
import Testing
import Domain
import Vapor
@testable import Platform

@Suite struct OpenAPITests {
    /// The document lists exactly the routes the server has (web pages aside), with their methods.
    @Test func documentMatchesTheRegisteredRoutes() async throws {
        try await TestPlatform.with(.sqlite) { platform in
            let reply = try await platform.call(.GET, "/openapi.json", token: nil)
            #expect(reply.status == .ok)
            let document = reply.object
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = document["paths"] as? [String: [String: Any]] ?? [:]
            let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
            let registered = Set(platform.app.routes.all.compactMap { route -> String? in
                let path = "/" + route.path.map { component -> String in
                    if case .parameter(let name) = component { return "{\(name)}" }
                    return component.description
                }.joined(separator: "/")
                let isWebPage = path == "/" || path.hasPrefix("/ui/") || path == "/login" || path == "/logout" || path.hasPrefix("/t/") || path.hasPrefix("/u/")
                return isWebPage ? nil : "\(route.method.rawValue) \(path)"
            })
            #expect(documented == registered, "only documented: \(documented.subtracting(registered)); only served: \(registered.subtracting(documented))")
            // Every reference points at a schema that exists.
            let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
            let references = Set(reply.text.matches(of: /#\/components\/schemas\/(\w+)/).map { String($0.output.1) })
            #expect(references.subtracting(schemas.keys).isEmpty, "missing schemas: \(references.subtracting(schemas.keys))")
        }
    }

    /// The schemas are read off the Swift types: enums list their cases, optional fields are not
    /// required, and the rules the server checks (lengths, bounds, counts) are stated.
    @Test func schemasAreReadOffTheSwiftTypes() throws {
        let schemas = try #require((try OpenAPIDocument.document()["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
        func property(_ schema: String, _ name: String) -> [String: Any] {
            (schemas[schema]?["properties"] as? [String: [String: Any]])?[name] ?? [:]
        }
        #expect(property("Parcel", "status")["enum"] as? [String] == ParcelStatus.allCases.map(\.rawValue))
        #expect(property("Plan", "status")["enum"] as? [String] == PlanStatus.allCases.map(\.rawValue))
        #expect(property("Stop", "state")["enum"] as? [String] == StopState.allCases.map(\.rawValue))
        #expect(property("EventRequest", "type")["enum"] as? [String] == Events.EventType.allCases.map(\.rawValue))
        #expect(property("Account", "role")["enum"] as? [String] == Role.allCases.map(\.rawValue))
        #expect(schemas["ShipmentRequest"]?["required"] as? [String] == ["hubId", "parcels", "reference", "siteId"])
        // What schemathesis found refused though the document allowed it, now stated.
        #expect(property("ShipmentRequest", "parcels")["minItems"] as? Int == 1)
        #expect(property("EventRequest", "barcode")["minLength"] as? Int == 1)
        #expect(property("EventRequest", "barcode")["pattern"] as? String == TextPolicy.identifierPattern)
        #expect(property("ParcelRequest", "weightKg")["exclusiveMinimum"] as? Int == 0)
        #expect(property("Site", "accessNotes")["maxLength"] as? Int == TextPolicy.limit(for: "accessNotes"))
        let parameters = try #require(OpenAPIDocument.operations.first { $0.id == "listParcels" }?.parameters)
        #expect(parameters.contains { if case .query("perPage", let schema, _) = $0 { schema["minimum"] as? Int == 1 } else { false } })
    }

    /// The validator every API call of the tests passes through finds what breaks the document.
    @Test func theContractValidatorFindsWhatBreaksTheDocument() {
        let validator = ContractValidator.shared
        let me = #"{"accountId":"a","name":"n","role":"writer","organisation":{"id":"o","name":"O","kind":"carrier"}}"#
        #expect(validator.problems(method: "GET", path: "/v1/me", status: 200, contentType: "application/json", body: me).isEmpty)
        let broken = #"{"accountId":1,"name":"n","role":"pilot","organisation":{"id":"o","name":"O","kind":"carrier","extra":true}}"#
        let problems = validator.problems(method: "GET", path: "/v1/me", status: 200, contentType: "application/json", body: broken)
        #expect(problems.count == 3, "\(problems)")  // a number for a string, an unknown role, an undocumented field
        #expect(!validator.problems(method: "GET", path: "/v1/me", status: 200, contentType: "application/json", body: #"{"name":"n"}"#).isEmpty)
        #expect(!validator.problems(method: "GET", path: "/v1/me", status: 200, contentType: "text/html", body: me).isEmpty)
        #expect(!validator.problems(method: "GET", path: "/v1/me", status: 500, contentType: "application/json", body: me).isEmpty)
        #expect(!validator.problems(method: "PATCH", path: "/v1/me", status: 200, contentType: "application/json", body: me).isEmpty)
        let page = #"{"items":[{"barcode":"P"}],"page":1,"perPage":50,"total":1}"#
        #expect(!validator.problems(method: "GET", path: "/v1/parcels?perPage=50", status: 200, contentType: "application/json", body: page).isEmpty)
    }

    /// Problem answers carry a stable type per kind of error.
    @Test func problemsHaveStableTypes() async throws {
        try await TestPlatform.with(.sqlite) { platform in
            let token = try await platform.adminToken()
            let answers = [
                (try await platform.call(.GET, "/v1/me", token: nil), "unauthenticated"),
                (try await platform.call(.GET, "/v1/parcels?perPage=0", token: token), "invalid-request"),
                (try await platform.call(.GET, "/v1/parcels/none", token: token), "not-found"),
                (try await platform.call(.DELETE, "/v1/parcels", token: token), "method-not-allowed"),
                (try await platform.call(.POST, "/v1/hubs", token: token, raw: "{}", contentType: "text/plain"), "unsupported-media-type"),
            ]
            for (reply, kind) in answers {
                #expect(reply.object["type"] as? String == "urn:samlast:problem:\(kind)", "\(reply.text)")
            }
        }
    }

    @Test func methodsAPathDoesNotAnswerAre405WithAllow() async throws {
        try await TestPlatform.with(.sqlite) { platform in
            let token = try await platform.adminToken()
            let wrong = try await platform.call(.DELETE, "/v1/parcels", token: token)
            #expect(wrong.status == .methodNotAllowed && wrong.headers.first(name: .allow) == "GET", "\(wrong.status) \(wrong.text)")
            let put = try await platform.call(.PUT, "/v1/tokens/tok_1", token: token)
            #expect(put.status == .methodNotAllowed && put.headers.first(name: .allow) == "DELETE")
            #expect(try await platform.call(.GET, "/v1/nothing-here", token: token).status == .notFound)
            #expect(try await platform.call(.GET, "/v1/parcels/unknown", token: token).status == .notFound)
        }
    }

    @Test func healthAndMetricsAnswer() async throws {
        try await TestPlatform.with(.sqlite) { platform in
            #expect(try await platform.call(.GET, "/health", token: nil).object["database"] as? String == "sqlite")
            _ = try await platform.call(.GET, "/v1/me", token: nil)
            // The metrics are for the platform's operators: a platform admin reads them, nobody else.
            #expect(try await platform.call(.GET, "/metrics", token: nil).status == .unauthorized)
            let metrics = try await platform.call(.GET, "/metrics", token: try await platform.adminToken())
            #expect(metrics.text.contains(#"samlast_http_requests_total{method="GET",route="/v1/me",status="401"} 1"#), "\(metrics.text)")
        }
    }
}
