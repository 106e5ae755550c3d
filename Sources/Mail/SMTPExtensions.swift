/// The service extensions a server announced in its EHLO reply (RFC 5321 §4.1.1.1).
struct SMTPExtensions: Sendable {
    /// Parameters per upper-cased keyword, e.g. `AUTH` → `["PLAIN", "LOGIN"]`.
    private let parameters: [String: [String]]

    /// Reads the lines after the first (which greets with the server's name).
    init(ehloReply: SMTPReply) {
        var parameters: [String: [String]] = [:]
        for line in ehloReply.lines.dropFirst() {
            let words = line.split(separator: " ").map(String.init)
            guard let keyword = words.first else { continue }
            parameters[keyword.uppercased()] = Array(words.dropFirst())
        }
        self.parameters = parameters
    }

    /// Whether `keyword` (e.g. `STARTTLS`) was announced.
    func supports(_ keyword: String) -> Bool {
        parameters[keyword.uppercased()] != nil
    }

    /// The SASL mechanisms listed after `AUTH`, upper-cased.
    var authMechanisms: [String] {
        (parameters["AUTH"] ?? []).map { $0.uppercased() }
    }
}
