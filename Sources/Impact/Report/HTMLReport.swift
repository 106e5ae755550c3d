import Foundation
import Geo

/// A self-contained HTML report of a scenario: KPI table side by side, sensitivity chart and
/// route maps as inline SVG, assumptions and sources. Loads nothing from the internet.
public struct HTMLReport {
    public let result: ScenarioResult

    public init(result: ScenarioResult) { self.result = result }

    public var html: String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(result.scenario)) — Samlast impact report</title>
        <style>
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1d2733}
        h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d5dbe1;padding-bottom:.3rem}
        table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{padding:.35rem .5rem;border-bottom:1px solid #e6eaee;text-align:right}
        th:first-child,td:first-child{text-align:left}td.def{font-size:.78rem;color:#5b6875;text-align:left}
        .better{color:#1a7f37}.worse{color:#b42318}.maps{display:flex;flex-wrap:wrap;gap:1rem}.maps figure{margin:0;flex:1 1 320px}
        figcaption{font-size:.85rem;color:#5b6875}small{color:#5b6875}
        </style></head><body>
        <h1>\(escape(result.scenario))</h1>
        <p>\(result.recipients) recipients, \(result.carriers) carriers, \(result.days) working days: \(result.deliveries) deliveries with \(result.parcels) parcels. Emission factors: table \(escape(result.factorVersion)).</p>
        <h2>Key figures</h2>
        \(kpiTable)
        <h2>Sensitivity to the share of carriers joining the hub, and policy variants</h2>
        \(sensitivityChart)
        <h2>Routes on the first day</h2>
        <div class="maps">\(result.variants.indices.filter { $0 == 0 || $0 == result.variants.count - 1 }.map(map).joined())</div>
        <h2>Assumptions</h2>
        <ul>\(result.assumptions.map { "<li>\(escape($0))</li>" }.joined())</ul>
        <h2>Sources</h2>
        <ul>\(result.sources.map { "<li>\(escape($0))</li>" }.joined())</ul>
        <p><small>\(escape(result.attribution ?? "")) Made with Samlast.</small></p>
        </body></html>
        """
    }

    private var kpiTable: String {
        var rows = "<table><thead><tr><th>KPI</th>" + result.variants.map { "<th>\(escape($0.name))</th>" }.joined() + "<th>Definition</th></tr></thead><tbody>"
        for definition in KPIValues.definitions {
            rows += "<tr><td>\(escape(definition.name)) <small>(\(escape(definition.unit)))</small></td>"
            let given = result.variants.contains { $0.kpis.value(definition.key) != 0 } || definition.key != "cost"
            for (index, variant) in result.variants.enumerated() {
                let value = variant.kpis.value(definition.key)
                var cell = given ? format(value) : "not given"
                if index > 0, let change = result.change(definition.key, variant: index) {
                    let improves = KPIValues.higherIsBetter.contains(definition.key) ? change > 0 : change < 0
                    cell += " <small class=\"\(change == 0 ? "" : improves ? "better" : "worse")\">(\(change >= 0 ? "+" : "")\(String(format: "%.0f", change)) %)</small>"
                }
                rows += "<td>\(cell)</td>"
            }
            rows += "<td class=\"def\">\(escape(definition.formula))</td></tr>"
        }
        return rows + "</tbody></table>"
    }

    /// Grouped bars: vehicle-km, vehicles per day and CO2e per variant, as % of direct.
    private var sensitivityChart: String {
        let keys = [("vehicleKm", "Vehicle-km", "#2f6fb3"), ("vehiclesPerDay", "Vehicles/day", "#e07b22"), ("co2eWellToWheelKg", "CO2e WTW", "#3c9b53")]
        let width = 900.0, height = 260.0, left = 50.0, bottom = 40.0
        let group = (width - left) / Double(result.variants.count)
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"100%\" role=\"img\" aria-label=\"Sensitivity chart\">"
        for tick in stride(from: 0, through: 100, by: 25) {
            let y = height - bottom - Double(tick) / 100 * (height - bottom - 20)
            svg += "<line x1=\"\(left)\" x2=\"\(width)\" y1=\"\(y)\" y2=\"\(y)\" stroke=\"#e6eaee\"/><text x=\"\(left - 6)\" y=\"\(y + 4)\" font-size=\"11\" text-anchor=\"end\">\(tick) %</text>"
        }
        for (index, variant) in result.variants.enumerated() {
            let x0 = left + Double(index) * group + group * 0.15
            for (k, key) in keys.enumerated() {
                let base = result.variants[0].kpis.value(key.0)
                let share = base > 0 ? min(1.2, variant.kpis.value(key.0) / base) : 0
                let barHeight = share * (height - bottom - 20)
                let x = x0 + Double(k) * group * 0.23
                svg += "<rect x=\"\(x)\" y=\"\(height - bottom - barHeight)\" width=\"\(group * 0.2)\" height=\"\(barHeight)\" fill=\"\(key.2)\"><title>\(key.1): \(String(format: "%.0f", share * 100)) % of direct</title></rect>"
            }
            let label = index < 1 + result.participationVariantCount
                ? String(format: "%.0f %% via hub", variant.hubParticipation * 100) : "variant \(index - result.participationVariantCount)"
            svg += "<text x=\"\(x0 + group * 0.35)\" y=\"\(height - bottom + 16)\" font-size=\"11\" text-anchor=\"middle\">\(label)</text>"
        }
        for (k, key) in keys.enumerated() {
            svg += "<rect x=\"\(left + Double(k) * 130)\" y=\"\(height - 14)\" width=\"10\" height=\"10\" fill=\"\(key.2)\"/><text x=\"\(left + Double(k) * 130 + 14)\" y=\"\(height - 5)\" font-size=\"11\">\(key.1)</text>"
        }
        return svg + "</svg><p><small>Each bar as a share of the direct variant (100 %).</small></p>"
    }

    /// Straight-line route map of one variant's first day, with the zone and the hub.
    private func map(_ index: Int) -> String {
        let variant = result.variants[index]
        var all = variant.sampleDayRoutes.flatMap { $0 } + [result.hub] + (result.zone ?? [])
        if all.isEmpty { all = [result.hub] }
        // Zoom to the recipients' area; far depots are drawn at the edge.
        let lons = all.map(\.longitude).sorted(), lats = all.map(\.latitude).sorted()
        let minLon = lons[lons.count / 20], maxLon = lons[lons.count - 1 - lons.count / 20]
        let minLat = lats[lats.count / 20], maxLat = lats[lats.count - 1 - lats.count / 20]
        // Equirectangular projection: a degree of longitude is cos(latitude) of a degree of latitude.
        let shrink = cos((minLat + maxLat) / 2 * .pi / 180)
        let width = 520.0, height = 420.0, pad = 12.0
        let scale = min((width - 2 * pad) / max((maxLon - minLon) * shrink, 1e-6), (height - 2 * pad) / max(maxLat - minLat, 1e-6))
        func xy(_ c: Coordinate) -> (x: Double, y: Double) {
            (min(max(pad + (c.longitude - minLon) * shrink * scale, 2), width - 2),
             min(max(height - pad - (c.latitude - minLat) * scale, 2), height - 2))
        }
        func point(_ c: Coordinate) -> String { String(format: "%.1f,%.1f", xy(c).x, xy(c).y) }
        let colours = ["e-van": "#2f6fb3", "e-cargo-bike": "#3c9b53", "diesel-van": "#b42318", "truck": "#7a4fb3"]
        var svg = "<figure><svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"100%\" style=\"background:#f6f8fa\" role=\"img\" aria-label=\"Route map\">"
        if let zone = result.zone {
            svg += "<polygon points=\"\(zone.map(point).joined(separator: " "))\" fill=\"#fff4d6\" stroke=\"#e0b84c\"/>"
        }
        for (route, type) in zip(variant.sampleDayRoutes, variant.sampleDayVehicleTypes) {
            svg += "<polyline points=\"\(route.map(point).joined(separator: " "))\" fill=\"none\" stroke=\"\(colours[type] ?? "#555")\" stroke-width=\"1.4\" stroke-opacity=\"0.8\"/>"
        }
        let hub = xy(result.hub)
        svg += String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"#1d2733\"/>", hub.x, hub.y)
        svg += "</svg><figcaption>\(escape(variant.name)): \(variant.sampleDayRoutes.count) vehicle routes. Red: diesel vans, blue: e-vans, green: e-cargo bikes; black dot: hub. Straight lines between stops.</figcaption></figure>"
        return svg
    }

    private func format(_ value: Double) -> String {
        abs(value) >= 100 ? String(format: "%.0f", value) : String(format: "%.2f", value)
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
