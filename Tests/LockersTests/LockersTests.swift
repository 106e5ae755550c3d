import Crypto
import Foundation
import Geo
import Testing
@testable import Lockers

/// Fixed key and times, so the vectors below are the same on every run.
enum Vectors {
    static let key = try! Curve25519.Signing.PrivateKey(rawRepresentation: Data(repeating: 42, count: 32))
    static let issuer = AccessTokenIssuer(privateKey: key)
    static let verifier = AccessTokenVerifier(publicKey: key.publicKey)
    static let from = Date(timeIntervalSince1970: 1_796_000_000), until = from.addingTimeInterval(3 * 86_400)
    static let token = AccessToken(purpose: .pickup, siteId: "sandvika-stasjon", compartmentId: "A-07", notBefore: from, notAfter: until,
                                   nonce: Data((0..<16).map { UInt8($0) }))
}

@Suite struct AccessTokenTests {
    @Test func aValidTokenOpensOnceAndOnlyItsCompartment() throws {
        let text = try Vectors.issuer.sign(Vectors.token)
        #expect(text.hasPrefix("SL1.") && text.count < 200, "compact enough for a QR code: \(text.count) characters")
        var ledger = NonceLedger()
        let inside = Vectors.from.addingTimeInterval(3600)
        func open(_ text: String, site: String = "sandvika-stasjon", compartment: String = "A-07", purpose: AccessPurpose = .pickup,
                  at instant: Date = inside) -> AccessTokenVerifier.Refusal? {
            do { _ = try Vectors.verifier.open(text, purpose: purpose, siteId: site, compartmentId: compartment, at: instant, ledger: &ledger); return nil } catch {
                return error
            }
        }
        #expect(open(text, compartment: "A-08") == .wrongCompartment)
        #expect(open(text, site: "ski-stasjon") == .wrongSite)
        #expect(open(text, purpose: .deposit) == .wrongPurpose)
        #expect(open(text, at: Vectors.from.addingTimeInterval(-120)) == .notYetValid)
        #expect(open(text, at: Vectors.until.addingTimeInterval(61)) == .expired)
        #expect(open(text, at: Vectors.until.addingTimeInterval(59)) == nil, "within the clock allowance")
        #expect(open(text) == .replayed, "the same token twice")
        // Tampered: one character of the payload changed, or the signature of another token.
        var characters = Array(text)
        let index = 10
        characters[index] = characters[index] == "A" ? "B" : "A"
        #expect(open(String(characters)) == .badSignature)
        let other = try Vectors.issuer.issue(.pickup, siteId: "sandvika-stasjon", compartmentId: "A-09", from: Vectors.from, until: Vectors.until).text
        let spliced = text.split(separator: ".")[0...1].joined(separator: ".") + "." + other.split(separator: ".")[2]
        #expect(open(spliced) == .badSignature)
        for garbage in ["", "SL1", "SL1..", "SL2.AAAA.BBBB", "SL1.!!.??", text + ".x"] { #expect(open(garbage) == .malformed, "\(garbage)") }
        // Another key's token.
        let stranger = AccessTokenIssuer(privateKey: Curve25519.Signing.PrivateKey())
        #expect(open(try stranger.sign(Vectors.token)) == .badSignature)
    }

    @Test func tokensRoundTripAndFreshOnesDiffer() throws {
        #expect(AccessToken(payload: Vectors.token.payload) == Vectors.token)
        let a = try Vectors.issuer.issue(.deposit, siteId: "s", compartmentId: "c", from: Vectors.from, until: Vectors.until)
        let b = try Vectors.issuer.issue(.deposit, siteId: "s", compartmentId: "c", from: Vectors.from, until: Vectors.until)
        #expect(a.token.nonce != b.token.nonce && a.text != b.text)
        #expect(throws: AccessTokenIssuer.IdentifierTooLong.self) {
            try Vectors.issuer.issue(.pickup, siteId: String(repeating: "x", count: 300), compartmentId: "c", from: Vectors.from, until: Vectors.until)
        }
        #expect(AccessTokenVerifier(publicKeyBase64: Vectors.issuer.publicKey) != nil && AccessTokenVerifier(publicKeyBase64: "bm90IGEga2V5") == nil)
    }

    /// A ledger forgets a nonce once its token cannot be valid any more, and not before.
    @Test func theLedgerKeepsNoncesUntilTheirTokensExpire() throws {
        var ledger = NonceLedger()
        #expect(ledger.enter(Data([1]), until: 100, now: 0) && !ledger.enter(Data([1]), until: 100, now: 99))
        #expect(ledger.enter(Data([2]), until: 300, now: 101) && ledger.count == 1, "the first was dropped at 101")
    }
}

@Suite struct PickupCodeTests {
    @Test func codesAreEightDigitsKeptOnlyAsSaltedHashes() {
        let (code, stored) = PickupCode.generate()
        #expect(code.count == 8 && code.allSatisfy(\.isNumber))
        #expect(!stored.digest.contains(code) && stored.matches(code) && stored.matches(String(code.prefix(4)) + " " + code.dropFirst(4)))
        #expect(!stored.matches(code == "00000000" ? "00000001" : "00000000"))
        #expect(PickupCode.generate().stored.salt != PickupCode.generate().stored.salt)
    }

