import Testing
@testable import Geo

@Suite struct PolylineTests {
    let a = Coordinate(longitude: 10.60, latitude: 59.90), b = Coordinate(longitude: 10.61, latitude: 59.90)
    let c = Coordinate(longitude: 10.62, latitude: 59.91), d = Coordinate(longitude: 10.63, latitude: 59.91)

    @Test func legsSharingAnEndpointKeepItOnce() {
        #expect(Polyline.joining([[a, b], [b, c], [c, d]]) == [a, b, c, d])
        // A leg that does not start where the last one ended is joined as it is.
        #expect(Polyline.joining([[a, b], [c, d]]) == [a, b, c, d])
        // A turn back over the same points is a real part of the route: kept.
        #expect(Polyline.joining([[a, b], [b, a]]) == [a, b, a])
    }

    @Test func emptyLegsAndRepeatedPointsAddNothing() {
        #expect(Polyline.joining([]) == [])
        #expect(Polyline.joining([[], [a, b], [], [b, b, c], []]) == [a, b, c])
    }

    @Test func aSinglePointIsALineOfOnePoint() {
        #expect(Polyline.joining([[a]]) == [a])
        #expect(Polyline.joining([[a], [a]]) == [a])
        #expect(Polyline.through([a]) { _, _ in Issue.record("no leg to draw"); return nil } == [a])
        #expect(Polyline.through([]) { _, _ in nil } == [])
    }

    @Test func throughPointsStartsAndEndsEveryLegAtThePoints() {
        // The road leg starts and ends where the points were snapped to the road, not at them.
        let snappedB = Coordinate(longitude: 10.611, latitude: 59.901), snappedC = Coordinate(longitude: 10.619, latitude: 59.909)
        let line = Polyline.through([a, b, c]) { from, to in from == b ? [snappedB, snappedC] : nil }
        #expect(line == [a, b, snappedB, snappedC, c])
        // Straight where no leg is drawn, and a leg that reaches the points exactly adds them once.
        #expect(Polyline.through([a, b, c]) { _, _ in nil } == [a, b, c])
        #expect(Polyline.through([a, b]) { from, to in [from, to] } == [a, b])
    }
}
