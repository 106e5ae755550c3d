import Routing
import Testing
@testable import Roads

@Suite struct RoadProfileNameTests {
    @Test func everyProfileIsFoundByItsName() {
        #expect(RoadProfile.allCases == [.car, .truck, .bike])
        for profile in RoadProfile.allCases { #expect(RoadProfile(name: profile.name) == profile) }
        for name in ["van", "Car", "", "e-cargo-bike"] { #expect(RoadProfile(name: name) == nil, "\(name)") }
    }

    @Test func everyTravelProfileOfTheProviderHasARoadProfile() {
        for travel in RoadMatrixProvider.travelProfiles { #expect(RoadProfile(name: travel.name) != nil, "\(travel.name)") }
    }

    @Test func vehiclesDriveOnTheNetworkTheirMatricesComeFrom() throws {
        let roads = try RoadMatrixProvider(osm: RoadNetworkTests.fornebu, file: "fornebu_roads.osm.pbf")
        #expect(roads.network(for: VehicleCategory.eCargoBike)?.profile == .bike)
        for category in [VehicleCategory.eVan, .dieselVan, .truck] { #expect(roads.network(for: category)?.profile == .car, "\(category)") }
        #expect(roads.attribution == OSMData.attribution)
    }
}
