import Testing
@testable import Labels

@Suite struct Code128Tests {
    // Check values below are worked by hand: (start + Σ position × value) mod 103.

    @Test func textUsesCodeSetB() throws {
        // Start B 104, P 48, J 42, J 42, 1 17, 2 18, 3 19, C 35: 104+48+84+126+68+90+114+245 = 879 ≡ 55.
        let symbol = try Code128("PJJ123C")
        #expect(symbol.symbolValues == [104, 48, 42, 42, 17, 18, 19, 35, 55, 106])
        #expect(symbol.checkValue == 55)
    }

    @Test func allDigitsUseCodeSetC() throws {
        // Start C 105, pairs 12 34 56 78 90: 105+12+68+168+312+450 = 1115 ≡ 85.
        let symbol = try Code128("1234567890")
        #expect(symbol.symbolValues == [105, 12, 34, 56, 78, 90, 85, 106])
    }

    @Test func trailingDigitRunSwitchesToC() throws {
        // 104 + 33 + 2·34 + 3·99 + 4·12 + 5·34 + 6·56 = 1056 ≡ 26.
        let symbol = try Code128("AB123456")
        #expect(symbol.symbolValues == [104, 33, 34, 99, 12, 34, 56, 26, 106])
    }

    @Test func middleDigitRunSwitchesToCAndBack() throws {
        // … 99 (Code C), 12 34 56, 100 (Code B), C 35, D 36; weighted sum 2360 ≡ 94.
        let symbol = try Code128("AB123456CD")
        #expect(symbol.symbolValues == [104, 33, 34, 99, 12, 34, 56, 100, 35, 36, 94, 106])
    }

    @Test func shortMiddleDigitRunStaysInB() throws {
        // Switching for four digits would not save a symbol, so no Code C (99) appears.
        let symbol = try Code128("AB1234CD")
        #expect(symbol.symbolValues.dropLast(2) == [104, 33, 34, 17, 18, 19, 20, 35, 36])
    }

    @Test func oddDigitCountEndsInB() throws {
        // Start C, 12, 34, Code B, "5" (21): 105+12+68+300+84 = 569 ≡ 54.
        let symbol = try Code128("12345")
        #expect(symbol.symbolValues == [105, 12, 34, 100, 21, 54, 106])
    }

    @Test func controlCharacterUsesCodeSetA() throws {
        // Start A 103, A 33, TAB 9+64 = 73, B 34: 103+33+146+102 = 384 ≡ 75.
        let symbol = try Code128("A\tB")
        #expect(symbol.symbolValues == [103, 33, 73, 34, 75, 106])
    }

    @Test func singleControlCharacterAmongLowercaseUsesShift() throws {
        // Start B, a 65, b 66, Shift 98, LF 74, c 67, d 68: weighted sum 1634 ≡ 89.
        let symbol = try Code128("ab\ncd")
        #expect(symbol.symbolValues == [104, 65, 66, 98, 74, 67, 68, 89, 106])
    }

    @Test func refusesEmptyInput() {
        #expect(throws: Code128Error.empty) { try Code128("") }
    }

    @Test func refusesTooLongInput() throws {
        _ = try Code128(String(repeating: "A", count: 80))
        #expect(throws: Code128Error.tooLong(count: 81, limit: 80)) {
            try Code128(String(repeating: "A", count: 81))
        }
    }

    @Test func refusesNonASCIINamingCharacterAndOffset() {
        #expect(throws: Code128Error.unsupportedCharacter("å", offset: 2)) { try Code128("Blåbær") }
        let message = Code128Error.unsupportedCharacter("å", offset: 2).description
        #expect(message.contains("'å'") && message.contains("offset 2") && message.contains("U+E5"))
    }

    @Test func patternTableIsWellFormed() {
        let patterns = Code128.symbolPatterns
        #expect(patterns.count == 106)
        #expect(Set(patterns).count == 106)
        for pattern in patterns {
            #expect(pattern.count == 6)
            #expect(pattern.reduce(0, +) == 11)
            // Bars always add up to an even number of modules (ISO/IEC 15417 §4.1.2).
            #expect((pattern[0] + pattern[2] + pattern[4]).isMultiple(of: 2))
        }
        #expect(Code128.stopPattern == [2, 3, 3, 1, 1, 1, 2])
    }

    @Test func modulesIncludeQuietZonesAndStartWithABar() throws {
        let symbol = try Code128("PJJ123C")
        #expect(symbol.moduleCount == 11 * 9 + 13)
        let modules = symbol.modules(quietZone: 10)
        #expect(modules.count == symbol.moduleCount + 20)
        #expect(modules.prefix(10).allSatisfy { !$0 })
        #expect(modules.suffix(10).allSatisfy { !$0 })
        #expect(modules[10])
        // Start B is 2-1-1-2-1-4 (bar, space, bar, space, bar, space).
        #expect(Array(modules[10..<21]) == [true, true, false, true, false, false, true, false, false, false, false])
    }
}
