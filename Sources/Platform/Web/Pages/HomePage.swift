import Pages
import Store
import Vapor

/// `/`: each kind of user to their page; hub staff with several hubs, and admins, to a list.
enum HomePage {
    static func show(_ request: Request) async throws -> Response {
        guard let caller = request.caller else { return WebPage.redirect("/login") }
        if caller.role == .driver { return WebPage.redirect("/ui/driver") }
        let store = Store(request.db)
        switch caller.organisation.kind {
        case .hubOperator:
            let hubs = try await store.hubs(.operatedBy(caller.organisation.id))
            if hubs.count == 1 { return WebPage.redirect("/ui/hubs/\(hubs[0].id)") }
            return list(hubs, request)
        case .platform: return list(try await store.hubs(), request)
        case .municipality: return WebPage.redirect("/ui/municipality")
        case .carrier, .shipper, .recipient: return WebPage.redirect("/ui/parcels")
        }
    }

    private static func list(_ hubs: [HubRecord], _ request: Request) -> Response {
        WebPage.respond(HubListPage(hubs: hubs.map { HubLink(id: $0.id, name: $0.name, operatorId: $0.operatorId) }), to: request)
    }
}
