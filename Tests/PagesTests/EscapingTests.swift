import Foundation
import Testing
@testable import Pages

/// Every text of every page model is shown escaped, whatever it holds; only markup Pages drew
/// itself is shown unescaped.
@Suite struct EscapingTests {
    /// Puts each payload into each text of the sample, one text at a time, and checks the page
    /// shows it as text (escaped, and shown at all unless its path starts with one in `hidden`).
    func expectEveryTextEscaped<Model: Page & Codable>(_ sample: Shown<Model>, hidden: Set<String> = [],
                                                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let texts = Set(XSSPayloads.textFields(of: sample).map(\.path))
        #expect(!texts.isEmpty, "the sample has texts to probe", sourceLocation: sourceLocation)
        for payload in XSSPayloads.all {
            let probes = try XSSPayloads.probes(of: sample, payload: payload)
            #expect(Set(probes.map(\.path)) == texts, "every stored text is probed", sourceLocation: sourceLocation)
            for (path, probe) in probes {
                for language in Language.allCases {
                    let problems = XSSPayloads.problems(in: probe.render(language), showing: payload)
                        .filter { problem in !(hidden.contains { path.hasPrefix($0) } && problem.hasPrefix("does not show")) }
                    #expect(problems.isEmpty, "\(Model.template) \(path) (\(language)): \(problems)", sourceLocation: sourceLocation)
                }
            }
        }
    }

    @Test func loginPage() throws { try expectEveryTextEscaped(Shown(page: Samples.login, layout: Layout(path: "/login?failed=1"))) }
    @Test func hubList() throws { try expectEveryTextEscaped(Shown(page: Samples.hubs)) }
    @Test func hubPage() throws {
        // The dispatched route has no form, so its id shows nowhere.
        try expectEveryTextEscaped(Shown(page: Samples.hub), hidden: ["page.plan.routes[0].id"])
    }
    @Test func driverPage() throws { try expectEveryTextEscaped(Shown(page: Samples.driver)) }
    @Test func parcelsPage() throws { try expectEveryTextEscaped(Shown(page: Samples.parcels)) }
    @Test func municipalityPage() throws { try expectEveryTextEscaped(Shown(page: Samples.municipality)) }
    @Test func footprintsPage() throws { try expectEveryTextEscaped(Shown(page: Samples.footprints)) }
    @Test func zonesPage() throws { try expectEveryTextEscaped(Shown(page: Samples.zones), hidden: ["page.bays[0].id"]) }
    // The id of a permit only names its form's address.
    @Test func permitInbox() throws { try expectEveryTextEscaped(Shown(page: Samples.permits), hidden: ["page.permits[0].id"]) }
    @Test func bayOccupancy() throws { try expectEveryTextEscaped(Shown(page: Samples.bays), hidden: ["page.bays[0].id"]) }
    // The council's report is a document of its own, without the web layout.
    @Test func zoneReport() throws { try expectEveryTextEscaped(Shown(page: Samples.zoneReport), hidden: ["layout."]) }
    @Test func councilReport() throws { try expectEveryTextEscaped(Shown(page: Samples.councilReport), hidden: ["layout."]) }
    @Test func errorPage() throws { try expectEveryTextEscaped(Shown(page: Samples.teapot)) }
    // Only the log's state picks a filter link, and the shown subscription's id only its links.
    @Test func webhookLog() throws { try expectEveryTextEscaped(Shown(page: Samples.webhooks)) }
    @Test func trackingPage() throws { try expectEveryTextEscaped(Shown(page: Samples.tracking)) }
    @Test func optOutPage() throws { try expectEveryTextEscaped(Shown(page: Samples.optOut)) }
    // The HTML mail is a document of its own, without the web layout; a base address that is
    // not http(s) is dropped from its links.
    @Test func noticeMail() throws { try expectEveryTextEscaped(Shown(page: Samples.notice), hidden: ["layout.", "page.baseURL"]) }
    @Test func report() throws {
        // The report has no web layout, and a vehicle type only picks its route's colour.
        try expectEveryTextEscaped(Shown(page: Samples.report), hidden: ["layout.", "page.maps[0].vehicleTypes", "page.maps[1].vehicleTypes"])
    }

    @Test func theProbeFindsAnUnescapedField() {
        let payload = XSSPayloads.all[0]
        #expect(!XSSPayloads.problems(in: "<p>\(payload)</p>", showing: payload).isEmpty)
        #expect(!XSSPayloads.problems(in: "<a href=\"javascript:alert(1)\">x</a>", showing: "javascript:alert(1)").isEmpty)
        #expect(XSSPayloads.problems(in: "<p>\(HTMLText.escape(payload))</p>", showing: payload).isEmpty)
    }

    @Test func theEscaperEscapesTheFiveCharactersAndNothingElse() {
        #expect(HTMLText.escape(#"<a href="x" title='y'>Ø & Æ</a>"#) == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Ø &amp; Æ&lt;/a&gt;")
    }

    /// `{{{ }}}` and `{{& }}` appear only for the fields Pages derives as markup.
    @Test func unescapedTagsShowOnlyMarkupPagesDrew() {
        let unescaped = /\{\{\{\s*([^}\s]+)\s*\}\}\}|\{\{&\s*([^}\s]+)\s*\}\}/
        var used: Set<String> = []
        for (name, text) in Bundled.shared.templateTexts {
            for match in text.matches(of: unescaped) {
                let field = String(match.output.1 ?? match.output.2 ?? "")
                #expect(Pages.markupFields.contains(field), "\(name).mustache shows \(field) unescaped")
                used.insert(field)
            }
        }
        #expect(used == Pages.markupFields, "every allowed field is used, so the list does not outgrow the templates")
        for language in Language.allCases {
            #expect(!Bundled.shared.catalogue(language).texts.values.contains { $0.contains("{{{") || $0.contains("{{&") })
        }
    }

    /// A server cannot fill a markup field: no page model stores one.
    @Test func noModelStoresAMarkupField() {
        func labels(_ value: Any) -> [String] {
            Mirror(reflecting: value).children.flatMap { child in (child.label.map { [$0] } ?? []) + labels(child.value) }
        }
        let models: [Any] = [Samples.login, Samples.hubs, Samples.hub, Samples.driver, Samples.parcels, Samples.municipality,
                             Samples.councilReport, Samples.footprints, Samples.zones, Samples.zoneReport, Samples.permits, Samples.bays, Samples.teapot, Samples.report, Samples.layout]
        for model in models {
            #expect(Pages.markupFields.isDisjoint(with: labels(model)), "\(type(of: model))")
        }
    }

    @Test func mustacheInDataIsNotEvaluated() {
        var page = Samples.hubs
        page.hubs[0].name = "{{#layout}}{{account.csrfToken}}{{/layout}}"
        let html = Pages.render(page, language: .nb, layout: Samples.layout)
        #expect(html.contains("{{#layout}}{{account.csrfToken}}{{/layout}}"))
    }
}
