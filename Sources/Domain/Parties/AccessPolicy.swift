/// Who may see and record what. Every endpoint asks these questions; the answers depend only
/// on the principal's organisation and role, the parcel, and (for drivers) the route.
///
/// - Platform admins: everything.
/// - Municipalities: no single parcel — only aggregated figures.
/// - Hub operators: parcels of the hubs they operate.
/// - Carriers, shippers, recipients: parcels they carry, send or receive — never another's.
/// - Drivers: parcels on the route they drive.
public struct AccessPolicy: Sendable {
    /// Hub id → the organisation operating it.
    public var hubOperators: [String: String]

    public init(hubOperators: [String: String]) { self.hubOperators = hubOperators }

    /// - Parameter routeParcels: the parcels on the principal's route, for drivers.
    public func canView(_ parcel: Parcel, by principal: Principal, routeParcels: Set<String> = []) -> Bool {
        let organisation = principal.organisation
        if principal.role == .driver { return routeParcels.contains(parcel.id) }
        switch organisation.kind {
        case .platform: return principal.role == .admin
        case .municipality: return false
        case .hubOperator: return hubOperators[parcel.hubId] == organisation.id
        case .carrier: return parcel.carrierId == organisation.id
        case .shipper: return parcel.shipperId == organisation.id
        case .recipient: return parcel.recipientId == organisation.id
        }
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
