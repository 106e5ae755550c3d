/// The report's grouped bars: vehicle-km, vehicles per day and CO2e of each variant as a share
/// of the direct variant, with a 0–100 % grid and a legend.
struct SensitivityChart {
    var variants: [ReportVariant]
    var width = 900.0
    var height = 260.0

    /// The series in drawing order: catalogue key of the name, colour, the variant's share.
    private static let series: [(key: String, colour: String, share: @Sendable (ReportVariant) -> Double)] = [
        ("report_series_vehicle_km", "#2f6fb3", \.vehicleKmShare),
        ("report_series_vehicles", "#e07b22", \.vehiclesShare),
        ("report_series_co2e", "#3c9b53", \.co2eShare),
    ]

    func draw(_ catalogue: Catalogue) -> Markup {
        let left = 50.0, bottom = 40.0, top = 20.0
        let plotHeight = height - bottom - top
        let group = (width - left) / Double(max(variants.count, 1))
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"100%\" role=\"img\" aria-label=\"\(HTMLText.escape(catalogue.plain("report_chart_label")))\">"
        for tick in stride(from: 0, through: 100, by: 25) {
            let y = SVG.number(height - bottom - Double(tick) / 100 * plotHeight)
            svg += "<line x1=\"\(SVG.number(left))\" x2=\"\(SVG.number(width))\" y1=\"\(y)\" y2=\"\(y)\" stroke=\"#e6eaee\"/>"
            svg += "<text x=\"\(SVG.number(left - 6))\" y=\"\(y)\" dy=\"4\" font-size=\"11\" text-anchor=\"end\">\(tick) %</text>"
        }
        for (index, variant) in variants.enumerated() {
            let x0 = left + Double(index) * group + group * 0.15
            for (k, series) in Self.series.enumerated() {
                let share = min(max(series.share(variant), 0), 1.2)
                let barHeight = share * plotHeight
                let title = catalogue.plain("report_bar_title", ["series": catalogue.plain(series.key), "percent": catalogue.decimal(share * 100, digits: 0)])
                svg += "<rect x=\"\(SVG.number(x0 + Double(k) * group * 0.23))\" y=\"\(SVG.number(height - bottom - barHeight))\" width=\"\(SVG.number(group * 0.2))\" height=\"\(SVG.number(barHeight))\" fill=\"\(series.colour)\"><title>\(HTMLText.escape(title))</title></rect>"
            }
            let label = variant.policyNumber.map { catalogue.plain("report_policy_variant", ["number": $0]) }
                ?? catalogue.plain("report_via_hub", ["percent": catalogue.decimal(variant.hubParticipation * 100, digits: 0)])
            svg += "<text x=\"\(SVG.number(x0 + group * 0.35))\" y=\"\(SVG.number(height - bottom + 16))\" font-size=\"11\" text-anchor=\"middle\">\(HTMLText.escape(label))</text>"
        }
        for (k, series) in Self.series.enumerated() {
            let x = left + Double(k) * 130
            svg += "<rect x=\"\(SVG.number(x))\" y=\"\(SVG.number(height - 14))\" width=\"10\" height=\"10\" fill=\"\(series.colour)\"/>"
            svg += "<text x=\"\(SVG.number(x + 14))\" y=\"\(SVG.number(height - 5))\" font-size=\"11\">\(HTMLText.escape(catalogue.plain(series.key)))</text>"
        }
        return Markup(html: svg + "</svg>")
    }
}
