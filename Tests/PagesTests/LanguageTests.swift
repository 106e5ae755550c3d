import Testing
@testable import Pages

/// Which language a request gets: `?lang=`, then the cookie, then `Accept-Language`, then bokmål.
@Suite struct LanguageTests {
    @Test(arguments: [
        (nil, Language.nb),
        ("", .nb),
        ("en", .en),
        ("en-GB,en;q=0.9", .en),
        ("nb-NO,nb;q=0.9,en;q=0.8", .nb),
        ("no", .nb), ("nn-NO", .nb), ("NB", .nb),
        ("en;q=0.5, nb;q=0.8", .nb),
        ("en;q=0.8, nn;q=0.5", .en),
        // Ties go to the one listed first.
        ("en, nb", .en), ("nb, en", .nb), ("en;q=0.7, no;q=0.7", .en),
        // q=0 rules a language out; `*` stands for the others.
        ("nb;q=0, en;q=0.1", .en), ("nb;q=0, *", .en), ("en;q=0, *;q=0.5", .nb), ("*", .nb),
        ("de-DE, fr;q=0.9", .nb), ("de, en;q=0.3", .en),
        // Malformed elements are passed over, the rest still counts.
        ("en;q=2, nb;q=0.1", .nb), ("en;q=0.5555, nb;q=0.1", .nb), ("en;q=abc", .nb), ("e n, en;q=0.4", .en),
        ("en;q=1.000", .en), ("en;q=1.", .en), ("en;q=0., nb;q=0.001", .nb), ("en; q=0.9 , nb ; q=0.8", .en),
    ] as [(String?, Language)])
    func acceptLanguage(header: String?, expected: Language) {
        #expect(Language.preferred(acceptLanguage: header) == expected, "\(header ?? "no header")")
    }

    @Test func codes() {
        #expect(Language(code: "nb") == .nb && Language(code: "no") == .nb && Language(code: "nn") == .nb && Language(code: "nb-NO") == .nb)
        #expect(Language(code: "en") == .en && Language(code: "EN-gb") == .en)
        #expect(Language(code: "sv") == nil && Language(code: "") == nil && Language(code: "english") == nil)
    }

    @Test func anExplicitChoiceWinsOverTheCookieAndTheBrowser() {
        #expect(Language.chosen(query: "en", cookie: "nb", acceptLanguage: "nb") == .en)
        #expect(Language.chosen(query: nil, cookie: "en", acceptLanguage: "nb") == .en)
        #expect(Language.chosen(query: "xx", cookie: "garbage", acceptLanguage: "en-US") == .en)
        #expect(Language.chosen(query: nil, cookie: nil, acceptLanguage: nil) == .nb)
    }

    @Test func numbersAreWrittenTheLanguagesWay() {
        #expect(Language.nb.decimal(12.345, digits: 1) == "12,3" && Language.en.decimal(12.345, digits: 1) == "12.3")
        #expect(Language.nb.decimal(2.4, digits: 0) == "2")
        #expect(Language.en.decimal(1234.5, digits: 2) == "1234.50")
    }
}
