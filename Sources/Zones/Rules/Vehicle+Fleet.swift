import Routing

extension ZoneVehicle {
    /// How a zone's rules see a vehicle of the hub's fleet, which records only its type and
    /// capacity: the category, emissions and size of a typical vehicle of that type. The figures
    /// are documented in docs/zones.md; a municipality that needs the real ones asks the operator
    /// to declare its trips itself.
    ///
    /// | type | category | zero-emission | gross weight | length | load space |
    /// |---|---|---|---|---|---|
    /// | e-cargo-bike | cargo-bike | yes | 250 kg | 2.5 m | 1.5 m³ |
    /// | e-van | van | yes | 3,500 kg | 5.5 m | 9 m³ |
    /// | diesel-van | van | no | 3,500 kg | 6 m | 12 m³ |
    /// | truck | truck | no | 18,000 kg | 10 m | 40 m³ |
    ///
    /// The payload and parcel capacity are the fleet's own; the gross weight is raised to exceed
    /// the payload where a fleet records more payload than the typical vehicle carries.
    public static func typical(of category: VehicleCategory, payloadKg: Double, parcelCapacity: Int?) -> ZoneVehicle {
        let (kind, zeroEmission, grossWeightKg, lengthM, volumeM3): (ZoneVehicle.Category, Bool, Double, Double, Double) = switch category {
        case .eCargoBike: (.cargoBike, true, 250, 2.5, 1.5)
        case .eVan: (.van, true, 3500, 5.5, 9)
        case .dieselVan: (.van, false, 3500, 6, 12)
        case .truck: (.truck, false, 18_000, 10, 40)
        }
        return ZoneVehicle(category: kind, zeroEmission: zeroEmission, grossWeightKg: max(grossWeightKg, payloadKg + 1), lengthM: lengthM,
                           volumeCapacityM3: volumeM3, payloadKg: payloadKg, parcelCapacity: parcelCapacity.flatMap { $0 > 0 ? $0 : nil })
    }
}
