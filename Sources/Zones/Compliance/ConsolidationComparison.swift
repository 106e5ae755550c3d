/// Deliveries before and after consolidation, counted the one way the KPIs define: before,
/// every supplier (or its carrier) delivers its own goods, so each supplier–recipient–day with
/// goods is a delivery; after, the consolidator brings each recipient everything of a day in one
/// delivery, so each recipient–day with goods is one.
public enum ConsolidationComparison {
    /// Goods for one recipient from one supplier on one day.
    public struct Consignment: Hashable, Sendable {
        public var supplier: String
        public var recipient: String
        /// Day number (any consistent count of days).
        public var day: Int
        public var parcels: Int

        public init(supplier: String, recipient: String, day: Int, parcels: Int) {
            self.supplier = supplier
            self.recipient = recipient
            self.day = day
            self.parcels = parcels
        }
    }

    public static func compare(_ consignments: [Consignment], weeks: Double) -> (before: DeliveryKPIs, after: DeliveryKPIs) {
        let parcels = consignments.reduce(0) { $0 + $1.parcels }
        let recipients = Set(consignments.map(\.recipient)).count
        struct SupplierDay: Hashable { var supplier: String, recipient: String, day: Int }
        struct RecipientDay: Hashable { var recipient: String, day: Int }
        let before = Set(consignments.map { SupplierDay(supplier: $0.supplier, recipient: $0.recipient, day: $0.day) }).count
        let after = Set(consignments.map { RecipientDay(recipient: $0.recipient, day: $0.day) }).count
        return (DeliveryKPIs(deliveries: before, parcels: parcels, recipients: recipients, weeks: weeks),
                DeliveryKPIs(deliveries: after, parcels: parcels, recipients: recipients, weeks: weeks))
    }
}
