import Foundation

/// The languages the pages are written in. Bokmål is the default: Samlast's users are Norwegian.
///
/// How the server picks one per request (`chosen(query:cookie:acceptLanguage:)`):
/// 1. `?lang=nb` or `?lang=en` on any page: the choice of the language switch every page shows.
///    The server answers in that language and sets the cookie `samlast_lang` to it (path `/`,
///    a year, `SameSite=Lax`, `Secure`), so the choice holds for the pages that follow.
/// 2. Else the cookie `samlast_lang`.
/// 3. Else the browser's `Accept-Language` (`preferred(acceptLanguage:)`).
/// 4. Else bokmål.
public enum Language: String, Sendable, Codable, CaseIterable {
    case nb, en

    /// The query parameter of the language switch's links.
    public static let queryParameter = "lang"
    /// The cookie that keeps a choice made with the language switch.
    public static let cookieName = "samlast_lang"
    /// The language when nothing else decides.
    public static let standard = Language.nb

    /// The language a code names: `nb`, `no` and `nn` (bokmål is what Samlast writes for
    /// Norwegian) and `en`, each also with a region (`nb-NO`, `en-GB`); nil for any other code.
    public init?(code: String) {
        let primary = code.trimmingCharacters(in: .whitespaces).lowercased().split(separator: "-", omittingEmptySubsequences: false).first ?? ""
        switch primary {
        case "nb", "no", "nn": self = .nb
        case "en": self = .en
        default: return nil
        }
    }

    /// The code for `<html lang>`, `?lang=` and the cookie.
    public var code: String { rawValue }

    /// The language of a request: an explicit `?lang=` first, then the cookie, then
    /// `Accept-Language`; values that name no language of Samlast are passed over.
    public static func chosen(query: String?, cookie: String?, acceptLanguage: String?) -> Language {
        query.flatMap(Language.init(code:)) ?? cookie.flatMap(Language.init(code:)) ?? preferred(acceptLanguage: acceptLanguage)
    }

    /// The language a browser prefers by its `Accept-Language` header (RFC 9110 §12.5.4): the
    /// one with the highest q-value, the one listed first on a tie; `q=0` rules a language out;
    /// `*` stands for any language not listed. Bokmål when the header is missing, malformed or
    /// names nothing Samlast writes.
    public static func preferred(acceptLanguage header: String?) -> Language {
        guard let header else { return standard }
        struct Weight { var q: Double, position: Int }
        // For each language its best weight among the ranges that name it; `*` for the others.
        var named: [Language: Weight] = [:]
        var wildcard: Weight?
        for (position, element) in header.split(separator: ",").enumerated() {
            guard let (range, q) = parse(element) else { continue }
            if range == "*" {
                wildcard = wildcard ?? Weight(q: q, position: position)
            } else if let language = Language(code: range), q > named[language]?.q ?? -1 {
                named[language] = Weight(q: q, position: position)
            }
        }
        var best: (language: Language, weight: Weight)?
        for language in allCases {
            guard let weight = named[language] ?? wildcard, weight.q > 0 else { continue }
            if let current = best?.weight, current.q > weight.q || (current.q == weight.q && current.position <= weight.position) { continue }
            best = (language, weight)
        }
        return best?.language ?? standard
    }

    /// One element of `Accept-Language`: its language range (lowercased) and weight, or nil
    /// when the range or the weight is malformed.
    private static func parse(_ element: Substring) -> (String, Double)? {
        let parts = element.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let range = parts.first?.lowercased(), !range.isEmpty,
              range == "*" || range.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else { return nil }
        var q = 1.0
        for parameter in parts.dropFirst() where parameter.lowercased().hasPrefix("q=") {
            guard let weight = qValue(parameter.dropFirst(2)) else { return nil }
            q = weight
        }
        return (range, q)
    }

    /// A qvalue: `0` to `1` with at most three decimals (RFC 9110 §12.4.2).
    private static func qValue(_ text: Substring) -> Double? {
        guard text.count <= 5, text.wholeMatch(of: /0(\.[0-9]{0,3})?|1(\.0{0,3})?/) != nil else { return nil }
        return Double(text)
    }

    /// A number with `digits` decimals in this language's way: `12,5` in bokmål, `12.5` in English.
    public func decimal(_ value: Double, digits: Int) -> String {
        let text = String(format: "%.\(max(digits, 0))f", value)
        return self == .nb ? text.replacingOccurrences(of: ".", with: ",") : text
    }
}
