/// The problem flattened into index-based arrays for the search's hot loops.
///
/// Nodes are numbered: tasks `0..<taskCount` (a delivery or pickup job is one task, a
/// shipment two: pickup then delivery), then for vehicle `v` its start depot
/// `taskCount + 2v` and end depot `taskCount + 2v + 1`.
final class SearchModel: @unchecked Sendable {
    let problem: Problem
    let taskCount: Int
    let vehicleCount: Int
    let dimensions: Int

    // Per node.
    let location: [Int]
    let serviceTime: [Double]
    /// Hull of the node's time windows; exact when `hasWindowGaps` is false.
    let windowStart: [Double]
    let windowEnd: [Double]
    let hasWindowGaps: [Bool]
    let nodeDuration: [DurationSegment]
    /// `node * dimensions + d`.
    let nodeLoad: [LoadSegment]

    // Per task.
    let jobOfTask: [Int]
    /// The other task of a shipment, or -1.
    let sibling: [Int]
    /// True for the pickup task of a shipment.
    let isShipmentPickup: [Bool]
    /// Cost of leaving the task's job unassigned (on the job's first task only).
    let unassignedPenalty: [Double]
    /// `vehicle * taskCount + task`: skills and vehicle type allow it.
    let canServe: [Bool]
    /// Tasks sorted by travel distance from each task (nearest first, at most `neighbourLimit`).
    let neighbours: [[Int]]
    /// Task whose job no vehicle can serve even alone, with the reason; excluded from the search.
    private(set) var impossible: [Int: String]

    // Per vehicle.
    let vehicleMatrix: [Int]
    let matrices: [TravelMatrix]
    let capacity: [Int]
    let fixedCost: [Double]
    let costPerDistance: [Double]
    let costPerTime: [Double]
    let maxDuration: [Double]
    let maxDistance: [Double]

    static let neighbourLimit = 100

    /// - Parameter fleetWeight: added to every vehicle's fixed cost (fleet-first objective).
    init(problem: Problem, fleetWeight: Double = 0) {
        self.problem = problem
        dimensions = problem.capacityDimensions.count
        vehicleCount = problem.vehicles.count

        var location: [Int] = [], service: [Double] = [], windows: [[TimeWindow]] = []
        var loads: [LoadSegment] = [], jobOfTask: [Int] = [], sibling: [Int] = []
        var isPickup: [Bool] = [], penalty: [Double] = []
        let dims = problem.capacityDimensions.count
        for (jobIndex, job) in problem.jobs.enumerated() {
            for (stopIndex, stop) in job.stops.enumerated() {
                let task = location.count
                location.append(stop.location)
                service.append(stop.serviceTime)
                windows.append(stop.timeWindows)
                jobOfTask.append(jobIndex)
                penalty.append(stopIndex == 0 ? job.unassignedPenalty : 0)
                for d in 0..<dims {
                    let q = job.demand[d]
                    switch (job.kind, stopIndex) {
                    case (.delivery, _): loads.append(LoadSegment(delivered: q, netChange: -q, peakChange: 0))
                    case (.pickup, _): loads.append(LoadSegment(delivered: 0, netChange: q, peakChange: q))
                    case (.shipment, 0): loads.append(LoadSegment(delivered: 0, netChange: q, peakChange: q))
                    case (.shipment, _): loads.append(LoadSegment(delivered: 0, netChange: -q, peakChange: 0))
                    }
                }
                isPickup.append(job.kind == .shipment && stopIndex == 0)
                sibling.append(job.kind == .shipment ? (stopIndex == 0 ? task + 1 : task - 1) : -1)
            }
        }
        taskCount = location.count
        for vehicle in problem.vehicles {
            for depot in [vehicle.startLocation, vehicle.endLocation] {
                location.append(depot)
                service.append(0)
                windows.append([vehicle.shift])
                for _ in 0..<dims { loads.append(.empty) }
            }
        }
        self.location = location
        serviceTime = service
        windowStart = windows.map { $0.first?.start ?? -Double.greatestFiniteMagnitude }
        windowEnd = windows.map { $0.last?.end ?? Double.greatestFiniteMagnitude }
        hasWindowGaps = windows.map { $0.count > 1 }
        nodeDuration = (0..<location.count).map {
            DurationSegment(serviceTime: service[$0], start: windows[$0].first?.start ?? -Double.greatestFiniteMagnitude,
                            end: windows[$0].last?.end ?? Double.greatestFiniteMagnitude)
        }
        nodeLoad = loads
        self.jobOfTask = jobOfTask
        self.sibling = sibling
        isShipmentPickup = isPickup
        unassignedPenalty = penalty
        self.windows = windows

        // Travel matrices per vehicle, shared between vehicles of equal profile and speed.
        var matrixKeys: [String: Int] = [:], matrices: [TravelMatrix] = [], vehicleMatrix: [Int] = []
        for vehicle in problem.vehicles {
            let key = "\(vehicle.profile)/\(vehicle.speedFactor)"
            if let index = matrixKeys[key] {
                vehicleMatrix.append(index)
            } else {
                matrixKeys[key] = matrices.count
                vehicleMatrix.append(matrices.count)
                matrices.append(problem.matrices[vehicle.profile].scalingDurations(by: vehicle.speedFactor))
            }
        }
        self.vehicleMatrix = vehicleMatrix
        self.matrices = matrices
        capacity = problem.vehicles.flatMap(\.capacity.values)
        fixedCost = problem.vehicles.map { $0.fixedCost + fleetWeight }
        costPerDistance = problem.vehicles.map(\.costPerDistance)
        costPerTime = problem.vehicles.map(\.costPerTime)
        maxDuration = problem.vehicles.map(\.maxDuration)
        maxDistance = problem.vehicles.map(\.maxDistance)

        let tasks = location.count - 2 * problem.vehicles.count
        var canServe = [Bool](repeating: false, count: problem.vehicles.count * tasks)
        for (v, vehicle) in problem.vehicles.enumerated() {
            for t in 0..<tasks {
                let job = problem.jobs[jobOfTask[t]]
                canServe[v * tasks + t] = job.requiredSkills.isSubset(of: vehicle.skills)
                    && (job.allowedVehicleTypes.isEmpty || job.allowedVehicleTypes.contains(vehicle.type))
            }
        }
        self.canServe = canServe

        let base = problem.matrices[0]
        neighbours = (0..<tasks).map { t in
            let others = (0..<tasks).filter { $0 != t }
            let key = { (u: Int) in base.distance(location[t], location[u]) + base.distance(location[u], location[t]) }
            return Array(others.sorted { key($0) < key($1) }.prefix(SearchModel.neighbourLimit))
        }
        impossible = [:]
        impossible = UnassignedReasons.impossibleTasks(in: self)
    }

    /// Exact time windows of every node (only consulted for nodes with gaps between windows).
    let windows: [[TimeWindow]]

    @inline(__always) func startNode(_ vehicle: Int) -> Int { taskCount + 2 * vehicle }
    @inline(__always) func endNode(_ vehicle: Int) -> Int { taskCount + 2 * vehicle + 1 }
    @inline(__always) func isTask(_ node: Int) -> Bool { node < taskCount }
}
