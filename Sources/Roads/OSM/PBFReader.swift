import CZlib
import Foundation
import Geo

/// Reads OpenStreetMap `.osm.pbf` files: the blob sequence, zlib-compressed primitive blocks,
/// dense and plain nodes, ways, and restriction relations. Everything else is skipped.
public enum PBFReader {
    /// Largest blob header and blob the format allows (64 KiB and 32 MiB).
    static let maximumHeaderSize = 64 * 1024
    static let maximumBlobSize = 32 * 1024 * 1024

    public static func read(path: String) throws -> OSMData {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw OSMReadError(file: path, "cannot read the file (does it exist and is it readable?)")
        }
        return try read(data: data, file: path)
    }

    public static func read(data: Data, file: String) throws -> OSMData {
        guard !data.isEmpty else { throw OSMReadError(file: file, "the file is empty; expected an OSM PBF extract") }
        var result = OSMData()
        var sawHeader = false
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < bytes.count {
                guard offset + 4 <= bytes.count else { throw OSMReadError(file: file, "truncated blob length at byte \(offset)") }
                let headerLength = Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
                offset += 4
                guard headerLength > 0, headerLength <= maximumHeaderSize, offset + headerLength <= bytes.count else {
                    throw OSMReadError(file: file, "invalid blob header length \(headerLength) at byte \(offset - 4); not an OSM PBF file or truncated")
                }
                let (type, size) = try blobHeader(bytes, offset..<(offset + headerLength), file: file)
                offset += headerLength
                guard size >= 0, size <= maximumBlobSize, offset + size <= bytes.count else {
                    throw OSMReadError(file: file, "blob of \(size) bytes at byte \(offset) is too large or runs past the end of the file")
                }
                let block = try inflate(bytes, offset..<(offset + size), file: file)
                offset += size
                switch type {
                case "OSMHeader":
                    try checkFeatures(block, file: file)
                    sawHeader = true
                case "OSMData":
                    guard sawHeader else { throw OSMReadError(file: file, "data block before the OSMHeader block") }
                    try block.withUnsafeBytes { try readPrimitiveBlock($0, into: &result, file: file) }
                default:
                    continue // unknown blob types may be skipped, says the format
                }
            }
        }
        guard sawHeader else { throw OSMReadError(file: file, "no OSMHeader block; not an OSM PBF file") }
        return result
    }

    private static func blobHeader(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, file: String) throws -> (String, Int) {
        var reader = ProtobufReader(bytes, range: range)
        var type = "", size = -1
        do {
            while let (number, wire) = try reader.field() {
                switch number {
                case 1: type = reader.string(try reader.lengthDelimited())
                case 3: size = Int(try reader.varint())
                default: try reader.skip(wire)
                }
            }
        } catch { throw OSMReadError(file: file, "malformed blob header: \(error)") }
        return (type, size)
    }

    /// The blob's contents, inflated when zlib-compressed.
    private static func inflate(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, file: String) throws -> Data {
        var reader = ProtobufReader(bytes, range: range)
        var raw: Range<Int>?, compressed: Range<Int>?, rawSize = 0
        do {
            while let (number, wire) = try reader.field() {
                switch number {
                case 1: raw = try reader.lengthDelimited()
                case 2: rawSize = Int(try reader.varint())
                case 3: compressed = try reader.lengthDelimited()
                case 4, 5, 6, 7: throw OSMReadError(file: file, "blob uses a compression other than zlib (lzma/bzip2/lz4/zstd), which is not supported")
                default: try reader.skip(wire)
                }
            }
        } catch let error as ProtobufReader.Malformed { throw OSMReadError(file: file, "malformed blob: \(error)") }
        if let raw { return Data(bytes[raw]) }
        guard let compressed, rawSize > 0, rawSize <= maximumBlobSize else {
            throw OSMReadError(file: file, "blob has neither raw nor zlib data of a valid size")
        }
        var output = Data(count: rawSize)
        var outputLength = uLongf(rawSize)
        let status = output.withUnsafeMutableBytes { out in
            CZlib.uncompress(out.baseAddress!.assumingMemoryBound(to: Bytef.self), &outputLength,
                             bytes.baseAddress!.advanced(by: compressed.lowerBound).assumingMemoryBound(to: Bytef.self),
                             uLong(compressed.count))
        }
        guard status == Z_OK, Int(outputLength) == rawSize else {
            throw OSMReadError(file: file, "corrupt zlib data in a blob (zlib status \(status))")
        }
        return output
    }

    private static func checkFeatures(_ block: Data, file: String) throws {
        let supported: Set<String> = ["OsmSchema-V0.6", "DenseNodes", "HistoricalInformation"]
        try block.withUnsafeBytes { bytes in
            var reader = ProtobufReader(bytes)
            do {
                while let (number, wire) = try reader.field() {
                    if number == 4 {
                        let feature = reader.string(try reader.lengthDelimited())
                        guard supported.contains(feature) else {
                            throw OSMReadError(file: file, "the file requires the unsupported feature '\(feature)'")
                        }
                    } else {
                        try reader.skip(wire)
                    }
                }
            } catch let error as ProtobufReader.Malformed { throw OSMReadError(file: file, "malformed header block: \(error)") }
        }
    }

    private static func readPrimitiveBlock(_ bytes: UnsafeRawBufferPointer, into result: inout OSMData, file: String) throws {
        var reader = ProtobufReader(bytes)
        var strings: [String] = []
        var groups: [Range<Int>] = []
        var granularity: Int64 = 100, latOffset: Int64 = 0, lonOffset: Int64 = 0
        do {
            while let (number, wire) = try reader.field() {
                switch number {
                case 1:
                    var table = ProtobufReader(bytes, range: try reader.lengthDelimited())
                    while let (entry, entryWire) = try table.field() {
                        if entry == 1 { strings.append(table.string(try table.lengthDelimited())) } else { try table.skip(entryWire) }
                    }
                case 2: groups.append(try reader.lengthDelimited())
                case 17: granularity = Int64(try reader.varint())
                case 19: latOffset = Int64(bitPattern: try reader.varint())
                case 20: lonOffset = Int64(bitPattern: try reader.varint())
                default: try reader.skip(wire)
                }
            }
            let block = Block(strings: strings, granularity: granularity, latOffset: latOffset, lonOffset: lonOffset, file: file)
            for group in groups {
                var groupReader = ProtobufReader(bytes, range: group)
                while let (number, wire) = try groupReader.field() {
                    switch number {
                    case 1: try block.readNode(bytes, try groupReader.lengthDelimited(), into: &result)
                    case 2: try block.readDenseNodes(bytes, try groupReader.lengthDelimited(), into: &result)
                    case 3: try block.readWay(bytes, try groupReader.lengthDelimited(), into: &result)
                    case 4: try block.readRelation(bytes, try groupReader.lengthDelimited(), into: &result)
                    default: try groupReader.skip(wire)
                    }
                }
            }
        } catch let error as ProtobufReader.Malformed {
            throw OSMReadError(file: file, "malformed data block: \(error)")
        }
    }

    /// Decoding context of one primitive block.
    private struct Block {
        let strings: [String]
        let granularity: Int64
        let latOffset: Int64
        let lonOffset: Int64
        let file: String

        func coordinate(lat: Int64, lon: Int64) -> Coordinate {
            Coordinate(longitude: Double(lonOffset + granularity * lon) * 1e-9, latitude: Double(latOffset + granularity * lat) * 1e-9)
        }

        func string(_ index: UInt64) throws -> String {
            guard index < UInt64(strings.count) else { throw OSMReadError(file: file, "string index \(index) outside the block's string table") }
            return strings[Int(index)]
        }

        func tags(keys: [UInt64], values: [UInt64]) throws -> [String: String] {
            guard keys.count == values.count else { throw OSMReadError(file: file, "a way or relation has \(keys.count) tag keys but \(values.count) values") }
            var tags: [String: String] = [:]
            for (key, value) in zip(keys, values) { tags[try string(key)] = try string(value) }
            return tags
        }

        func readNode(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, into result: inout OSMData) throws {
            var reader = ProtobufReader(bytes, range: range)
            var id: Int64 = 0, lat: Int64 = 0, lon: Int64 = 0
            while let (number, wire) = try reader.field() {
                switch number {
                case 1: id = try reader.signedVarint()
                case 8: lat = try reader.signedVarint()
                case 9: lon = try reader.signedVarint()
                default: try reader.skip(wire)
                }
            }
            result.nodes[id] = coordinate(lat: lat, lon: lon)
        }

        func readDenseNodes(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, into result: inout OSMData) throws {
            var reader = ProtobufReader(bytes, range: range)
            var ids: [Int64] = [], lats: [Int64] = [], lons: [Int64] = []
            while let (number, wire) = try reader.field() {
                switch number {
                case 1: try reader.packedDeltas(wire, into: &ids)
                case 8: try reader.packedDeltas(wire, into: &lats)
                case 9: try reader.packedDeltas(wire, into: &lons)
                default: try reader.skip(wire)
                }
            }
            guard ids.count == lats.count, ids.count == lons.count else {
                throw OSMReadError(file: file, "dense nodes with \(ids.count) ids but \(lats.count) latitudes and \(lons.count) longitudes")
            }
            for i in 0..<ids.count { result.nodes[ids[i]] = coordinate(lat: lats[i], lon: lons[i]) }
        }

        func readWay(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, into result: inout OSMData) throws {
            var reader = ProtobufReader(bytes, range: range)
            var id: Int64 = 0, keys: [UInt64] = [], values: [UInt64] = [], refs: [Int64] = []
            while let (number, wire) = try reader.field() {
                switch number {
                case 1: id = Int64(bitPattern: try reader.varint())
                case 2: try reader.packedVarints(wire, into: &keys)
                case 3: try reader.packedVarints(wire, into: &values)
                case 8: try reader.packedDeltas(wire, into: &refs)
                default: try reader.skip(wire)
                }
            }
            result.ways.append(OSMData.Way(id: id, nodes: refs, tags: try tags(keys: keys, values: values)))
        }

        func readRelation(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, into result: inout OSMData) throws {
            var reader = ProtobufReader(bytes, range: range)
            var keys: [UInt64] = [], values: [UInt64] = [], roles: [UInt64] = [], members: [Int64] = [], types: [UInt64] = []
            while let (number, wire) = try reader.field() {
                switch number {
                case 2: try reader.packedVarints(wire, into: &keys)
                case 3: try reader.packedVarints(wire, into: &values)
                case 8: try reader.packedVarints(wire, into: &roles)
                case 9: try reader.packedDeltas(wire, into: &members)
                case 10: try reader.packedVarints(wire, into: &types)
                default: try reader.skip(wire)
                }
            }
            let tags = try tags(keys: keys, values: values)
            guard tags["type"] == "restriction", let kind = tags["restriction"] ?? tags["restriction:motorcar"],
                  roles.count == members.count, types.count == members.count else { return }
            var from: Int64?, via: Int64?, to: Int64?
            for i in 0..<members.count {
                switch (try string(roles[i]), types[i]) {
                case ("from", 1): from = members[i]
                case ("via", 0): via = members[i]
                case ("to", 1): to = members[i]
                default: break
                }
            }
            if let from, let via, let to {
                result.restrictions.append(OSMData.TurnRestriction(fromWay: from, viaNode: via, toWay: to, restriction: kind))
            }
        }
    }
}
