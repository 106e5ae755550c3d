import Domain
import Foundation
import Testing
import Zones
@testable import Pages

/// The catalogues hold the same keys in both languages, every key the pages use, and no markup.
@Suite struct CatalogueTests {
    let nb = Bundled.shared.catalogue(.nb), en = Bundled.shared.catalogue(.en)

    /// `{{t.key}}` in the templates and in the catalogues' own texts.
    var keysInTemplates: Set<String> {
        let texts = Array(Bundled.shared.templateTexts.values) + Array(nb.texts.values) + Array(en.texts.values)
        return Set(texts.flatMap { $0.matches(of: /\{\{\s*t\.([A-Za-z0-9_]+)\s*\}\}/).map { String($0.output.1) } })
    }

    /// The names of closed sets (states, roles, failures).
    var keysOfTerms: Set<String> {
        Set(ParcelStatus.catalogueKeys + StopState.catalogueKeys + PlanStatus.catalogueKeys + Role.catalogueKeys + LoginFailure.catalogueKeys
            + DeliveryProgress.catalogueKeys + WebhookDeliveryState.catalogueKeys + ImpactMeasure.catalogueKeys
            + ViolationCode.catalogueKeys + ZoneVehicle.Category.catalogueKeys)
    }

    /// Keys written in Pages' Swift code: string literals shaped like keys.
    var keysInCode: Set<String> {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/Pages").resolvingSymlinksInPath()
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        let code = files.compactMap { try? String(contentsOf: sources.appendingPathComponent($0), encoding: .utf8) }.joined()
        // The cookie's name and a key prefix are shaped like keys but are none.
        return Set(code.matches(of: /"([a-z]+(?:_[a-z0-9]+)+)"/).map { String($0.output.1) })
            .subtracting([Language.cookieName, LoginFailure.cataloguePrefix, ZoneVehicle.Category.cataloguePrefix])
    }

    @Test func bothLanguagesHaveTheSameKeys() {
        #expect(Set(nb.texts.keys).subtracting(en.texts.keys).isEmpty, "only in nb")
        #expect(Set(en.texts.keys).subtracting(nb.texts.keys).isEmpty, "only in en")
    }

    @Test func everyKeyUsedExists() {
        #expect(keysInCode.count > 5, "the code's keys are found")
        for key in keysInTemplates.union(keysOfTerms).union(keysInCode) {
            #expect(nb.texts[key] != nil, "\(key) is missing")
        }
    }

    @Test func everyKeyIsUsed() {
        // Error pages look their heading up by status.
        let used = keysInTemplates.union(keysOfTerms).union(keysInCode)
        let unused = Set(nb.texts.keys).subtracting(used).filter { !$0.hasPrefix("error_") || Int($0.dropFirst(6)) == nil }
        #expect(unused.isEmpty, "\(unused.sorted())")
    }

    /// Texts land in content and in quoted attributes (placeholders): they hold no markup.
    @Test func textsHoldNoMarkup() {
        for catalogue in [nb, en] {
            for (key, text) in catalogue.texts {
                #expect(!text.contains(where: { "<>&\"".contains($0) }), "\(catalogue.language) \(key): \(text)")
                #expect(!text.isEmpty && text == text.trimmingCharacters(in: .whitespaces), "\(catalogue.language) \(key)")
            }
        }
    }

    /// The bokmål catalogue is bokmål: the users' words, not English left behind.
    @Test func bokmålUsesTheUsersWords() {
        #expect(nb.texts["state_delivered"] == "levert" && nb.texts["role_driver"] == "sjåfør")
        let shared = nb.texts.filter { en.texts[$0.key] == $0.value }.map(\.key)
        // Only names and symbols read the same in both.
        #expect(Set(shared).isSubset(of: ["hub_plan", "report_series_co2e", "report_policy_variant", "state_sorted", "error_409", "impact_point_title"]), "\(shared.sorted())")
    }
}
