import Crypto
import Emissions
import Foundation
import Impact
import Vapor

/// Shipment footprints in the iLEAP shapes — iLEAP Technical Specifications v1.0.0 (2025-05-27,
/// https://sine-fdn.github.io/ileap-extension/TR/2025/ileap-extension-20250527/) — each in a
/// PACT ProductFootprint (PACT data model 2.2.0) as a data-model extension: one
/// ShipmentFootprint per shipment and day, one TOC per route its shipments rode, one HOC per
/// hub day when the hub's energy is known. Decimals are strings, as iLEAP requires.
enum ILEAPExport {
    static let documentation = "https://sine-fdn.github.io/ileap-extension/"
    static let extensionSpecVersion = "2.0.0"
    static let pactSpecVersion = "2.2.0"

    /// `GET /v1/footprints/ileap`: the PACT list-footprints answer.
    struct ListResponse: Content {
        var data: [ProductFootprint]
    }

    struct ProductFootprint: Content {
        var id: String
        var specVersion: String
        var version: Int
        var created: String
        var status: String
        var companyName: String
        var companyIds: [String]
        var productDescription: String
        var productIds: [String]
        var productCategoryCpc: String
        var productNameCompany: String
        var comment: String
        var pcf: CarbonFootprint
        var extensions: [Extension]
    }

    struct CarbonFootprint: Content {
        var declaredUnit: String
        var unitaryProductAmount: String
        var productMassPerDeclaredUnit: String
        var pCfExcludingBiogenic: String
        var fossilGhgEmissions: String
        var fossilCarbonContent: String
        var biogenicCarbonContent: String
        var characterizationFactors: String
        var ipccCharacterizationFactorsSources: [String]
        var crossSectoralStandardsUsed: [String]
        var productOrSectorSpecificRules: [String]
        var boundaryProcessesDescription: String
        var referencePeriodStart: String
        var referencePeriodEnd: String
        var exemptedEmissionsPercent: Double
        var exemptedEmissionsDescription: String
        var packagingEmissionsIncluded: Bool
        var primaryDataShare: Double
    }

    /// A data-model extension: exactly one of the three iLEAP types.
    struct Extension: Content {
        var specVersion: String
        var dataSchema: String
        var documentation: String
        var shipmentFootprint: ShipmentFootprintData?
        var toc: TOCData?
        var hoc: HOCData?

        enum CodingKeys: String, CodingKey { case specVersion, dataSchema, documentation, data }

        init(shipmentFootprint: ShipmentFootprintData? = nil, toc: TOCData? = nil, hoc: HOCData? = nil) {
            let name = shipmentFootprint != nil ? "shipment-footprint" : toc != nil ? "toc" : "hoc"
            (specVersion, dataSchema, documentation) = (ILEAPExport.extensionSpecVersion, "https://api.ileap.sine.dev/\(name).json", ILEAPExport.documentation)
            (self.shipmentFootprint, self.toc, self.hoc) = (shipmentFootprint, toc, hoc)
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            specVersion = try container.decode(String.self, forKey: .specVersion)
            dataSchema = try container.decode(String.self, forKey: .dataSchema)
            documentation = try container.decode(String.self, forKey: .documentation)
            shipmentFootprint = dataSchema.hasSuffix("shipment-footprint.json") ? try container.decode(ShipmentFootprintData.self, forKey: .data) : nil
            toc = dataSchema.hasSuffix("/toc.json") ? try container.decode(TOCData.self, forKey: .data) : nil
            hoc = dataSchema.hasSuffix("/hoc.json") ? try container.decode(HOCData.self, forKey: .data) : nil
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(specVersion, forKey: .specVersion)
            try container.encode(dataSchema, forKey: .dataSchema)
            try container.encode(documentation, forKey: .documentation)
            if let shipmentFootprint { try container.encode(shipmentFootprint, forKey: .data) }
            if let toc { try container.encode(toc, forKey: .data) }
            if let hoc { try container.encode(hoc, forKey: .data) }
        }
    }

    struct ShipmentFootprintData: Content {
        var mass: String
        var shipmentId: String
        var tces: [TCE]
    }

    /// A transport chain element: a route leg (`tocId`) or the hub (`hocId`).
    struct TCE: Content {
        var tceId: String
        var prevTceIds: [String]
        var tocId: String?
        var hocId: String?
        var shipmentId: String
        var mass: String
        var distance: Distance
        var transportActivity: String
        var departureAt: String?
        var co2eWTW: String
        var co2eTTW: String
    }

    /// Kilometres; Samlast gives the shortest feasible distance (`sfd`) its allocation used.
    struct Distance: Content {
        var sfd: String
    }

    struct EnergyCarrier: Content {
        var energyCarrier: String
        var relativeShare: String
        var emissionFactorWTW: String
        var emissionFactorTTW: String
        var energyConsumptionUnit: String?
    }

    struct TOCData: Content {
        var tocId: String
        var certifications: [String]
        var description: String
        var mode: String
        var temperatureControl: String
        var truckLoadingSequence: String
        var energyCarriers: [EnergyCarrier]
        var co2eIntensityWTW: String
        var co2eIntensityTTW: String
        var transportActivityUnit: String
    }

    struct HOCData: Content {
        var hocId: String
        var certifications: [String]
        var description: String
        var hubType: String
        var temperatureControl: String
        var energyCarriers: [EnergyCarrier]
        var co2eIntensityWTW: String
        var co2eIntensityTTW: String
        var hubActivityUnit: String
    }

    /// A decimal as iLEAP writes it: a string of digits with a point, at most 6 decimals.
    static func decimal(_ value: Double) -> String {
        let rounded = (value * 1_000_000).rounded() / 1_000_000
        var text = String(format: "%.6f", abs(rounded) < 5e-7 ? 0 : rounded)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// A stable UUID for a footprint: the same shipment, day and revision always get the same id.
    static func identifier(_ parts: String...) -> String {
        var bytes = Array(SHA256.hash(data: Data(parts.joined(separator: "\u{1F}").utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(hex[hex.index(hex.startIndex, offsetBy: range.lowerBound)..<hex.index(hex.startIndex, offsetBy: range.upperBound)])
        }
        return groups.joined(separator: "-")
    }
}
