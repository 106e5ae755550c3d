/// One door of a locker: its size class, inner dimensions, temperature and height.
public struct Compartment: Hashable, Sendable, Codable {
    /// The size classes operators sell; the inner dimensions are what a parcel must fit.
    public enum SizeClass: String, Hashable, Sendable, Codable, CaseIterable { case xs, s, m, l, xl }
    public enum Temperature: String, Hashable, Sendable, Codable, CaseIterable {
        case ambient
        /// 4 ± 2 °C.
        case chilled
    }

    public var id: String
    public var size: SizeClass
    /// Inner width, height and depth, centimetres.
    public var widthCm: Double
    public var heightCm: Double
    public var depthCm: Double
    public var maximumWeightKg: Double
    public var temperature: Temperature
    /// Height of the compartment's floor above the ground, centimetres.
    public var floorHeightCm: Double

    public init(id: String, size: SizeClass, widthCm: Double, heightCm: Double, depthCm: Double, maximumWeightKg: Double,
                temperature: Temperature = .ambient, floorHeightCm: Double) {
        self.id = id; self.size = size; self.widthCm = widthCm; self.heightCm = heightCm; self.depthCm = depthCm
        self.maximumWeightKg = maximumWeightKg; self.temperature = temperature; self.floorHeightCm = floorHeightCm
    }

    /// Reachable from a wheelchair: the floor between 40 and 120 cm (the reach range of
    /// universal-design guidance such as NS 11001).
    public var isAccessible: Bool { (40...120).contains(floorHeightCm) }

    /// What cannot be about the compartment, or nil.
    public var problem: String? {
        if id.isEmpty { return "id: a compartment needs an id" }
        for (key, value) in [("widthCm", widthCm), ("heightCm", heightCm), ("depthCm", depthCm)] where !(value >= 1 && value <= 300) {
            return "\(key): \(value) is not an inner dimension of a locker compartment (1–300 cm)"
        }
        if !(maximumWeightKg > 0 && maximumWeightKg <= 200) { return "maximumWeightKg: must be above 0 and at most 200" }
        if !(floorHeightCm >= 0 && floorHeightCm <= 250) { return "floorHeightCm: must be between 0 and 250" }
        return nil
    }

    /// Whether a parcel of these outer dimensions (any order) and weight fits, turned any way
    /// that keeps its edges parallel to the compartment's.
    public func fits(lengthCm: Double, widthCm parcelWidth: Double, heightCm parcelHeight: Double, weightKg: Double) -> Bool {
        guard weightKg <= maximumWeightKg else { return false }
        let parcel = [lengthCm, parcelWidth, parcelHeight].sorted(), inside = [widthCm, heightCm, depthCm].sorted()
        return zip(parcel, inside).allSatisfy { $0 <= $1 }
    }
}
