import Geo
import Testing
@testable import Pages

/// The one projection of every map, and the plan map drawn with it.
@Suite struct MapTests {
    let points = [Samples.fornebu, Samples.at(0.05, 0.01), Samples.at(-0.02, 0.03), Samples.at(0.01, -0.02)]

    @Test func fitsEveryPointInsideTheBoxNorthUpEastRight() {
        let projection = MapProjection(fitting: points, width: 900, height: 560)
        for point in points {
            let (x, y) = projection.point(point)
            #expect(x > 0 && x < 900 && y > 0 && y < 560, "\(point)")
            #expect(projection.contains(point))
        }
        #expect(projection.point(Samples.at(0, 0.01)).y < projection.point(Samples.fornebu).y, "north is up")
        #expect(projection.point(Samples.at(0.01, 0)).x > projection.point(Samples.fornebu).x, "east is right")
    }

    @Test func keepsDistancesAlikeInBothDirections() {
        let projection = MapProjection(fitting: points, width: 900, height: 560)
        let origin = projection.point(Samples.fornebu)
        // 1 km north and 1 km east of Fornebu (59.9° N).
        let north = projection.point(Samples.at(0, 1 / 111.2)), east = projection.point(Samples.at(1 / (111.2 * 0.5015), 0))
        let up = origin.y - north.y, right = east.x - origin.x
        #expect(abs(up - right) / up < 0.01, "up \(up), right \(right)")
    }

    @Test func fitsTheLongerSideAndCentresTheOther() {
        let projection = MapProjection(fitting: [Samples.at(0, 0), Samples.at(0.1, 0)], width: 900, height: 560, margin: 0)
        #expect(abs(projection.point(Samples.at(0, 0)).x) < 0.001 && abs(projection.point(Samples.at(0.1, 0)).x - 900) < 0.001)
        #expect(abs(projection.point(Samples.at(0, 0)).y - 280) < 0.001)
    }

    @Test func leavesOutliersOutOfTheBoundsAndDrawsThemAtTheEdge() {
        let crowd = (0..<40).map { Samples.at(Double($0) * 0.001, Double($0 % 5) * 0.001) }
        let depot = Samples.at(1.5, 0.4)
        let projection = MapProjection(fitting: crowd + [depot], width: 520, height: 420, outlierShare: 0.05)
        #expect(!projection.contains(depot))
        let (x, y) = projection.clamped(depot)
        #expect(x == 518 && y >= 2 && y <= 418)
        #expect(projection.points([depot], clamped: true) == "518.0,\(SVG.number(y))")
    }

    @Test func aSinglePointIsDrawnInTheMiddle() {
        let projection = MapProjection(fitting: [Samples.fornebu], width: 100, height: 50)
        let (x, y) = projection.point(Samples.fornebu)
        #expect(abs(x - 50) < 0.001 && abs(y - 25) < 0.001)
    }

    @Test func thePlanMapDrawsOnlyRoadsItShowsAndNumbersStopsInOrder() {
        let catalogue = Bundled.shared.catalogue(.en)
        let map = PlanMap(hub: Samples.plan.hub, routes: Samples.plan.routes, roads: Samples.plan.roads).draw(catalogue)
        #expect(map.drawsRoads)
        // The far road (5° away) is left out; the near one is drawn.
        #expect(map.svg.html.components(separatedBy: "<g fill=\"none\"").count == 2)
        #expect(map.svg.html.components(separatedBy: "<polyline").count - 1 == 1 + 2, "one road and two routes")
        #expect(map.svg.html.contains(">1</text>") && map.svg.html.contains(">2</text>") && map.svg.html.contains(">HUB</text>"))
        #expect(map.svg.html.contains("fill=\"#2e7d32\""), "the delivered stop is green")
        let bare = PlanMap(hub: Samples.plan.hub, routes: Samples.plan.routes, roads: [[Samples.at(5, 5), Samples.at(5.1, 5)]]).draw(catalogue)
        #expect(!bare.drawsRoads && !bare.svg.html.contains("<g fill=\"none\""))
    }
}
