import Domain
import Foundation
import Geo
import Store
import Vapor

/// The web UI: server-rendered pages for people, on the same rules as the API. Sessions are
/// cookies holding a random token (stored hashed); every form carries the session's CSRF token.
struct WebController: RouteCollection {
    static let loginCookie = "samlast_login"
    static let sessionHours = 12.0

    func boot(routes: any RoutesBuilder) throws {
        let routes = routes.grouped(WebErrorMiddleware())
        routes.get(use: home)
        routes.get("login", use: loginPage)
        routes.post("login", use: login)
        routes.post("logout", use: logout)
        routes.get("ui", "hubs", ":hubId", use: hubDashboard)
        routes.post("ui", "hubs", ":hubId", "plan", use: requestPlan)
        routes.post("ui", "routes", ":routeId", "dispatch", use: dispatch)
        routes.post("ui", "routes", ":routeId", "stops", ":stopIndex", use: completeStop)
        routes.get("ui", "parcels", use: parcels)
        routes.get("ui", "driver", use: driver)
        routes.get("ui", "municipality", use: municipality)
    }

    // MARK: Sessions

    private func cookie(_ value: String, maxAge: Int) -> HTTPCookies.Value {
        HTTPCookies.Value(string: value, maxAge: maxAge, path: "/", isSecure: true, isHTTPOnly: true, sameSite: .lax)
    }

    func loginPage(_ request: Request) async throws -> Response {
        loginForm(error: request.query[String.self, at: "failed"] != nil ? "E-mail or password is wrong." : nil)
    }

