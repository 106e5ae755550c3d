/// The rules of handing routes to drivers and of recording their stops.
public enum Dispatch {
    /// What the rules need to know of a route.
    public struct Route: Sendable, Equatable {
        /// The organisation operating the route's hub.
        public var operatorId: String
        /// The driver it was dispatched to, if it was.
        public var driverId: String?
        public var isDispatched: Bool
        /// Whether its plan is still the hub's current plan of the day (a re-plan replaces it).
        public var isOfCurrentPlan: Bool

        public init(operatorId: String, driverId: String?, isDispatched: Bool, isOfCurrentPlan: Bool) {
            self.operatorId = operatorId
            self.driverId = driverId
            self.isDispatched = isDispatched
            self.isOfCurrentPlan = isOfCurrentPlan
        }
    }

    /// Why a dispatch is refused.
    public enum Refusal: Error, Sendable, Equatable {
        /// Not a route of the principal's hubs: answered as if it did not exist.
        case unknownRoute
        case forbidden(String)
        case conflict(String)
        /// The account named as driver is none of the hub operator's drivers.
        case notADriver
    }

    /// Whether `principal` may hand `route` to the account `driver` (its role and organisation,
    /// nil when there is no such account); nil when it may.
    public static func refusal(_ principal: Principal, dispatching route: Route, to driver: (role: Role, organisationId: String)?) -> Refusal? {
        switch HubRules.access(principal, toHubOperatedBy: route.operatorId, write: true) {
        case .stranger: return .unknownRoute
        case .refused:
            return HubRules.access(principal, toHubOperatedBy: route.operatorId, write: false) == .granted
                ? .forbidden("a \(principal.role.rawValue) may not dispatch routes") : .unknownRoute
        case .granted: break
        }
        if route.isDispatched { return .conflict("was dispatched already") }
        if !route.isOfCurrentPlan { return .conflict("belongs to a plan that has been replaced; dispatch a route of the current plan") }
        guard let driver, driver.role == .driver, driver.organisationId == route.operatorId else { return .notADriver }
        return nil
    }

    /// Whether `principal` reads the route's manifest and records its stops: its driver once
    /// dispatched, and the hub's staff.
    public static func handles(_ principal: Principal, route: Route) -> Bool {
        HubRules.drives(principal, routeDriver: route.driverId, dispatched: route.isDispatched)
            || HubRules.access(principal, toHubOperatedBy: route.operatorId, write: false) == .granted
    }
}
