import Mustache

/// The one HTML escaper, for the few places where Pages writes markup in code (SVG drawn by
/// Pages). Templates escape by themselves; this escapes the same five characters the same way,
/// so a text reads alike wherever it lands.
public enum HTMLText {
    /// Escapes text for HTML content and for attribute values in double or single quotes.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}

/// Markup that Pages built itself from escaped parts (an SVG map or chart). Only Pages can make
/// one, and only a value of this type may be shown with `{{{ }}}` (see `Pages`).
struct Markup: MustacheCustomRenderable, MustacheParent {
    let html: String

    var renderText: String { html }
    var isNull: Bool { html.isEmpty }
    func child(named: String) -> Any? { nil }
}