    /// The log-in page answering an attempt refused by the throttle: 429 with `Retry-After`.
    private func loginPage(refusedFor seconds: Int, message: String? = nil) -> Response {
        let response = loginForm(error: message ?? "Too many failed log-ins. Wait \(seconds) seconds before you try again.")
        response.status = .tooManyRequests
        response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds))
        return response
    }

    private func loginForm(error message: String?) -> Response {
        let token = Secrets.random(bytes: 16)
        let error = message.map { "<p class=\"error\">\(HTML.escape($0))</p>" } ?? ""
        let response = HTML.page("Log in", caller: nil, """
            <form class="login" method="post" action="/login">
              <h1>Log in to Samlast</h1>\(error)
              <label>E-mail<input type="email" name="email" autocomplete="username" required></label>
              <label>Password<input type="password" name="password" autocomplete="current-password" required></label>
              <input type="hidden" name="csrf" value="\(token)">
              <button class="primary" type="submit">Log in</button>
            </form>
            """)
        response.cookies[Self.loginCookie] = cookie(token, maxAge: 3600)
        return response
    }

    struct LoginForm: Content {
        var email: String
        var password: String
        var csrf: String
    }

    func login(_ request: Request) async throws -> Response {
        let form = try request.content.decode(LoginForm.self)
        guard let expected = request.cookies[Self.loginCookie]?.string, !expected.isEmpty, expected == form.csrf else {
            throw Problem.forbidden("the login form expired or came from another site; open /login again")
        }
        let store = Store(request.db)
        // What is no e-mail address matches no account; it is counted under a short hash of itself.
        let email = (try? TextPolicy.email(form.email)) ?? "not-an-email:" + Secrets.hash(form.email).prefix(16)
        let address = request.remoteAddress?.ipAddress ?? "unknown"
        let platform = request.application.platform, admission = platform.loginAdmission
        if let wait = admission.knownWait(email: email, address: address) { return loginPage(refusedFor: wait) }
        let outcome = try await admission.admit(email: email, address: address) {
            try await Self.authenticate(email: email, password: form.password, address: address, store: store, passwords: platform.passwords)
        }
        let accountId: String
        switch outcome {
        case nil: return loginPage(refusedFor: 1, message: "Another log-in from your address is being checked. Try again in a moment.")
        case .waiting(let seconds)?: return loginPage(refusedFor: seconds)
        case .wrong(let closed)?:
            admission.remember(closed)
            return HTML.redirect("/login?failed=1")
        case .account(let id)?:
            admission.forget(email: email, address: address)
            accountId = id
        }
        let secret = Secrets.random(), csrf = Secrets.random(bytes: 24)
        try await store.openSession(cookieHash: Secrets.hash(secret), accountId: accountId, csrfToken: csrf,
                                    expires: Date().addingTimeInterval(Self.sessionHours * 3600))
        let response = HTML.redirect("/")
        response.cookies[AuthenticationMiddleware.sessionCookie] = cookie(secret, maxAge: Int(Self.sessionHours * 3600))
        response.cookies[Self.loginCookie] = cookie("", maxAge: 0)
        return response
    }

    enum LoginOutcome: Sendable {
        /// `wrong` carries the throttle keys the failure closed, with until when.
        case waiting(seconds: Int), wrong(closed: [String: Date]), account(String)
    }

    /// Checks an e-mail and password under the throttle: refused while it waits, else verified
    /// (against a decoy for unknown addresses, so timing reveals nothing), the outcome counted.
    static func authenticate(email: String, password typed: String, address: String, store: Store,
                             passwords: BoundedPasswordHasher) async throws -> LoginOutcome {
        // Account creation stored the hash of the NFC password (decodeJSON); the form is not JSON.
        let password = TextPolicy.normalised(typed)
        let guardian = LoginGuard(store: store)
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

    struct CSRFForm: Content { var csrf: String }

    /// The logged-in caller of a form post, after checking the form's CSRF token.
    private func formCaller(_ request: Request) throws -> Caller {
        guard let caller = request.caller, let expected = caller.csrfToken else { throw Problem.unauthenticated }
        let form = try request.content.decode(CSRFForm.self)
        guard form.csrf == expected else { throw Problem.forbidden("the form's CSRF token does not match the session; reload the page") }
        return caller
    }

    func logout(_ request: Request) async throws -> Response {
        _ = try formCaller(request)
        if let cookie = request.cookies[AuthenticationMiddleware.sessionCookie]?.string {
            try await Store(request.db).closeSession(cookieHash: Secrets.hash(cookie))
        }
        let response = HTML.redirect("/login")
        response.cookies[AuthenticationMiddleware.sessionCookie] = cookie("", maxAge: 0)
        return response
    }

    /// Sends each kind of user to their page.
    func home(_ request: Request) async throws -> Response {
        guard let caller = request.caller else { return HTML.redirect("/login") }
        let store = Store(request.db)
        if caller.role == .driver { return HTML.redirect("/ui/driver") }
        switch caller.organisation.kind {
        case .hubOperator:
            let hubs = try await store.hubs(.operatedBy(caller.organisation.id))
            if hubs.count == 1 { return HTML.redirect("/ui/hubs/\(hubs[0].id)") }
            return hubList(hubs, caller: caller)
        case .platform:
            return hubList(try await store.hubs(), caller: caller)
        case .municipality: return HTML.redirect("/ui/municipality")
        case .carrier, .shipper, .recipient: return HTML.redirect("/ui/parcels")
        }
    }

    private func hubList(_ hubs: [HubRecord], caller: Caller) -> Response {
        let rows = hubs.map { "<tr><td><a href=\"/ui/hubs/\(HTML.escape($0.id))\">\(HTML.escape($0.name))</a></td><td>\(HTML.escape($0.operatorId))</td></tr>" }
        return HTML.page("Hubs", caller: caller, """
            <h1>Hubs</h1><table><tr><th>Hub</th><th>Operator</th></tr>\(rows.joined())</table>
            <p><a href="/ui/municipality">Aggregated figures</a></p>
            """)
    }

    // MARK: Hub dashboard

    func hubDashboard(_ request: Request) async throws -> Response {
        guard let caller = request.caller else { return HTML.redirect("/login") }
        let store = Store(request.db)
        let hub = try await HubRecord.find(try request.parameters.require("hubId"), store: store)
        try hub.requireOperator(caller, write: false, action: "see this hub")
        let date = request.query[String.self, at: "date"] ?? Wire.today(in: hub.zone)
        _ = try Wire.date(date, field: "date")

        let byStatus = try await store.parcelCounts(atHub: hub.id)
        let cards = ParcelStatus.allCases.map { status in
            "<div class=\"card\"><b>\(byStatus[status] ?? 0)</b><span>\(status.rawValue)</span></div>"
        }.joined()

        let planIds = try await store.planIds(hubId: hub.id, date: date, limit: 1)
        let currentId = try await store.currentPlanId(hubId: hub.id, date: date)
        var planHTML = ""
        var refresh = ""
        if let latest = planIds.first, latest != currentId {
            let pending = try await PlanningController.planView(latest, store: store, withRoutes: false)
            if pending.status == "failed" {
                planHTML += "<p class=\"error\">The latest planning run failed: \(HTML.escape(pending.error ?? "unknown error"))</p>"
            } else {
                planHTML += "<p class=\"notice\">Planning… \(Int(pending.progress * 100)) % (\(pending.status)). This page refreshes itself.</p>"
                refresh = "<meta http-equiv=\"refresh\" content=\"2\">"
            }
        }
        if let currentId {
            planHTML += try await planSection(currentId, hub: hub, caller: caller, store: store, roads: request.application.platform.mapRoads)
        } else if planIds.isEmpty {
            planHTML += "<p class=\"muted\">No plan for \(date) yet.</p>"
        }
        let waiting = try await store.waitingParcels(atHub: hub.id, currentPlan: currentId)
        let planButton = caller.mayWrite ? """
            <form method="post" action="/ui/hubs/\(HTML.escape(hub.id))/plan">\(HTML.csrfField(caller))
              <input type="hidden" name="date" value="\(date)">
              <button class="primary">\(currentId == nil ? "Plan the day" : "Re-plan (dispatched routes stay)")</button></form>
            """ : ""
        let waitingNote = waiting > 0 && currentId != nil
            ? "<p class=\"notice\">\(waiting) parcels at or announced to the hub are not in the current plan.</p>" : ""
        return HTML.page(hub.name, caller: caller, """
            \(refresh)<h1>\(HTML.escape(hub.name)) — \(date)</h1>
            <form method="get"><label>Day <input type="date" name="date" value="\(date)"></label> <button>Show</button></form>
            <h2>Parcels by state</h2><div class="cards">\(cards)</div>
            <h2>Plan</h2>\(waitingNote)\(planButton)\(planHTML)
            """)
    }

    private func planSection(_ planId: String, hub: HubRecord, caller: Caller, store: Store, roads: [[Coordinate]]) async throws -> String {
        let plan = try await PlanningController.planView(planId, store: store, withRoutes: true)
        let routes = plan.routes ?? []
        let collection = try await PlanningController.featureCollection(planId: planId, store: store, attribution: false)
        var lines: [String: [Coordinate]] = [:]
        for feature in collection.features {
            if case .lineString(let line) = feature.geometry, case .string(let id)? = feature.properties["routeId"] { lines[id] = line }
        }
        let mapRoutes = routes.enumerated().map { index, route in
            MapSVG.Route(line: lines[route.id] ?? [], stops: route.stops.map {
                (Coordinate(longitude: $0.location[0], latitude: $0.location[1]), String($0.index + 1), $0.state)
            }, colour: MapSVG.palette[index % MapSVG.palette.count])
        }
        let map = MapSVG(hub: hub.location, routes: mapRoutes, roads: roads).render()
        let fleet = Dictionary(firstWins: try await store.fleet(of: hub.id).map { ($0.id, $0) })
        let drivers = try await store.drivers(of: hub.operatorId)
        let driverNames = Dictionary(firstWins: drivers.map { ($0.id, $0.name) })
        let rows = routes.enumerated().map { index, route -> String in
            let capacity = fleet[route.vehicleId].map { " (\(Int((route.loadKg / Double($0.capacityKg) * 100).rounded())) %)" } ?? ""
            let dispatch: String
            if let driver = route.driverId {
                dispatch = "Dispatched to \(HTML.escape(driverNames[driver] ?? driver)) at \(HTML.escape(clock(route.dispatchedAt)))"
            } else if caller.mayWrite && !drivers.isEmpty {
                let options = drivers.map { "<option value=\"\(HTML.escape($0.id))\">\(HTML.escape($0.name))</option>" }.joined()
                dispatch = """
                    <form method="post" action="/ui/routes/\(HTML.escape(route.id))/dispatch">\(HTML.csrfField(caller))
                    <select name="driverId">\(options)</select> <button>Dispatch</button></form>
                    """
            } else { dispatch = "not dispatched" }
            let stops = route.stops.map { "\($0.index + 1). \(HTML.escape($0.name)) \(clock($0.eta)) <span class=\"state \($0.state.replacingOccurrences(of: " ", with: "-"))\">\($0.state)</span>" }
                .joined(separator: "<br>")
            return """
                <tr><td><span class="swatch" style="background:\(MapSVG.palette[index % MapSVG.palette.count])"></span>\(HTML.escape(route.vehicleId))<br><small>\(route.vehicleType)</small></td>
                <td>\(clock(route.departure))–\(clock(route.returnTime))</td><td class="n">\(route.stops.count)</td><td class="n">\(route.parcelCount)</td>
                <td class="n">\(String(format: "%.1f", route.loadKg)) kg\(capacity)</td><td class="n">\(String(format: "%.1f", route.distanceKm))</td>
                <td><details><summary>ETAs</summary>\(stops)</details></td><td>\(dispatch)</td></tr>
                """
        }.joined()
        let unassigned = (plan.unassigned ?? []).map { "<li>\($0.barcodes.count) parcels (\(HTML.escape($0.barcodes.prefix(3).joined(separator: ", ")))…): \(HTML.escape($0.reason))</li>" }.joined()
        let totals = plan.totals.map { "\($0.routes) routes, \($0.stops) stops, \($0.parcels) parcels, \(String(format: "%.1f", $0.distanceKm)) km" } ?? ""
        return """
            <p>Plan of \(HTML.escape(plan.finishedAt.map(clock) ?? "")): \(totals). <a href="/v1/plans/\(planId)/geojson">GeoJSON</a></p>
            \(map)
            <table><tr><th>Vehicle</th><th>Out–back</th><th>Stops</th><th>Parcels</th><th>Load</th><th>km</th><th>Stops and ETAs</th><th>Driver</th></tr>\(rows)</table>
            \(unassigned.isEmpty ? "" : "<h2>Not planned</h2><ul>\(unassigned)</ul>")
            """
    }

    /// `HH:MM` of an ISO 8601 time (as written in the hub's zone).
    private func clock(_ iso: String?) -> String {
        guard let iso, let t = iso.firstIndex(of: "T") else { return "" }
        return String(iso[iso.index(after: t)...].prefix(5))
    }

    struct PlanForm: Content { var date: String }

    func requestPlan(_ request: Request) async throws -> Response {
        let caller = try formCaller(request)
        let form = try request.content.decode(PlanForm.self)
        let store = Store(request.db)
        let hub = try await HubRecord.find(try request.parameters.require("hubId"), store: store)
        let (date, limit) = try await PlanningController.checkPlanRequest(hub: hub, date: form.date, timeLimit: nil, caller: caller, store: store)
        _ = try await PlanningQueue.enqueue(hubId: hub.id, date: date, timeLimit: limit, requestedBy: caller.accountId, store: store)
        return HTML.redirect("/ui/hubs/\(hub.id)?date=\(date)")
    }

    struct DispatchForm: Content { var driverId: String }

    func dispatch(_ request: Request) async throws -> Response {
        let caller = try formCaller(request)
        let form = try request.content.decode(DispatchForm.self)
        let route = try await PlanningController.dispatch(routeId: try request.parameters.require("routeId"), driverId: form.driverId,
                                                          time: Date(), caller: caller, store: Store(request.db))
        let plan = try await PlanningController.planView(route.planId, store: Store(request.db), withRoutes: false)
        return HTML.redirect("/ui/hubs/\(plan.hubId)?date=\(plan.date)")
    }

    // MARK: Driver

    func driver(_ request: Request) async throws -> Response {
        guard let caller = request.caller else { return HTML.redirect("/login") }
        guard caller.role == .driver else { throw Problem.forbidden("this page is for drivers") }
        let routes = try await Store(request.db).routes(.drivenBy(caller.accountId)).map(PlanningController.RouteView.init)
        let content = routes.isEmpty ? "<p>No route has been dispatched to you.</p>" : routes.map { route in
            let stops = route.stops.map { stop -> String in
                let done = stop.state == "delivered" || stop.state == "failed"
                let form = done ? "" : """
                    <form method="post" action="/ui/routes/\(HTML.escape(route.id))/stops/\(stop.index)">\(HTML.csrfField(caller))
                    <input type="text" name="receiverName" placeholder="Received by (name)">
                    <input type="text" name="reason" placeholder="If failed: reason">
                    <div class="actions"><button class="primary" name="outcome" value="delivered">Delivered</button>
                    <button name="outcome" value="failed">Failed</button></div></form>
                    """
                return """
                    <div class="stop"><strong>\(stop.index + 1). \(HTML.escape(stop.name))</strong> <span class="state \(stop.state.replacingOccurrences(of: " ", with: "-"))">\(stop.state)</span><br>
                    <small>\(HTML.escape(stop.address)) · ETA \(clock(stop.eta)) · \(stop.parcels.count) parcels: \(HTML.escape(stop.parcels.joined(separator: ", ")))</small>
                    \(stop.accessNotes.map { "<br><small>Access: \(HTML.escape($0))</small>" } ?? "")\(form)</div>
                    """
            }.joined()
            return "<h2>\(HTML.escape(route.vehicleId)) · leaves \(clock(route.departure)) · \(String(format: "%.1f", route.distanceKm)) km</h2>\(stops)"
        }.joined()
        return HTML.page("My route", caller: caller, "<h1>My route</h1>\(content)")
    }

    struct StopForm: Content {
        var outcome: String
        var receiverName: String?
        var reason: String?
    }

    func completeStop(_ request: Request) async throws -> Response {
        let caller = try formCaller(request)
        let form = try request.content.decode(StopForm.self)
        guard let outcome = PlanningController.StopCompletion.Outcome(rawValue: form.outcome) else {
            throw Problem.badRequest("outcome: '\(form.outcome)' is not delivered or failed")
        }
        guard let index = Int(try request.parameters.require("stopIndex")) else { throw Problem.badRequest("stopIndex: not a number") }
        let completion = PlanningController.StopCompletion(
            eventId: "web-\(Secrets.random(bytes: 9))", outcome: outcome, time: Wire.format(Date(), in: .gmt),
            receiverName: form.receiverName?.isEmpty == false ? form.receiverName : nil, photoReference: nil,
            reason: form.reason?.isEmpty == false ? form.reason : nil, parcels: nil)
        _ = try await PlanningController.completeStop(routeId: try request.parameters.require("routeId"), index: index, completion,
                                                      caller: caller, store: Store(request.db))
        return HTML.redirect(caller.role == .driver ? "/ui/driver" : "/")
    }

    // MARK: Carriers, shippers, recipients

    func parcels(_ request: Request) async throws -> Response {
        guard let caller = request.caller else { return HTML.redirect("/login") }
        let page = try await IntakeController().listParcels(request)
        let rows = page.items.map { parcel in
            """
            <tr><td>\(HTML.escape(parcel.barcode))</td><td><span class="state \(parcel.status)">\(parcel.status)</span></td>
            <td>\(HTML.escape(parcel.siteName))</td><td>\(HTML.escape(parcel.carrierId))</td><td>\(clock(parcel.eta))</td>
            <td>\(HTML.escape(String(parcel.statusTime.replacingOccurrences(of: "T", with: " ").prefix(16))))</td></tr>
            """
        }.joined()
        let pages = Int((Double(page.total) / Double(page.perPage)).rounded(.up))
        let next = page.page < pages ? "<a href=\"/ui/parcels?page=\(page.page + 1)\">Next page</a>" : ""
        let title = caller.organisation.kind == .recipient ? "Deliveries to \(caller.organisation.name)" : "Parcels of \(caller.organisation.name)"
        return HTML.page(title, caller: caller, """
            <h1>\(HTML.escape(title))</h1><p class="muted">\(page.total) parcels · page \(page.page) of \(max(pages, 1))</p>
            <table><tr><th>Barcode</th><th>State</th><th>Recipient site</th><th>Carrier</th><th>ETA</th><th>Last update</th></tr>\(rows)</table>
            <p>\(next)</p>
            """)
    }

    // MARK: Municipality

    func municipality(_ request: Request) async throws -> Response {
        guard let caller = request.caller else { return HTML.redirect("/login") }
        let stats = try await StatsController().stats(request)
        let rows = stats.hubs.map { hub in
            if hub.suppressed {
                return """
                    <tr><td>\(HTML.escape(hub.hubName))</td><td>\(hub.from) – \(hub.to)</td>
                    <td colspan="8" class="muted">Withheld: fewer than \(StatsController.minimumCarriers) carriers used the hub in this period.</td>
                    <td>\(HTML.escape(hub.carriers))</td></tr>
                    """
            }
            func cell<T>(_ value: T?) -> String { "<td class=\"n\">\(value.map { "\($0)" } ?? "")</td>" }
            return """
                <tr><td>\(HTML.escape(hub.hubName))</td><td>\(hub.from) – \(hub.to)</td>\(cell(hub.parcelsAnnounced))\(cell(hub.parcelsDelivered))
                \(cell(hub.parcelsFailed))\(cell(hub.stops))\(cell(hub.parcelsPerStop))\(cell(hub.routesDriven))\(cell(hub.distanceKm))
                <td>\((hub.distanceKmByVehicleType ?? [:]).sorted { $0.key < $1.key }.map { "\(HTML.escape($0.key)): \($0.value) km" }.joined(separator: "<br>"))</td>
                <td>\(HTML.escape(hub.carriers))</td></tr>
                """
        }.joined()
        return HTML.page("Figures", caller: caller, """
            <h1>Consolidated deliveries in \(HTML.escape(caller.organisation.name))</h1>
            <form method="get"><label>From <input type="date" name="from"></label> <label>to <input type="date" name="to"></label> <button>Show</button></form>
            <table><tr><th>Hub</th><th>Period</th><th>Announced</th><th>Delivered</th><th>Failed</th><th>Stops</th><th>Parcels/stop</th>
            <th>Routes</th><th>km</th><th>km by vehicle</th><th>Carriers</th></tr>\(rows)</table>
            <p class="muted">Aggregated over all carriers; no figure shows one carrier's business.</p>
            """)
    }
}

/// Shows errors of web pages as a page with the reason and a way back, not as JSON.
struct WebErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let problem = ProblemMiddleware.problem(for: error, request: request)
            if problem.status == .unauthorized { return HTML.redirect("/login") }
            if problem.status.code >= 500 { request.logger.report(error: error) }
            let response = HTML.page(problem.status.reasonPhrase, caller: request.caller, """
                <h1>\(HTML.escape(problem.status.reasonPhrase))</h1><p class="error">\(HTML.escape(problem.detail))</p>
                <p><a href="/">Back to the overview</a></p>
                """)
            response.status = problem.status
            return response
        }
    }
}
