import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Geo
import Routing

/// Travel matrices from an external routing service speaking the OSRM table API
/// (`GET {base}/table/v1/{profile}/{lon,lat;…}?annotations=duration,distance`), such as a
/// city's own OSRM server. Profiles map to the service's profile names.
public struct OSRMTableProvider: TravelMatrixProvider {
    public var baseURL: URL
    /// Samlast profile name → the service's profile name (OSRM's defaults: driving, cycling).
    public var profileNames: [String: String]
    public var timeout: TimeInterval

    public init(baseURL: URL, profileNames: [String: String] = ["car": "driving", "bike": "cycling"], timeout: TimeInterval = 60) {
        self.baseURL = baseURL
        self.profileNames = profileNames
        self.timeout = timeout
    }

    /// The request URL for a set of points.
    public func url(for coordinates: [Coordinate], profile: TravelProfile) -> URL {
        let points = coordinates.map { String(format: "%.6f,%.6f", $0.longitude, $0.latitude) }.joined(separator: ";")
        let name = profileNames[profile.name] ?? profile.name
        return URL(string: "\(baseURL.absoluteString.trimmingCharacters(in: CharacterSet(charactersIn: "/")))/table/v1/\(name)/\(points)?annotations=duration,distance")!
    }

    public func matrix(for coordinates: [Coordinate], profile: TravelProfile) throws -> TravelMatrix {
        let request = URLRequest(url: url(for: coordinates, profile: profile), timeoutInterval: timeout)
        let box = ResponseBox()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, error in
            box.set(data: data, status: (response as? HTTPURLResponse)?.statusCode, error: error)
            done.signal()
        }.resume()
        done.wait()
        let (data, status, error) = box.get()
        if let error { throw RoadError("routing service at \(baseURL) did not answer: \(error.localizedDescription)") }
        guard let data else { throw RoadError("routing service at \(baseURL) sent no data (HTTP \(status ?? 0))") }
        return try Self.decode(data, count: coordinates.count, service: baseURL.absoluteString)
    }

    /// Parses an OSRM table response; every entry must be present (null means unreachable).
    public static func decode(_ data: Data, count: Int, service: String) throws(RoadError) -> TravelMatrix {
        struct Response: Decodable {
            var code: String
            var message: String?
            var durations: [[Double?]]?
            var distances: [[Double?]]?
        }
        guard let response = try? JSONDecoder().decode(Response.self, from: data) else {
            throw RoadError("routing service \(service) answered with something that is not an OSRM table response")
        }
        guard response.code == "Ok" else { throw RoadError("routing service \(service) refused: \(response.code) \(response.message ?? "")") }
        guard let durations = response.durations, let distances = response.distances else {
            throw RoadError("routing service \(service) sent no durations or distances; does it support annotations=duration,distance?")
        }
        guard durations.count == count, distances.count == count, (durations + distances).allSatisfy({ $0.count == count }) else {
            throw RoadError("routing service \(service) sent a matrix of the wrong size (expected \(count) × \(count))")
        }
        var flatDurations: [Double] = [], flatDistances: [Double] = []
        for i in 0..<count {
            for j in 0..<count {
                guard let duration = durations[i][j], let distance = distances[i][j] else {
                    throw RoadError("routing service \(service) found no route from point \(i) to point \(j)")
                }
                flatDurations.append(duration)
                flatDistances.append(distance)
            }
        }
        return TravelMatrix(count: count, distances: flatDistances, durations: flatDurations)
    }
}

/// Carries a URLSession callback's results to the waiting thread.
private final class ResponseBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: (Data?, Int?, Error?) = (nil, nil, nil)
    func set(data: Data?, status: Int?, error: Error?) { lock.withLock { value = (data, status, error) } }
    func get() -> (Data?, Int?, Error?) { lock.withLock { value } }
}
