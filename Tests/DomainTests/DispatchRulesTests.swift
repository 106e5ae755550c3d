import Domain
import Testing

/// Dispatching and recording stops, as a table of principals against a route of hub "hubco".
@Suite struct DispatchRulesTests {
    static func principal(_ kind: Organisation.Kind, _ role: Role, organisation: String = "hubco", account: String = "acc") -> Principal {
        Principal(organisation: Organisation(id: organisation, name: organisation, kind: kind), role: role, accountId: account)
    }

    static let route = Dispatch.Route(operatorId: "hubco", driverId: nil, isDispatched: false, isOfCurrentPlan: true)
    static let driver = (role: Role.driver, organisationId: "hubco")

    @Test func theHubsWritersDispatchCurrentRoutesToTheirOwnDrivers() {
        let writer = Self.principal(.hubOperator, .writer)
        #expect(Dispatch.refusal(writer, dispatching: Self.route, to: Self.driver) == nil)
        #expect(Dispatch.refusal(Self.principal(.platform, .admin, organisation: "platform"), dispatching: Self.route, to: Self.driver) == nil)
        #expect(Dispatch.refusal(Self.principal(.hubOperator, .viewer), dispatching: Self.route, to: Self.driver)
            == .forbidden("a viewer may not dispatch routes"))
        for stranger in [Self.principal(.hubOperator, .writer, organisation: "otherhub"), Self.principal(.carrier, .admin, organisation: "carrier"),
                         Self.principal(.hubOperator, .driver)] {
            #expect(Dispatch.refusal(stranger, dispatching: Self.route, to: Self.driver) == .unknownRoute, "\(stranger)")
        }
    }

    @Test func aRouteIsDispatchedOnceAndOnlyFromTheCurrentPlan() {
        let writer = Self.principal(.hubOperator, .writer)
        var dispatched = Self.route
        dispatched.isDispatched = true
        #expect(Dispatch.refusal(writer, dispatching: dispatched, to: Self.driver) == .conflict("was dispatched already"))
        var replaced = Self.route
        replaced.isOfCurrentPlan = false
        #expect(Dispatch.refusal(writer, dispatching: replaced, to: Self.driver)
            == .conflict("belongs to a plan that has been replaced; dispatch a route of the current plan"))
        #expect(Dispatch.refusal(writer, dispatching: Self.route, to: nil) == .notADriver)
        #expect(Dispatch.refusal(writer, dispatching: Self.route, to: (.writer, "hubco")) == .notADriver)
        #expect(Dispatch.refusal(writer, dispatching: Self.route, to: (.driver, "otherhub")) == .notADriver)
    }

    @Test func stopsAreRecordedByTheRoutesDriverOnceDispatchedAndByHubStaff() {
        let driven = Dispatch.Route(operatorId: "hubco", driverId: "driver-1", isDispatched: true, isOfCurrentPlan: true)
        #expect(Dispatch.handles(Self.principal(.hubOperator, .driver, account: "driver-1"), route: driven))
        #expect(!Dispatch.handles(Self.principal(.hubOperator, .driver, account: "driver-2"), route: driven))
        var assignedOnly = driven
        assignedOnly.isDispatched = false
        #expect(!Dispatch.handles(Self.principal(.hubOperator, .driver, account: "driver-1"), route: assignedOnly))
        #expect(Dispatch.handles(Self.principal(.hubOperator, .viewer), route: driven))
        #expect(!Dispatch.handles(Self.principal(.hubOperator, .writer, organisation: "otherhub"), route: driven))
        #expect(!Dispatch.handles(Self.principal(.carrier, .writer, organisation: "carrier"), route: driven))
    }
}
