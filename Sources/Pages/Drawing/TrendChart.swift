/// The weekly trend of a hub's vehicle-km: the consolidated system against the counterfactual,
/// one point per ISO week, as inline SVG.
struct TrendChart {
    var weeks: [ImpactWeek]
    var width = 640.0
    var height = 220.0

    func draw(_ catalogue: Catalogue) -> Markup {
        let left = 56.0, right = 16.0, top = 16.0, bottom = 44.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let highest = max(weeks.map { max($0.consolidatedKm, $0.counterfactualKm) }.max() ?? 0, 1)
        let step = weeks.count > 1 ? plotWidth / Double(weeks.count - 1) : 0
        func x(_ index: Int) -> Double { weeks.count > 1 ? left + Double(index) * step : left + plotWidth / 2 }
        func y(_ km: Double) -> Double { top + plotHeight * (1 - km / highest) }
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"100%\" role=\"img\" aria-label=\"\(HTMLText.escape(catalogue.plain("impact_chart_label")))\">"
        for tick in 0...4 {
            let km = highest * Double(tick) / 4
            svg += "<line x1=\"\(SVG.number(left))\" x2=\"\(SVG.number(width - right))\" y1=\"\(SVG.number(y(km)))\" y2=\"\(SVG.number(y(km)))\" stroke=\"#e6eaee\"/>"
            svg += "<text x=\"\(SVG.number(left - 6))\" y=\"\(SVG.number(y(km)))\" dy=\"4\" font-size=\"11\" text-anchor=\"end\">\(HTMLText.escape(catalogue.decimal(km, digits: 0))) km</text>"
        }
        let series: [(key: String, colour: String, km: (ImpactWeek) -> Double)] = [
            ("impact_series_counterfactual", "#b42318", \.counterfactualKm), ("impact_series_consolidated", "#1a7f37", \.consolidatedKm),
        ]
        for line in series {
            let points = weeks.indices.map { "\(SVG.number(x($0))),\(SVG.number(y(line.km(weeks[$0]))))" }.joined(separator: " ")
            svg += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(line.colour)\" stroke-width=\"2\"/>"
            for (index, week) in weeks.enumerated() {
                let title = catalogue.plain("impact_point_title", ["series": catalogue.plain(line.key), "week": week.week,
                                                                   "km": catalogue.decimal(line.km(week), digits: 1)])
                svg += "<circle cx=\"\(SVG.number(x(index)))\" cy=\"\(SVG.number(y(line.km(week))))\" r=\"3.5\" fill=\"\(line.colour)\"><title>\(HTMLText.escape(title))</title></circle>"
            }
        }
        for (index, week) in weeks.enumerated() {
            svg += "<text x=\"\(SVG.number(x(index)))\" y=\"\(SVG.number(height - bottom + 16))\" font-size=\"11\" text-anchor=\"middle\">\(HTMLText.escape(week.week))</text>"
        }
        for (index, line) in series.enumerated() {
            let lx = left + Double(index) * 200
            svg += "<rect x=\"\(SVG.number(lx))\" y=\"\(SVG.number(height - 14))\" width=\"10\" height=\"10\" fill=\"\(line.colour)\"/>"
            svg += "<text x=\"\(SVG.number(lx + 14))\" y=\"\(SVG.number(height - 5))\" font-size=\"11\">\(HTMLText.escape(catalogue.plain(line.key)))</text>"
        }
        return Markup(html: svg + "</svg>")
    }
}