    /// Five wrong codes lock the compartment for 15 minutes, the next five for 30, and the right
    /// code is not tried while locked.
    @Test func guessingLocksOutForLongerEachTime() {
        let (code, stored) = PickupCode.generate()
        let wrong = code == "12345678" ? "87654321" : "12345678"
        var guardian = AttemptGuard()
        let start = Date(timeIntervalSince1970: 1_796_000_000)
        for n in 1...4 { #expect(guardian.attempt(wrong, against: stored, at: start) == .wrong(remaining: 5 - n)) }
        #expect(guardian.attempt(wrong, against: stored, at: start) == .locked(until: start.addingTimeInterval(900)))
        #expect(guardian.attempt(code, against: stored, at: start.addingTimeInterval(899)) == .locked(until: start.addingTimeInterval(900)))
        let later = start.addingTimeInterval(900)
        for _ in 1...4 { _ = guardian.attempt(wrong, against: stored, at: later) }
        #expect(guardian.attempt(wrong, against: stored, at: later) == .locked(until: later.addingTimeInterval(1800)))
        #expect(guardian.attempt(code, against: stored, at: later.addingTimeInterval(1800)) == .opened)
    }
}

@Suite struct LockerModelTests {
    static func compartment(_ id: String, _ size: Compartment.SizeClass, _ w: Double, _ h: Double, _ d: Double, floor: Double = 80) -> Compartment {
        Compartment(id: id, size: size, widthCm: w, heightCm: h, depthCm: d, maximumWeightKg: 20, floorHeightCm: floor)
    }

    @Test func parcelsFitTurnedAnyWayWithinWeight() {
        let m = Self.compartment("M-1", .m, 40, 20, 60)
        #expect(m.fits(lengthCm: 55, widthCm: 38, heightCm: 18, weightKg: 5), "lying down")
        #expect(m.fits(lengthCm: 18, widthCm: 55, heightCm: 38, weightKg: 5), "any order of the parcel's sides")
        #expect(!m.fits(lengthCm: 61, widthCm: 10, heightCm: 10, weightKg: 1), "longer than the longest side")
        #expect(!m.fits(lengthCm: 30, widthCm: 30, heightCm: 30, weightKg: 1), "two sides over 20 cm")
        #expect(!m.fits(lengthCm: 10, widthCm: 10, heightCm: 10, weightKg: 21))
        #expect(m.isAccessible && !Self.compartment("top", .s, 30, 10, 40, floor: 160).isAccessible)
    }

    @Test func impossibleCompartmentsAndSitesAreNamed() {
        let site = LockerSite(id: "ski", name: "Ski stasjon", operatorId: "op", position: Coordinate(longitude: 10.8356, latitude: 59.7189),
                              placement: .indoor, connectivity: .offline,
                              compartments: [Self.compartment("A", .s, 30, 10, 40), Self.compartment("B", .m, 0, 20, 60)])
        #expect(site.problem == "compartments[1].widthCm: 0.0 is not an inner dimension of a locker compartment (1–300 cm)")
        var twice = site
        twice.compartments = [Self.compartment("A", .s, 30, 10, 40), Self.compartment("A", .m, 40, 20, 60)]
        #expect(twice.problem == "compartments[1].id: 'A' is used twice")
        var hours = twice
        hours.compartments.removeLast()
        hours.openingHours = OpeningHours(windows: [.init(weekday: 8, startMinute: 0, endMinute: 60)])
        #expect(hours.problem?.hasPrefix("openingHours.windows[0]") == true)
        hours.openingHours = OpeningHours(windows: [.init(weekday: 5, startMinute: 6 * 60, endMinute: 23 * 60)])
        #expect(hours.problem == nil)
        // Friday 2026-12-04 at 05:59 and 06:00 in Oslo (UTC+1).
        #expect(!hours.openingHours.isOpen(at: Date(timeIntervalSince1970: 1_796_360_340)) && hours.openingHours.isOpen(at: Date(timeIntervalSince1970: 1_796_360_400)))
    }
}

@Suite struct AllocationTests {
    /// Hand-worked: 10 compartments, carrier A contracted 40 %, B 30 %, C none.
    @Test func quotasAreGuaranteedAndTheRestIsFirstCome() {
        let rule = AllocationRule.quotas(["A": 0.4, "B": 0.3])
        #expect(rule.problem == nil && AllocationRule.quotas(["A": 0.8, "B": 0.3]).problem != nil)
        // C may take the 3 unreserved; with A and B at nothing, 7 are reserved: C's 4th is refused.
        #expect(rule.allows("C", total: 10, inUse: ["C": 2]))
        #expect(!rule.allows("C", total: 10, inUse: ["C": 3]), "free 7, reserved for A and B 7")
        // A within its quota always; beyond it only when the free ones exceed B's unused quota.
        #expect(rule.allows("A", total: 10, inUse: ["A": 3, "C": 3]))
        #expect(!rule.allows("A", total: 10, inUse: ["A": 4, "C": 3]), "free 3, B's unused 3")
        #expect(rule.allows("A", total: 10, inUse: ["A": 4, "B": 1, "C": 2]), "free 3, B's unused 2")
        #expect(!AllocationRule.firstCome.allows("A", total: 2, inUse: ["B": 2]) && AllocationRule.firstCome.allows("A", total: 2, inUse: ["B": 1]))
    }
}
