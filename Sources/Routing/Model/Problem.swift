import Geo

/// A vehicle-routing problem: where things are, how long travel takes, what must be done and
/// with which vehicles. Build it from a file reader, the JSON format, or in code; call
/// `validate()` (readers do) before solving.
public struct Problem: Sendable {
    public var name: String
    /// Names of the capacity dimensions, e.g. ["kg", "parcels"]; every amount has this many entries.
    public var capacityDimensions: [String]
    /// Optional coordinates of the locations (for maps and GeoJSON); nil for abstract benchmarks.
    public var coordinates: [Coordinate]?
    /// One travel matrix per profile; vehicles refer to them by index.
    public var matrices: [TravelMatrix]
    public var jobs: [Job]
    public var vehicles: [Vehicle]
    /// When times are absolute (seconds since 1970, read from ISO 8601), the UTC offset in
    /// seconds in which to print them; nil for relative times (benchmarks).
    public var timeZoneOffset: Int?
    /// Licence notice of the data the problem came from (e.g. OpenStreetMap's ODbL), repeated
    /// wherever the plan is shown.
    public var attribution: String?

    public init(
        name: String, capacityDimensions: [String], coordinates: [Coordinate]? = nil,
        matrices: [TravelMatrix], jobs: [Job], vehicles: [Vehicle]
    ) {
        self.name = name
        self.capacityDimensions = capacityDimensions
        self.coordinates = coordinates
        self.matrices = matrices
        self.jobs = jobs
        self.vehicles = vehicles
    }

    public var locationCount: Int { matrices.first?.count ?? 0 }

    /// Largest number of locations a problem may have: its dense matrices grow with the square
    /// (10,000 locations take 1.6 GB per profile), so larger inputs are refused up front.
    public static let maximumLocations = 10_000

    /// Checks internal consistency and names the first offending element.
    public func validate() throws(ProblemError) {
        guard !matrices.isEmpty else { throw ProblemError("problem has no travel matrix") }
        let n = locationCount
        for (index, matrix) in matrices.enumerated() {
            guard matrix.count == n else {
                throw ProblemError("matrices[\(index)] covers \(matrix.count) locations, expected \(n)")
            }
            if let bad = matrix.distances.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
                throw ProblemError("matrices[\(index)] distance from \(bad / n) to \(bad % n) is \(matrix.distances[bad]); expected a finite value ≥ 0")
            }
            if let bad = matrix.durations.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
                throw ProblemError("matrices[\(index)] duration from \(bad / n) to \(bad % n) is \(matrix.durations[bad]); expected a finite value ≥ 0")
            }
        }
        if let coordinates, coordinates.count != n {
            throw ProblemError("\(coordinates.count) coordinates for \(n) locations")
        }
        let dims = capacityDimensions.count
        var seenJobs = Set<String>()
        for (index, job) in jobs.enumerated() {
            let path = "jobs[\(index)] (id \(job.id))"
            guard seenJobs.insert(job.id).inserted else { throw ProblemError("\(path): duplicate job id") }
            guard job.demand.dimensions == dims else {
                throw ProblemError("\(path): demand has \(job.demand.dimensions) values, expected \(dims) (\(capacityDimensions.joined(separator: ", ")))")
            }
            guard job.demand.values.allSatisfy({ $0 >= 0 }) else {
                throw ProblemError("\(path): demand \(job.demand.values) has a negative value")
            }
            guard job.unassignedPenalty >= 0, job.unassignedPenalty.isFinite else {
                throw ProblemError("\(path): unassigned penalty must be finite and ≥ 0")
            }
            for (stopIndex, stop) in job.stops.enumerated() {
                let stopPath = job.kind == .shipment ? "\(path) \(stopIndex == 0 ? "pickup" : "delivery")" : path
                try Problem.validate(stop: stop, path: stopPath, locationCount: n)
            }
        }
        guard !vehicles.isEmpty else { throw ProblemError("problem has no vehicles") }
        var seenVehicles = Set<String>()
        for (index, vehicle) in vehicles.enumerated() {
            let path = "vehicles[\(index)] (id \(vehicle.id))"
            guard seenVehicles.insert(vehicle.id).inserted else { throw ProblemError("\(path): duplicate vehicle id") }
            guard (0..<n).contains(vehicle.startLocation), (0..<n).contains(vehicle.endLocation) else {
                throw ProblemError("\(path): depot location out of range 0..<\(n)")
            }
            guard vehicle.capacity.dimensions == dims else {
                throw ProblemError("\(path): capacity has \(vehicle.capacity.dimensions) values, expected \(dims)")
            }
            guard (0..<matrices.count).contains(vehicle.profile) else {
                throw ProblemError("\(path): profile \(vehicle.profile) does not exist (\(matrices.count) matrices)")
            }
            guard vehicle.shift.start <= vehicle.shift.end else {
                throw ProblemError("\(path): shift ends (\(vehicle.shift.end)) before it starts (\(vehicle.shift.start))")
            }
            guard vehicle.speedFactor > 0, vehicle.speedFactor.isFinite else {
                throw ProblemError("\(path): speed factor must be a positive number")
            }
            guard vehicle.maxDuration >= 0, vehicle.maxDistance >= 0 else {
                throw ProblemError("\(path): maximum duration and distance must be ≥ 0")
            }
            guard [vehicle.fixedCost, vehicle.costPerDistance, vehicle.costPerTime].allSatisfy({ $0 >= 0 && $0.isFinite }) else {
                throw ProblemError("\(path): costs must be finite and ≥ 0")
            }
        }
    }

    private static func validate(stop: Stop, path: String, locationCount n: Int) throws(ProblemError) {
        guard (0..<n).contains(stop.location) else {
            throw ProblemError("\(path): location \(stop.location) out of range 0..<\(n)")
        }
        guard stop.serviceTime >= 0, stop.serviceTime.isFinite else {
            throw ProblemError("\(path): service time must be finite and ≥ 0")
        }
        var previousEnd = -Double.infinity
        for window in stop.timeWindows {
            guard window.start <= window.end else {
                throw ProblemError("\(path): time window ends (\(window.end)) before it starts (\(window.start))")
            }
            guard window.start > previousEnd else {
                throw ProblemError("\(path): time windows must be sorted and must not overlap")
            }
            previousEnd = window.end
        }
    }
}

/// A problem that cannot be solved as stated; the message names the element and what is wrong.
public struct ProblemError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
