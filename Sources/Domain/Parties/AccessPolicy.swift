/// Who may see and record what. Every endpoint asks these questions; the answers depend only
/// on the principal's organisation and role, the parcel, and (for drivers) the route. What a
/// principal sees is `ParcelScope`'s rule.
public struct AccessPolicy: Sendable {
    /// Hub id → the organisation operating it.
    public var hubOperators: [String: String]

    public init(hubOperators: [String: String]) { self.hubOperators = hubOperators }

    /// - Parameter routeParcels: the parcels on the principal's route, for drivers.
    public func canView(_ parcel: Parcel, by principal: Principal, routeParcels: Set<String> = []) -> Bool {
        let drivenBy: Set<String> = routeParcels.contains(parcel.id) ? [principal.accountId ?? ""] : []
        return ParcelScope.of(principal).admits(.init(parcel: parcel, hubOperatorId: hubOperators[parcel.hubId], drivenBy: drivenBy))
    }

    /// Whether the principal may record an event of this kind for the parcel.
    public func canRecord(_ kind: ParcelEvent.Kind, for parcel: Parcel, by principal: Principal, routeParcels: Set<String> = []) -> Bool {
        guard principal.role != .viewer else { return false }
        let organisation = principal.organisation
        if organisation.kind == .platform { return principal.role == .admin }
        let operatesHub = organisation.kind == .hubOperator && hubOperators[parcel.hubId] == organisation.id
        switch kind {
        case .announced:
            return principal.role != .driver
                && ((organisation.kind == .carrier && parcel.carrierId == organisation.id)
                    || (organisation.kind == .shipper && parcel.shipperId == organisation.id))
        case .arrivedAtHub, .sorted, .loaded, .returned:
            return operatesHub && principal.role != .driver
        case .outForDelivery, .delivered, .failed:
            return principal.role == .driver ? routeParcels.contains(parcel.id) : operatesHub
        }
    }
}
