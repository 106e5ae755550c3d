import Routing

/// What one carrier brings one recipient on one day.
public struct Delivery: Sendable, Equatable {
    public var carrier: Int
    public var recipient: Int
    public var deliveries: Int
    public var parcels: Int
    public var kilograms: Double
}

/// Draws a scenario's deliveries, reproducibly from its seed: per working day, each recipient
/// gets a Poisson number of deliveries (its category's weekly mean ÷ 5), each from a carrier
/// drawn by market share, with a geometric number of parcels (P(1 parcel) = 1 ÷ mean).
struct DemandGenerator {
    let scenario: ScenarioDocument

    /// `[day]` → deliveries merged per (carrier, recipient).
    func draw() -> [[Delivery]] {
        var random = SeededGenerator(seed: scenario.seed)
        let totalShare = scenario.carriers.reduce(0) { $0 + $1.marketShare }
        let stopProbability = 1 / scenario.demand.meanParcelsPerDelivery
        var days: [[Delivery]] = []
        for _ in 0..<scenario.days {
            var merged: [Int: Delivery] = [:]
            var order: [Int] = []
            for (index, recipient) in scenario.recipients.enumerated() {
                let perWeek = scenario.demand.deliveriesPerWeek[recipient.category] ?? scenario.demand.deliveriesPerWeek["default"]!
                for _ in 0..<poisson(perWeek / 5, &random) {
                    var pick = random.unit() * totalShare, carrier = 0
                    while carrier < scenario.carriers.count - 1 && pick >= scenario.carriers[carrier].marketShare {
                        pick -= scenario.carriers[carrier].marketShare
                        carrier += 1
                    }
                    var parcels = 1
                    while random.unit() >= stopProbability && parcels < 1000 { parcels += 1 }
                    let key = carrier * scenario.recipients.count + index
                    if merged[key] == nil {
                        merged[key] = Delivery(carrier: carrier, recipient: index, deliveries: 0, parcels: 0, kilograms: 0)
                        order.append(key)
                    }
                    merged[key]!.deliveries += 1
                    merged[key]!.parcels += parcels
                    merged[key]!.kilograms += Double(parcels) * scenario.demand.parcelWeightKg
                }
            }
            days.append(order.map { merged[$0]! })
        }
        return days
    }

    /// Knuth's method; means here are small (a few per day).
    private func poisson(_ mean: Double, _ random: inout SeededGenerator) -> Int {
        guard mean > 0 else { return 0 }
        let limit = exp(-mean)
        var product = random.unit(), count = 0
        while product > limit {
            count += 1
            product *= random.unit()
        }
        return count
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
