import Testing
@testable import Labels

@Suite struct GS1Tests {
    @Test func ssccStartsWithFNC1InCodeSetC() throws {
        // Start C 105, FNC1 102, then 00 37 61 30 32 11 09 10 34 20; weighted sum 1703 ≡ 55.
        let symbol = try Code128.gs1([("00", "376130321109103420")])
        #expect(symbol.symbolValues == [105, 102, 0, 37, 61, 30, 32, 11, 9, 10, 34, 20, 55, 106])
        #expect(symbol.text == "(00)376130321109103420")
    }

    @Test func separatorFollowsVariableLengthElementsOnly() throws {
        let fixedFirst = try Code128.gs1([("01", "09501101530003"), ("10", "ABC1")])
        #expect(fixedFirst.symbolValues.dropLast(2).count { $0 == Code128.fnc1Value } == 1)

        let variableFirst = try Code128.gs1([("10", "ABC1"), ("17", "250101")])
        #expect(variableFirst.symbolValues.dropLast(2).count { $0 == Code128.fnc1Value } == 2)
        #expect(variableFirst.text == "(10)ABC1(17)250101")
    }

    @Test func checkDigit() {
        #expect(Code128.gs1CheckDigit(for: [3, 7, 6, 1, 3, 0, 3, 2, 1, 1, 0, 9, 1, 0, 3, 4, 2]) == 0)
        #expect(Code128.gs1CheckDigit(for: [0, 9, 5, 0, 1, 1, 0, 1, 5, 3, 0, 0, 0]) == 3)
    }

    @Test func refusesBadElements() {
        #expect(throws: Code128Error.self) { try Code128.gs1([("00", "376130321109103421")]) }  // wrong check digit
        #expect(throws: Code128Error.self) { try Code128.gs1([("00", "37613032110910342")]) }  // too short
        #expect(throws: Code128Error.invalidApplicationIdentifier("0A")) { try Code128.gs1([("0A", "1")]) }
        #expect(throws: Code128Error.invalidApplicationIdentifier("310")) { try Code128.gs1([("310", "000123")]) }
        #expect(throws: Code128Error.self) { try Code128.gs1([("10", "AB CD")]) }  // space is not in set 82
        #expect(throws: Code128Error.empty) { try Code128.gs1([]) }
        #expect(throws: Code128Error.tooLong(count: 52, limit: 48)) {
            try Code128.gs1([("10", String(repeating: "A", count: 20)), ("21", String(repeating: "B", count: 28))])
        }
    }
}
