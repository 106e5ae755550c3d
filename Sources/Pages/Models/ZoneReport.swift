import Foundation
import Zones

/// A month's compliance in one zone as one self-contained, printable file (inline SVG, nothing
/// loaded from the internet): what `samlast zones report` writes and `/ui/zones/{id}/report`
/// shows. Its figures are an operator's own trips, or every operator's summed.
public struct ZoneReport: Page, Codable, Equatable {
    public static let template = "zone-report"

    public var zone: ZoneSummary
    public var month: String
    /// The operator whose own trips these are; nil for every operator's.
    public var operatorName: String?
    /// Operators with trips counted.
    public var operators: Int
    public var compliant: Int
    public var exempt: Int
    public var nonCompliant: Int
    public var violations: [ViolationCount]
    public var parcelsPerEntry: Double?
    public var recipientsPerEntry: Double?
    /// Entries by local hour of entry (24 values).
    public var entriesByHour: [Int]
    public var nonCompliantByHour: [Int]
    /// Kilometres the hubs' routes ran inside the zone, where known (the platform's aggregate view).
    public var hubKmInZone: Double?

    public init(zone: ZoneSummary, month: String, operatorName: String?, figures: ComplianceFigures, hubKmInZone: Double? = nil) {
        self.zone = zone
        self.month = month
        self.operatorName = operatorName
        operators = figures.operators
        compliant = figures.summary.compliant
        exempt = figures.summary.exempt
        nonCompliant = figures.summary.nonCompliant
        violations = figures.summary.violations.sorted { ($1.value, $0.key.rawValue) < ($0.value, $1.key.rawValue) }.map { ViolationCount(code: $0.key, count: $0.value) }
        parcelsPerEntry = figures.parcelsPerEntry
        recipientsPerEntry = figures.recipientsPerEntry
        entriesByHour = figures.entriesByHour
        nonCompliantByHour = figures.nonCompliantByHour
        self.hubKmInZone = hubKmInZone
    }
}

/// How often one rule was broken.
public struct ViolationCount: Sendable, Codable, Equatable {
    public var code: ViolationCode
    public var count: Int
}

extension ZoneReport: TemplateFields {
    func templateFields(_ catalogue: Catalogue) -> [String: Any] {
        ["map": ZonesPage(month: month, zones: [zone], bays: []).zoneMap(catalogue), "chart": hourChart(catalogue),
         "shown": !zone.withheld && (zone.entries ?? 0) > 0, "own": operatorName != nil, "hasViolations": !violations.isEmpty]
    }

    /// Entries by hour of the day as bars, the non-compliant part of each in red.
    func hourChart(_ catalogue: Catalogue) -> Markup {
        let highest = max(1, entriesByHour.max() ?? 1)
        let (left, top, width, height) = (36.0, 10.0, 672.0, 160.0)
        let bar = width / 24
        var svg = "<svg viewBox=\"0 0 720 200\" width=\"100%\" role=\"img\" aria-label=\"\(HTMLText.escape(catalogue.plain("zone_report_hours_label")))\">"
        svg += "<line x1=\"\(SVG.number(left))\" y1=\"\(SVG.number(top + height))\" x2=\"\(SVG.number(left + width))\" y2=\"\(SVG.number(top + height))\" stroke=\"#57606a\"/>"
        svg += "<text x=\"\(SVG.number(left - 6))\" y=\"\(SVG.number(top + 10))\" font-size=\"11\" text-anchor=\"end\" fill=\"#57606a\">\(highest)</text>"
        for hour in 0..<24 {
            let x = left + Double(hour) * bar
            let all = Double(entriesByHour[hour]) / Double(highest) * height, bad = Double(nonCompliantByHour[hour]) / Double(highest) * height
            svg += "<rect x=\"\(SVG.number(x + 2))\" y=\"\(SVG.number(top + height - all))\" width=\"\(SVG.number(bar - 4))\" height=\"\(SVG.number(all))\" fill=\"#b7e1c1\">"
            svg += "<title>\(String(format: "%02d", hour)): \(entriesByHour[hour]) / \(nonCompliantByHour[hour])</title></rect>"
            svg += "<rect x=\"\(SVG.number(x + 2))\" y=\"\(SVG.number(top + height - bad))\" width=\"\(SVG.number(bar - 4))\" height=\"\(SVG.number(bad))\" fill=\"#cf222e\"/>"
            if hour % 3 == 0 {
                svg += "<text x=\"\(SVG.number(x + bar / 2))\" y=\"\(SVG.number(top + height + 16))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#57606a\">\(String(format: "%02d", hour))</text>"
            }
        }
        return Markup(html: svg + "</svg>")
    }
}
