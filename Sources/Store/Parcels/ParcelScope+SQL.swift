import Domain
import SQLKit

extension ParcelScope {
    /// The scope as an SQL condition on `parcels p`: each case of the domain's rule translated,
    /// nothing decided here. A refused scope selects nothing (the caller answers the refusal).
    var condition: SQLQueryString {
        switch self {
        case .all: "1 = 1"
        case .none, .refused: "1 = 0"
        case .carriedBy(let organisation): "p.carrier_id = \(bind: organisation)"
        case .sentBy(let organisation): "p.shipper_id = \(bind: organisation)"
        case .receivedBy(let organisation): "p.recipient_id = \(bind: organisation)"
        case .atHubsOperatedBy(let organisation): "p.hub_id IN (SELECT id FROM hubs WHERE operator_id = \(bind: organisation))"
        case .onRoutesDrivenBy(let account):
            """
            p.barcode IN (SELECT sp.barcode FROM stop_parcels sp JOIN routes r ON r.id = sp.route_id
                          WHERE r.driver_id = \(bind: account) AND r.dispatched_at IS NOT NULL)
            """
        }
    }
}
