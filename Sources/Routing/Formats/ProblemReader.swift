import Foundation

/// The instance formats Samlast reads.
public enum InstanceFormat: String, Sendable, CaseIterable {
    case solomon, liLim = "li-lim", vrplib, json

    /// Guesses the format from the file name and its first lines.
    public static func detect(path: String, text: String) -> InstanceFormat? {
        let lower = path.lowercased()
        if lower.hasSuffix(".json") { return .json }
        if lower.hasSuffix(".vrp") { return .vrplib }
        let head = text.prefix(2000).uppercased()
        if head.contains("VEHICLE") && head.contains("CUSTOMER") { return .solomon }
        if head.contains("DIMENSION") { return .vrplib }
        if head.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("{") { return .json }
        let firstLine = text.split(whereSeparator: \.isNewline).first?.split(whereSeparator: { $0 == " " || $0 == "\t" }) ?? []
        if firstLine.count == 3, firstLine.allSatisfy({ Double($0) != nil }) { return .liLim }
        return nil
    }
}

/// Reads an instance file in any supported format.
public enum ProblemReader {
    /// - Parameter matrixProvider: travel matrices for JSON problems without explicit ones.
    public static func read(
        path: String, format: InstanceFormat? = nil, matrixProvider: any TravelMatrixProvider = GreatCircleMatrixProvider()
    ) throws -> Problem {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FormatError(file: path, "cannot read the file (does it exist and is it readable?)")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw FormatError(file: path, "the file is not UTF-8 text") }
        guard let format = format ?? InstanceFormat.detect(path: path, text: text) else {
            throw FormatError(file: path, "cannot tell the format; expected Solomon/Gehring-Homberger, Li & Lim, VRPLIB (.vrp) or Samlast JSON (.json)")
        }
        switch format {
        case .solomon: return try SolomonReader.read(text: text, file: path)
        case .liLim: return try LiLimReader.read(text: text, file: path)
        case .vrplib: return try VRPLIBReader.read(text: text, file: path)
        case .json: return try JSONProblemFormat.read(data: data, file: path, matrixProvider: matrixProvider)
        }
    }
}
