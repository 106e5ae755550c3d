import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Geo

/// Reads OpenStreetMap XML (`.osm`): nodes, ways with tags, and restriction relations.
public enum OSMXMLReader {
    public static func read(path: String) throws -> OSMData {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw OSMReadError(file: path, "cannot read the file (does it exist and is it readable?)")
        }
        return try read(data: data, file: path)
    }

    public static func read(data: Data, file: String) throws -> OSMData {
        guard !data.isEmpty else { throw OSMReadError(file: file, "the file is empty; expected OSM XML") }
        let delegate = Delegate(file: file)
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse(), delegate.failure == nil else {
            let line = parser.lineNumber
            throw OSMReadError(file: file, delegate.failure ?? "malformed XML at line \(line): \(parser.parserError?.localizedDescription ?? "parse error")")
        }
        guard delegate.sawRoot else { throw OSMReadError(file: file, "no <osm> root element; not an OpenStreetMap XML file") }
        guard delegate.openElements.isEmpty else {
            throw OSMReadError(file: file, "the file ends inside <\(delegate.openElements.last!)>; is it truncated?")
        }
        return delegate.result
    }

    private final class Delegate: NSObject, XMLParserDelegate {
        let file: String
        var result = OSMData()
        var failure: String?
        var sawRoot = false
        /// Elements started but not yet ended.
        var openElements: [String] = []
        private var way: OSMData.Way?
        private var relationTags: [String: String] = [:]
        private var members: [(type: String, ref: Int64, role: String)] = []
        private var inRelation = false

        init(file: String) { self.file = file }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            openElements.append(name)
            switch name {
            case "osm": sawRoot = true
            case "node":
                guard let id = attributes["id"].flatMap(Int64.init), let lat = attributes["lat"].flatMap(Double.init),
                      let lon = attributes["lon"].flatMap(Double.init) else {
                    return fail(parser, "a <node> needs numeric id, lat and lon")
                }
                result.nodes[id] = Coordinate(longitude: lon, latitude: lat)
            case "way":
                guard let id = attributes["id"].flatMap(Int64.init) else { return fail(parser, "a <way> needs a numeric id") }
                way = OSMData.Way(id: id, nodes: [], tags: [:])
            case "nd":
                guard let ref = attributes["ref"].flatMap(Int64.init) else { return fail(parser, "an <nd> needs a numeric ref") }
                way?.nodes.append(ref)
            case "tag":
                guard let key = attributes["k"], let value = attributes["v"] else { return }
                if way != nil { way?.tags[key] = value } else if inRelation { relationTags[key] = value }
            case "relation":
                inRelation = true
                relationTags = [:]
                members = []
            case "member":
                if let type = attributes["type"], let ref = attributes["ref"].flatMap(Int64.init) {
                    members.append((type, ref, attributes["role"] ?? ""))
                }
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            openElements.removeLast()
            if name == "way", let finished = way {
                result.ways.append(finished)
                way = nil
            } else if name == "relation" {
                inRelation = false
                guard relationTags["type"] == "restriction", let kind = relationTags["restriction"] else { return }
                let from = members.first { $0.type == "way" && $0.role == "from" }
                let via = members.first { $0.type == "node" && $0.role == "via" }
                let to = members.first { $0.type == "way" && $0.role == "to" }
                if let from, let via, let to {
                    result.restrictions.append(OSMData.TurnRestriction(fromWay: from.ref, viaNode: via.ref, toWay: to.ref, restriction: kind))
                }
            }
        }

        private func fail(_ parser: XMLParser, _ message: String) {
            failure = "line \(parser.lineNumber): \(message)"
            parser.abortParsing()
        }
    }
}

/// Reads an extract by its name: `.osm.pbf` (or `.pbf`) as PBF, `.osm` as XML.
public enum OSMReader {
    public static func read(path: String) throws -> OSMData {
        if path.lowercased().hasSuffix(".osm") { return try OSMXMLReader.read(path: path) }
        return try PBFReader.read(path: path)
    }
}
