import Foundation
import Geo

/// Samlast's JSON routing problem and solution format, shared by `samlast solve` and the
/// HTTP API. Documented in `docs/routing-json.md`. Units: metres, seconds; times are seconds
/// or ISO 8601 date-times with an offset; coordinates are GeoJSON `[longitude, latitude]`.
public enum JSONProblemFormat {
    /// Largest accepted document, to refuse runaway uploads before parsing.
    public static let maximumDocumentBytes = 64 * 1024 * 1024

    public static func read(data: Data, file: String, matrixProvider: any TravelMatrixProvider = GreatCircleMatrixProvider()) throws -> Problem {
        guard data.count <= maximumDocumentBytes else {
            throw FormatError(file: file, "document is \(data.count) bytes, over the limit of \(maximumDocumentBytes)")
        }
        let document: ProblemDocument
        do {
            document = try JSONDecoder().decode(ProblemDocument.self, from: data)
        } catch let error as DecodingError {
            throw FormatError(file: file, error.pathAndMessage)
        } catch {
            throw FormatError(file: file, "not valid JSON: \(error.localizedDescription)")
        }
        do {
            return try document.problem(matrixProvider: matrixProvider)
        } catch let error as ProblemError {
            throw FormatError(file: file, error.description)
        }
    }
}

/// A time in a document: seconds, or an ISO 8601 date-time with offset (then seconds since 1970).
struct TimeValue: Codable {
    var seconds: Double
    var zoneOffset: Int?

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            seconds = number
            return
        }
        let text = try container.decode(String.self)
        guard let (date, offset) = ISO8601DateTime.parse(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected seconds or an ISO 8601 date-time with offset such as 2026-11-25T08:00:00+01:00, found '\(text)'")
        }
        seconds = date.timeIntervalSince1970
        zoneOffset = offset
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let zoneOffset {
            try container.encode(TimeValue.format(seconds, offset: zoneOffset))
        } else {
            try container.encode(seconds)
        }
    }

    /// Seconds since 1970, to the nearest second, at the document's offset.
    static func format(_ seconds: Double, offset: Int) -> String {
        ISO8601DateTime.format(Date(timeIntervalSince1970: seconds.rounded()), offsetSeconds: offset)
    }
}

/// A place in a document: `[lon, lat]`, a location id from `locations`, or a matrix index.
enum LocationReference: Decodable {
    case coordinate(Coordinate)
    case named(String)
    case index(Int)

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let index = try? container.decode(Int.self) { self = .index(index); return }
        if let name = try? container.decode(String.self) { self = .named(name); return }
        if let coordinate = try? container.decode(Coordinate.self) {
            guard coordinate.isValid else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "coordinate \(coordinate) is outside longitude ±180, latitude ±90")
            }
            self = .coordinate(coordinate)
            return
        }
        throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected [longitude, latitude], a location id, or a matrix index")
    }
}
