import Emissions
import Foundation
import Impact
import Store

// The footprints a party may read, as iLEAP ShipmentFootprints with the TOCs and HOCs they name.
extension ILEAPExport {
    /// Who produced the figures: the hub's operator, and the table they were computed with.
    struct Source {
        var hubName: String
        var operatorId: String
        var operatorName: String
        var zone: TimeZone
    }

    static func response(_ footprints: [(row: FootprintRow, footprint: ShipmentFootprint)], sources: [String: Source],
                         tables: [String: EmissionFactors], now: Date) throws -> ListResponse {
        var data: [ProductFootprint] = []
        var tocs: [String: ProductFootprint] = [:], hocs: [String: (mass: Double, emissions: Emissions, row: FootprintRow)] = [:]
        for (row, footprint) in footprints {
            guard let source = sources[row.hubId] else { continue }
            guard let table = tables[row.factorVersion] else {
                throw Problem.unprocessable("factorVersion: the table '\(row.factorVersion)' of these footprints is no longer loaded")
            }
            let hocId = "samlast-hub-\(row.hubId)-\(row.day)"
            var tces: [TCE] = footprint.elements.enumerated().map { index, element in
                TCE(tceId: "\(row.shipmentId)-\(row.day)-\(index + 1)", prevTceIds: [], tocId: "samlast-route-\(element.routeId)", hocId: nil,
                    shipmentId: row.shipmentId, mass: decimal(footprint.massKg), distance: Distance(sfd: decimal(element.distanceKm)),
                    transportActivity: decimal(element.tonneKm), departureAt: nil,
                    co2eWTW: decimal(element.emissions.wellToWheel), co2eTTW: decimal(element.emissions.tankToWheel))
            }
            if footprint.hub.wellToWheel > 0 {
                tces.insert(TCE(tceId: "\(row.shipmentId)-\(row.day)-hub", prevTceIds: [], tocId: nil, hocId: hocId, shipmentId: row.shipmentId,
                                mass: decimal(footprint.massKg), distance: Distance(sfd: "0"), transportActivity: "0", departureAt: nil,
                                co2eWTW: decimal(footprint.hub.wellToWheel), co2eTTW: decimal(footprint.hub.tankToWheel)), at: 0)
                let previous = hocs[hocId] ?? (0, .zero, row)
                hocs[hocId] = (previous.mass + footprint.massKg, previous.emissions + footprint.hub, row)
            }
            for index in tces.indices.dropFirst() { tces[index].prevTceIds = [tces[index - 1].tceId] }
            let total = footprint.total
            data.append(wrap(
                id: identifier("shipment", row.shipmentId, row.day, row.factorVersion, String(row.revision)), source: source, row: row, now: now,
                product: "shipment:\(row.shipmentId)", description: "Emissions of shipment \(row.shipmentId) through hub \(source.hubName) on \(row.day)",
                name: "Shipment \(row.shipmentId)", pcf: carbon(unit: "ton kilometer", amount: footprint.tonneKm, mass: footprint.massKg,
                                                               wellToWheel: total.wellToWheel, row: row, zone: source.zone),
                extension: Extension(shipmentFootprint: ShipmentFootprintData(mass: decimal(footprint.massKg), shipmentId: row.shipmentId, tces: tces))))
            for element in footprint.elements where tocs["samlast-route-\(element.routeId)"] == nil {
                let tocId = "samlast-route-\(element.routeId)"
                tocs[tocId] = wrap(
                    id: identifier("toc", tocId, row.factorVersion, String(row.revision)), source: source, row: row, now: now, product: "toc:\(tocId)",
                    description: "Route \(element.routeId) of hub \(source.hubName) on \(row.day), \(element.vehicleCategory)", name: "TOC \(tocId)",
                    pcf: carbon(unit: "ton kilometer", amount: 1, mass: 1, wellToWheel: element.wellToWheelPerTonneKm, row: row, zone: source.zone),
                    extension: Extension(toc: TOCData(
                        tocId: tocId, certifications: ["ISO14083:2023", "GLECv3"],
                        description: "\(element.vehicleCategory) delivery route from hub \(source.hubName), \(row.day), factor table \(row.factorVersion)",
                        mode: "Road", temperatureControl: "ambient", truckLoadingSequence: "LTL",
                        energyCarriers: [try energyCarrier(element.energyCarrier, table: table)],
                        co2eIntensityWTW: decimal(element.wellToWheelPerTonneKm), co2eIntensityTTW: decimal(element.tankToWheelPerTonneKm),
                        transportActivityUnit: "tkm")))
            }
        }
        for (hocId, hub) in hocs.sorted(by: { $0.key < $1.key }) {
            guard let source = sources[hub.row.hubId], let table = tables[hub.row.factorVersion] else { continue }
            let tonnes = hub.mass / 1000
            let intensity = tonnes > 0 ? hub.emissions * (1 / tonnes) : .zero
            let electricity = try table.vehicle("e-van").energyCarrier
            data.append(wrap(
                id: identifier("hoc", hocId, hub.row.factorVersion, String(hub.row.revision)), source: source, row: hub.row, now: now, product: "hoc:\(hocId)",
                description: "Hub \(source.hubName) on \(hub.row.day)", name: "HOC \(hocId)",
                pcf: carbon(unit: "kilogram", amount: 1000, mass: 1000, wellToWheel: intensity.wellToWheel, row: hub.row, zone: source.zone),
                extension: Extension(hoc: HOCData(
                    hocId: hocId, certifications: ["ISO14083:2023", "GLECv3"], description: "Consolidation hub \(source.hubName), \(hub.row.day)",
                    hubType: "Transshipment", temperatureControl: "ambient", energyCarriers: [try energyCarrier(electricity, table: table)],
                    co2eIntensityWTW: decimal(intensity.wellToWheel), co2eIntensityTTW: decimal(intensity.tankToWheel), hubActivityUnit: "tonnes"))))
        }
        return ListResponse(data: data + tocs.sorted { $0.key < $1.key }.map(\.value))
    }

