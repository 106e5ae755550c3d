import Foundation
import Testing
@testable import Emissions

/// Worked examples computed by hand from the method, with the arithmetic in the comments.
@Suite struct EmissionCalculatorTests {
    let factors = try! EmissionFactors.bundled()

    @Test func bundledTableHasVersionAndSources() {
        #expect(factors.version == "2025.1")
        #expect(factors.energyCarriers.allSatisfy { !$0.source.isEmpty })
        #expect(factors.vehicles.allSatisfy { !$0.source.isEmpty })
    }

    @Test func dieselVanLegWorkedExample() throws {
        // A diesel van drives 40 km with two consignments:
        //   A: 0.2 t, shortest feasible distance 10 km → 2 t·km
        //   B: 0.3 t, 20 km → 6 t·km;  total 8 t·km, shares 1/4 and 3/4.
        // Fuel: 0.0732 kg/km × 40 km = 2.928 kg diesel B7.
        // TTW: 2.928 × 2.97 = 8.69616 kg CO2e;  WTW: 2.928 × 3.76 = 11.00928 kg CO2e.
        // A gets 11.00928 / 4 = 2.75232 kg WTW, B 8.25696 kg.
        let leg = Leg(vehicleCategory: "diesel-van", distanceKm: 40, shipments: [
            .init(id: "A", tonnes: 0.2, shortestFeasibleKm: 10), .init(id: "B", tonnes: 0.3, shortestFeasibleKm: 20),
        ])
        let result = try EmissionCalculator(factors: factors).calculate(legs: [leg])
        #expect(abs(result.energy["diesel-b7"]! - 2.928) < 1e-12)
        #expect(abs(result.total.tankToWheel - 8.69616) < 1e-9)
        #expect(abs(result.total.wellToWheel - 11.00928) < 1e-9)
        #expect(abs(result.perShipment["A"]!.wellToWheel - 2.75232) < 1e-9)
        #expect(abs(result.perShipment["B"]!.wellToWheel - 8.25696) < 1e-9)
        // Intensities: 11.00928 / 40 km = 0.275232 kg/vkm; 11.00928 / 8 t·km = 1.37616 kg/t·km.
        #expect(abs(result.wellToWheelPerVehicleKm - 0.275232) < 1e-9)
        #expect(abs(result.wellToWheelPerTonneKm - 1.37616) < 1e-9)
        #expect(result.factorVersion == "2025.1")
    }

    @Test func electricLegsAndAHubWorkedExample() throws {
        // E-van 25 km: 0.215 kWh/km × 25 = 5.375 kWh → WTW 5.375 × 0.015 = 0.080625 kg, TTW 0.
        // E-cargo bike 12 km: 0.0129 × 12 = 0.1548 kWh → WTW 0.002322 kg.
        // Hub: 10 kWh for three parcels → 0.15 kg, 0.05 kg each.
        let legs = [
            Leg(vehicleCategory: "e-van", distanceKm: 25, shipments: [.init(id: "P1", tonnes: 0.01, shortestFeasibleKm: 5)]),
            Leg(vehicleCategory: "e-cargo-bike", distanceKm: 12, shipments: [
                .init(id: "P2", tonnes: 0.01, shortestFeasibleKm: 2), .init(id: "P3", tonnes: 0.01, shortestFeasibleKm: 2),
            ]),
        ]
        let hub = HubOperation(energyCarrier: "electricity-no-2023", energy: 10, shipmentIds: ["P1", "P2", "P3"])
        let result = try EmissionCalculator(factors: factors).calculate(legs: legs, hubs: [hub])
        #expect(result.total.tankToWheel == 0)
        #expect(abs(result.transport.wellToWheel - (0.080625 + 0.002322)) < 1e-12)
        #expect(abs(result.hubs.wellToWheel - 0.15) < 1e-12)
        // P2: half the bike (0.001161) + a third of the hub (0.05) = 0.051161 kg.
        #expect(abs(result.perShipment["P2"]!.wellToWheel - 0.051161) < 1e-12)
        #expect(abs(result.energy["electricity-no-2023"]! - (5.375 + 0.1548 + 10)) < 1e-12)
    }

    @Test func measuredConsumptionReplacesTheDefault() throws {
        // 0.25 kWh/km measured × 10 km = 2.5 kWh → 0.0375 kg WTW.
        let leg = Leg(vehicleCategory: "e-van", distanceKm: 10, shipments: [], measuredConsumptionPerKm: 0.25)
        let result = try EmissionCalculator(factors: factors).calculate(legs: [leg])
        #expect(abs(result.total.wellToWheel - 0.0375) < 1e-12)
    }

    @Test func rejectsUnknownVehiclesAndBadTables() {
        #expect(throws: EmissionError.self) {
            try EmissionCalculator(factors: factors).calculate(legs: [Leg(vehicleCategory: "hovercraft", distanceKm: 1, shipments: [])])
        }
        #expect(throws: EmissionError.self) {
            try EmissionCalculator(factors: factors).calculate(legs: [Leg(vehicleCategory: "e-van", distanceKm: -3, shipments: [])])
        }
        let bad = #"{"version":"x","description":"","energyCarriers":[{"id":"d","unit":"kg","tankToWheelKgCO2ePerUnit":3,"wellToWheelKgCO2ePerUnit":2,"litresToUnit":null,"source":"s"}],"vehicles":[]}"#
        let error = #expect(throws: EmissionError.self) { try EmissionFactors.load(Data(bad.utf8), file: "mine.json") }
        #expect(error?.description.contains("energyCarriers[0] (d)") == true)
    }
}
