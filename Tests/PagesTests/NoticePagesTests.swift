import Domain
import Testing
@testable import Pages

/// The recipient's pages and messages: the tracking page shows the progress and the window,
/// messages say the same in each language, plain text unescaped and HTML escaped.
@Suite struct NoticePagesTests {
    @Test func trackingPageShowsProgressWindowAndHub() {
        let html = Pages.render(Samples.tracking, language: .nb)
        #expect(html.contains("Levering til Oksenøya skole"))
        #expect(html.contains("<span class=\"state on-the-way\">På vei</span>"))
        #expect(html.contains("<li class=\"reached\">Planlagt</li><li class=\"reached current\">På vei</li><li class=\"\">Levert</li>"), "\(html)")
        #expect(html.contains("Ventet 2026-12-03 mellom 09:45 og 10:45."))
        #expect(html.contains("4 pakker, fra alle transportørene samlet."))
        #expect(html.contains("Lenken virker til og med 2026-12-10."))
        var failed = Samples.tracking
        (failed.progress, failed.finishedAt) = (.notDelivered, "10:20")
        let english = Pages.render(failed, language: .en)
        #expect(english.contains("<li class=\"reached\">Planned</li><li class=\"reached\">On the way</li><li class=\"reached current\">Not delivered</li>"))
        #expect(english.contains("Not delivered</span> · at 10:20"))
    }

    @Test func optOutAsksWithAButtonThenSaysItIsDone() {
        let ask = Pages.render(Samples.optOut, language: .en)
        #expect(ask.contains("<form method=\"post\" action=\"/u/abcdefghijklmnopqrstuvwxyz0\">") && ask.contains("Opt out"))
        let done = Pages.render(OptOutPage(stage: .done, token: "x"), language: .nb)
        #expect(done.contains("Du er meldt av") && !done.contains("<form method=\"post\" action=\"/u/"))
    }

    @Test func noticesInBothLanguages() {
        let nb = Samples.notice.rendered(in: .nb)
        #expect(nb.subject == "Levering fra Fornebu HUB 2026-12-03 mellom 09:45 og 10:45")
        #expect(nb.text.hasPrefix("1 pakke til Oksenøya skole & SFO kommer med Fornebu HUB 2026-12-03 mellom 09:45 og 10:45."), "plain text is not escaped: \(nb.text)")
        #expect(nb.text.contains("Følg leveringen: https://samlast.example.no/t/abc") && nb.text.contains("https://samlast.example.no/u/def"))
        #expect(nb.html.contains("Oksenøya skole &amp; SFO") && nb.html.contains("href=\"https://samlast.example.no/t/abc\""))
        #expect(nb.sms == "Fornebu HUB: 1 pakke til Oksenøya skole & SFO 2026-12-03 kl. 09:45–10:45. Følg: https://samlast.example.no/t/abc Ingen flere varsler: https://samlast.example.no/u/def")
        var several = Samples.notice
        several.parcelCount = 3
        let en = several.rendered(in: .en)
        #expect(en.text.hasPrefix("3 parcels for Oksenøya skole & SFO will arrive with Fornebu HUB on 2026-12-03 between 09:45 and 10:45."))
        #expect(en.html.hasPrefix("<!doctype html><html lang=\"en\">"))
    }
}