    private static func energyCarrier(_ id: String, table: EmissionFactors) throws -> EnergyCarrier {
        let carrier = try table.carrier(id)
        guard let type = carrier.ileapEnergyCarrier else {
            throw Problem.unprocessable("factor table \(table.version): energy carrier '\(id)' has no ileapEnergyCarrier, so it cannot be exported to iLEAP")
        }
        return EnergyCarrier(energyCarrier: type, relativeShare: "1", emissionFactorWTW: decimal(carrier.wellToWheelKgCO2ePerUnit),
                             emissionFactorTTW: decimal(carrier.tankToWheelKgCO2ePerUnit), energyConsumptionUnit: carrier.unit == "kWh" ? "kWh" : "kg")
    }

    private static func carbon(unit: String, amount: Double, mass: Double, wellToWheel: Double, row: FootprintRow, zone: TimeZone) -> CarbonFootprint {
        let start = Wire.midnight(of: (try? Wire.date(row.day, field: "day")) ?? DateComponents(year: 1970, month: 1, day: 1), in: zone)
        let iso = ISO8601DateFormatter()
        return CarbonFootprint(
            declaredUnit: unit, unitaryProductAmount: decimal(amount), productMassPerDeclaredUnit: decimal(mass),
            pCfExcludingBiogenic: decimal(wellToWheel), fossilGhgEmissions: decimal(wellToWheel), fossilCarbonContent: "0", biogenicCarbonContent: "0",
            characterizationFactors: "AR5", ipccCharacterizationFactorsSources: ["AR5"], crossSectoralStandardsUsed: ["GHG Protocol Product standard"],
            productOrSectorSpecificRules: [],
            boundaryProcessesDescription: "ISO 14083:2023 / GLEC Framework v3, well-to-wheel CO2e of the hub's delivery routes (and hub energy where known); factor table \(row.factorVersion); the carrier's own line-haul to the hub is not included",
            referencePeriodStart: iso.string(from: start), referencePeriodEnd: iso.string(from: start.addingTimeInterval(86_400)),
            exemptedEmissionsPercent: 0, exemptedEmissionsDescription: "", packagingEmissionsIncluded: false,
            // Distances are the hub's, consumption the factor table's defaults: no measured fuel or energy.
            primaryDataShare: 0)
    }

    private static func wrap(id: String, source: Source, row: FootprintRow, now: Date, product: String, description: String, name: String,
                             pcf: CarbonFootprint, extension element: Extension) -> ProductFootprint {
        ProductFootprint(
            id: id, specVersion: pactSpecVersion, version: row.revision, created: ISO8601DateFormatter().string(from: now), status: "Active",
            companyName: source.operatorName, companyIds: ["urn:samlast:organisation:\(source.operatorId)"], productDescription: description,
            productIds: ["urn:pathfinder:product:customcode:vendor-assigned:\(product)"], productCategoryCpc: "83117", productNameCompany: name,
            comment: "Computed by Samlast (method \(HubDayImpact.method)) from the routes as driven; revision \(row.revision) of the day",
            pcf: pcf, extensions: [element])
    }
}
