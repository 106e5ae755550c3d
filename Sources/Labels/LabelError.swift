import Foundation

/// Why a parcel label or route manifest could not be made.
public enum LabelError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A barcode text that Code 128 refuses.
    case barcode(String, Code128Error)
    /// A tracking URL that does not fit in a QR code.
    case trackingURL(QRCodeError)
    /// "Parcel k of n" with k outside 1…n.
    case parcelNumber(index: Int, count: Int)
    /// A negative or non-finite weight.
    case weight(Double)

    public var description: String {
        switch self {
        case let .barcode(text, error): "Barcode '\(text)': \(error)"
        case let .trackingURL(error): "Tracking URL: \(error)"
        case let .parcelNumber(index, count): "Parcel \(index) of \(count) is not a valid parcel number"
        case let .weight(weight): "Weight \(weight) kg is not valid"
        }
    }
}

/// Formats kilograms with a decimal comma and at most two decimals, e.g. "2,5 kg".
func formattedKilograms(_ kilograms: Double) -> String {
    pdfNumber((kilograms * 100).rounded() / 100).replacingOccurrences(of: ".", with: ",") + " kg"
}
