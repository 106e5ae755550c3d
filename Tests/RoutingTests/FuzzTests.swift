import Foundation
import Testing
@testable import Routing

/// Malformed input must give an error, never a crash: seeded random corruptions of valid
/// files are fed to every reader, which must either return a valid problem or throw.
@Suite struct FuzzTests {
    private func mutations(of text: String, count: Int, seed: UInt64) -> [String] {
        var random = SeededGenerator(seed: seed)
        let bytes = Array(text.utf8)
        let alphabet = Array("0123456789-.:,{}[]\" \n\tabcxyzEOF_SECTION".utf8)
        return (0..<count).map { _ in
            var mutated = bytes
            for _ in 0..<(1 + random.below(6)) {
                guard !mutated.isEmpty else { break }
                let at = random.below(mutated.count)
                switch random.below(4) {
                case 0: mutated[at] = alphabet[random.below(alphabet.count)]
                case 1: mutated.remove(at: at)
                case 2: mutated.insert(alphabet[random.below(alphabet.count)], at: at)
                default: mutated = Array(mutated.prefix(at)) // truncation
                }
            }
            return String(decoding: mutated, as: UTF8.self)
        }
    }

    /// A parsed problem must at least pass its own validation; throwing is fine.
    private func survives(_ read: () throws -> Problem) -> Bool {
        guard let problem = try? read() else { return true }
        return (try? problem.validate()) != nil
    }

    @Test func solomonReaderNeverCrashes() throws {
        let text = try String(contentsOfFile: TestSupport.dataDirectory + "/solomon/C101.txt", encoding: .utf8)
        for (index, input) in mutations(of: String(text.prefix(1200)), count: 1500, seed: 1).enumerated() {
            #expect(survives { try SolomonReader.read(text: input, file: "fuzz-\(index)") })
        }
    }

    @Test func liLimReaderNeverCrashes() throws {
        let text = try String(contentsOfFile: TestSupport.dataDirectory + "/li_lim_100/lc101.txt", encoding: .utf8)
        for (index, input) in mutations(of: String(text.prefix(900)), count: 1500, seed: 2).enumerated() {
            #expect(survives { try LiLimReader.read(text: input, file: "fuzz-\(index)") })
        }
    }

    @Test func vrplibReaderNeverCrashes() throws {
        let text = try String(contentsOfFile: TestSupport.fixture("tiny.vrp"), encoding: .utf8)
        for (index, input) in mutations(of: text, count: 1500, seed: 3).enumerated() {
            #expect(survives { try VRPLIBReader.read(text: input, file: "fuzz-\(index)") })
        }
    }

    @Test func jsonReaderNeverCrashes() throws {
        let text = try String(contentsOfFile: TestSupport.fixture("fornebu-small.json"), encoding: .utf8)
        for (index, input) in mutations(of: text, count: 1000, seed: 4).enumerated() {
            #expect(survives { try JSONProblemFormat.read(data: Data(input.utf8), file: "fuzz-\(index)") })
        }
    }

    @Test func routeListReaderNeverCrashes() {
        for input in mutations(of: "Route #1: 3 1 2\nRoute #2: 5 4\nCost 123.5\n", count: 1500, seed: 5) {
            _ = try? RouteList.read(text: input, file: "fuzz")
        }
    }
}

@Suite struct HugeNumberTests {
    @Test func hugeOrFractionalIntegersAreErrorsNotCrashes() {
        let solomon = "X\n\nVEHICLE\nNUMBER CAPACITY\n 25 200\n\nCUSTOMER\nCUST NO.\n 0 1 2 0 0 100 0\n 1 1 2 9e99 0 10 0\n"
        let error = #expect(throws: FormatError.self) { try SolomonReader.read(text: solomon, file: "huge.txt") }
        #expect(error?.line == 10 && error?.message.contains("DEMAND") == true)
        #expect(throws: FormatError.self) { try SolomonReader.read(text: solomon.replacingOccurrences(of: "9e99", with: "2.5"), file: "frac.txt") }
        let lilim = "25\t200\t1\n0\t40\t50\t0\t0\t1236\t0\t0\t0\n1\t45\t68\t10\t912\t967\t90\t0\t1e300\n2\t45\t70\t-10\t825\t870\t90\t1\t0\n"
        #expect(throws: FormatError.self) { try LiLimReader.read(text: lilim, file: "huge.txt") }
        let vrp = "DIMENSION : 2\nCAPACITY : 5\nNODE_COORD_SECTION\n1 0 0\n2 1 1\nDEMAND_SECTION\n1 0\n2 1e40\nDEPOT_SECTION\n1\n-1\n"
        #expect(throws: FormatError.self) { try VRPLIBReader.read(text: vrp, file: "huge.vrp") }
    }
}

@Suite struct SizeLimitTests {
    @Test func refusesMoreLocationsThanFitBeforeAllocating() {
        let error = #expect(throws: FormatError.self) {
            try VRPLIBReader.read(text: "DIMENSION : 5000000\nCAPACITY : 5\nEDGE_WEIGHT_TYPE : EXPLICIT\nDEMAND_SECTION\n1 0\n", file: "big.vrp")
        }
        #expect(error?.message == "5000000 locations is more than the 10000 Samlast plans at once")
    }
}
