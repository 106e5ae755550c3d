import Testing
@testable import Pages

/// Each page shows what the web UI showed: the same forms (actions, methods, field names), the
/// same CSS classes, in the page's language.
@Suite struct PageTests {
    func render(_ page: some Page, _ language: Language = .en, layout: Layout = Samples.layout) -> String {
        Pages.render(page, language: language, layout: layout)
    }

    @Test func layoutShowsTheAccountTheLogOutFormAndTheLanguageSwitch() {
        let html = render(Samples.hubs, .nb)
        #expect(html.hasPrefix("<!doctype html><html lang=\"nb\">"))
        #expect(html.contains("<title>Terminaler · Samlast</title>"))
        #expect(html.contains("<span class=\"who\">Kari Nordmann · Fornebu HUB AS · skrivetilgang</span>"))
        #expect(html.contains(#"<form method="post" action="/logout"><input type="hidden" name="csrf" value="c5rf-t0ken"><button>Logg ut</button></form>"#))
        // The switch links back to this page with its query, the current language not a link.
        #expect(html.contains(#"<strong lang="nb">Norsk bokmål</strong>"#))
        #expect(html.contains(#"<a href="/ui/hubs/hub-a?date=2025-03-04&amp;lang=en" hreflang="en" lang="en">English</a>"#))
        #expect(html.contains(#"API: <a href="/openapi.json">/openapi.json</a>"#))
        #expect(render(Samples.hubs, .en).hasPrefix("<!doctype html><html lang=\"en\">"))
    }

    @Test func theLanguageSwitchStaysOnTheSite() {
        for (path, href) in [("//evil.example/x?lang=nb&a=1", "/evil.example/x?a=1&amp;lang=en"), ("javascript:alert(1)", "/javascript:alert(1)?lang=en"),
                             ("", "/?lang=en"), ("/ui/parcels?page=2&lang=nb", "/ui/parcels?page=2&amp;lang=en")] {
            #expect(render(Samples.hubs, .nb, layout: Layout(account: Samples.account, path: path)).contains("<a href=\"\(href)\""), "\(path)")
        }
    }

    /// No tag is left behind: a comment or section that does not close shows its text.
    @Test func everyPageRendersWithoutLeftoverTags() {
        let pages: [String] = [render(Samples.login), render(Samples.hubs), render(Samples.hub), render(Samples.driver), render(Samples.parcels),
                               render(Samples.municipality), render(Samples.error), render(Samples.teapot), render(Samples.report),
                               render(Samples.tracking), render(Samples.optOut), render(Samples.notice), render(Samples.webhooks)]
        for (index, html) in pages.enumerated() {
            // The stylesheet has its own braces.
            let body = html.components(separatedBy: "</head>").last ?? ""
            #expect(!body.contains("{{") && !body.contains("}}"), "page \(index)")
            #expect(html.hasSuffix("</body></html>\n") || html.hasSuffix("</body></html>"), "page \(index) is whole")
        }
    }

    @Test func loginPage() {
        let html = render(Samples.login, .en, layout: Layout(path: "/login"))
        #expect(html.contains(#"<form class="login" method="post" action="/login">"#))
        #expect(html.contains(#"name="email" autocomplete="username" required"#) && html.contains(#"name="password" autocomplete="current-password" required"#))
        #expect(html.contains(#"<input type="hidden" name="csrf" value="login-token-1">"#))
        #expect(html.contains("<p class=\"error\">Too many failed log-ins. Wait 30 seconds before you try again.</p>"))
        #expect(!html.contains("action=\"/logout\""), "nobody to log out")
        var plain = Samples.login
        plain.failure = nil
        #expect(!render(plain).contains("class=\"error\""))
        plain.failure = .wrongCredentials
        #expect(render(plain, .nb).contains("<p class=\"error\">Feil e-postadresse eller passord.</p>"))
    }

    @Test func hubList() {
        let html = render(Samples.hubs)
        #expect(html.contains(#"<tr><td><a href="/ui/hubs/hub-a">Fornebu HUB</a></td><td>hubco</td></tr>"#))
        #expect(html.contains(#"<a href="/ui/municipality">Aggregated figures</a>"#))
    }

    @Test func hubPageWithAPlan() {
        let html = render(Samples.hub)
        #expect(html.contains("<h1>Fornebu HUB — 2025-03-04</h1>"))
        #expect(html.contains(#"<form method="get"><label>Day <input type="date" name="date" value="2025-03-04"></label>"#))
        #expect(html.contains(#"<div class="card"><b>3</b><span>at hub</span></div>"#))
        #expect(html.contains(#"<form method="post" action="/ui/hubs/hub-a/plan"><input type="hidden" name="csrf" value="c5rf-t0ken">"#))
        #expect(html.contains(#"<input type="hidden" name="date" value="2025-03-04">"#) && html.contains("Re-plan (dispatched routes stay)"))
        #expect(html.contains("<p class=\"notice\">4 parcels at or announced to the hub are not in the current plan.</p>"))
        #expect(html.contains("<p class=\"error\">The latest planning run failed: the optimiser stopped: no vehicles</p>"))
        #expect(!html.contains("http-equiv=\"refresh\""), "a failed run does not reload the page")
        #expect(html.contains(#"Plan of 06:12 · 2 routes, 3 stops, 7 parcels, 18.3 km. <a href="/v1/plans/plan-42/geojson">GeoJSON</a>"#))
        #expect(html.contains("<svg class=\"map\""))
        #expect(html.contains(#"<span class="swatch" style="background:#1f77b4"></span>EL-01<br><small>e-van</small>"#))
        #expect(html.contains(#"<td class="n">212.5 kg (27 %)</td>"#))
        #expect(html.contains("Dispatched to Ola Hansen at 07:45"))
        #expect(html.contains(#"<form method="post" action="/ui/routes/route-2/dispatch"><input type="hidden" name="csrf" value="c5rf-t0ken">"#))
        #expect(html.contains(#"<select name="driverId"><option value="acc-ola">Ola Hansen</option><option value="acc-per">Per Berg</option></select> <button>Dispatch</button>"#))
        #expect(!html.contains("/ui/routes/route-1/dispatch"), "a dispatched route has no form")
        #expect(html.contains(#"1. Fornebu skole 08:20 <span class="state delivered">delivered</span><br>2. Storøya barnehage 08:55 <span class="state pending">pending</span></details>"#))
        #expect(html.contains(#"<span class="state partly-delivered">partly delivered</span>"#))
        #expect(html.contains("<h2>Not planned</h2><ul><li>2 parcels (A-009, A-010…): no vehicle can carry 900 kg</li></ul>"))
        #expect(html.contains(" · Roads © OpenStreetMap contributors (ODbL)</footer>"))
    }

    @Test func hubPageInBokmål() {
        let html = render(Samples.hub, .nb)
        #expect(html.contains("<td class=\"n\">212,5 kg (27 %)</td>") && html.contains("Tildelt Ola Hansen kl. 07:45"))
        #expect(html.contains("<b>3</b><span>på terminalen</span>") && html.contains("<button>Tildel</button>"))
        #expect(html.contains("Pakker på eller varslet til terminalen som ikke er med i gjeldende plan: 4."))
        #expect(html.contains("Veier © OpenStreetMap contributors (ODbL)"))
    }

    @Test func hubPageWhilePlanningAndWithoutPlan() {
        var page = Samples.hub
        page.plan = nil
        page.run = PlanProgress(status: .running, progress: 0.37)
        var html = render(page)
        #expect(html.contains(#"<meta http-equiv="refresh" content="2">"#) && html.contains("Planning… 37 % (running). This page refreshes itself."))
        #expect(html.contains("<button class=\"primary\">Plan the day</button>") && !html.contains("<svg"))
        #expect(!html.contains("not in the current plan") && !html.contains("No plan for"), "no current plan: nothing outside it")
        #expect(!html.contains("OpenStreetMap"), "no map, no attribution")
        page.run = nil
        page.mayEdit = false
        html = render(page)
        #expect(html.contains("<p class=\"muted\">No plan for 2025-03-04 yet.</p>") && !html.contains("/plan\""))
        page.plan = Samples.plan
        html = render(page)
        #expect(!html.contains("<select") && html.contains("not dispatched"), "a viewer cannot dispatch")
    }

    @Test func driverPage() {
        let html = render(Samples.driver)
        #expect(html.contains("<h2>EL-01 · leaves 08:00 · 12.4 km</h2>"))
        #expect(html.contains(#"<div class="stop"><strong>2. Storøya barnehage</strong> <span class="state pending">pending</span><br>"#))
        #expect(html.contains("<small>Storøyveien 3 · ETA 08:55 · 2 parcels: A-002, B-001</small>"))
        #expect(html.contains("<br><small>Access: Port kode 1234, varemottak bak</small>"))
        #expect(html.contains(#"<form method="post" action="/ui/routes/route-1/stops/1"><input type="hidden" name="csrf" value="c5rf-t0ken">"#))
        #expect(html.contains(#"<input type="text" name="receiverName" placeholder="Received by (name)">"#) && html.contains(#"name="reason""#))
        #expect(html.contains(#"<button class="primary" name="outcome" value="delivered">Delivered</button>"#) && html.contains(#"name="outcome" value="failed""#))
        #expect(!html.contains("/ui/routes/route-1/stops/0"), "a delivered stop has no form")
        #expect(render(DriverPage(routes: []), .nb).contains("<p>Ingen rute er tildelt deg.</p>"))
        #expect(render(Samples.driver, .nb).contains("ca. kl. 08:55 · pakker (2): A-002, B-001"))
    }

    @Test func parcelsPage() {
        let html = render(Samples.parcels)
        #expect(html.contains("<title>Parcels of Carrier A · Samlast</title>") && html.contains("<h1>Parcels of Carrier A</h1>"))
        #expect(html.contains("<p class=\"muted\">45 parcels · page 1 of 3</p>"))
        #expect(html.contains(#"<tr><td>A-001</td><td><span class="state at-hub">at hub</span></td>"#))
        #expect(html.contains("<td>Fornebu skole</td><td>carrier-a</td><td>08:20</td><td>2025-03-04 06:02</td>"))
        #expect(html.contains(#"<p><a href="/ui/parcels?page=2">Next page</a></p>"#))
        var last = Samples.parcels
        (last.page, last.isRecipient) = (3, true)
        let recipient = render(last, .nb)
        #expect(recipient.contains("<h1>Leveranser til Carrier A</h1>") && !recipient.contains("page=4") && recipient.contains("side 3 av 3"))
        #expect(render(ParcelsPage(organisationName: "X", isRecipient: false, total: 0, page: 1, perPage: 20, parcels: [])).contains("0 parcels · page 1 of 1"))
    }

    @Test func footprintsPage() {
        let html = render(Samples.footprints, .en)
        // The total in grams like the rows (0.000675 kg = 0.7 g), with parcels and mass.
        #expect(html.contains(#"<th colspan="3">Total</th><th class="n">2</th><th class="n">9.0</th><th></th><th class="n">0.7</th>"#), "\(html)")
        #expect(html.contains(#"href="/v1/footprints/ileap?from=2025-03-03&amp;to=2025-03-09""#))
    }

    @Test func municipalityPage() {
        let html = render(Samples.municipality, .nb)
        #expect(html.contains("<h1>Samlastede leveranser i Bærum kommune</h1>"))
        #expect(html.contains(#"<input type="date" name="from" value="2025-03-01">"#) && html.contains(#"<input type="date" name="to" value="2025-03-31">"#))
        // What consolidation saved: both systems, the saving, the noise, the trend of the weeks not withheld.
        #expect(html.contains(#"<tr><td>Kjøretøy-km (medregnet tilbringer)</td><td class="n">512,3</td><td class="n">1380,5</td><td class="n">868,2</td><td class="n">62,9</td></tr>"#))
        #expect(html.contains("mellom 1360,2 og 1402,9 km"))
        #expect(html.contains("<svg") && html.contains("2025-W11: 351,7 km") && !html.contains("2025-W12: "))
        #expect(html.contains("Uker holdt tilbake (færre enn tre transportører): 2025-W12") && html.contains("Dager som ikke kunne regnes ut: 2025-03-14"))
        #expect(html.contains(#"href="/v1/impact.csv?from=2025-03-01&amp;to=2025-03-31""#) && html.contains(#"href="/ui/municipality/report?month=2025-03""#))
        #expect(html.contains(#"<td class="n">310</td><td class="n">296</td><td class="n">6</td><td class="n">118</td>"#))
        #expect(html.contains(#"<td class="n">2,5</td><td class="n">41</td><td class="n">512,3</td>"#))
        #expect(html.contains("<td>e-cargo-bike: 140,2 km<br>e-van: 372,1 km</td>"))
        #expect(html.contains(#"<td colspan="8" class="muted">Holdt tilbake: færre enn 3 transportører brukte terminalen i perioden.</td>"#))
    }

    @Test func errorPage() {
        #expect(render(Samples.error, .nb).contains("<h1>Finnes ikke</h1><p class=\"error\">hub &#39;hub-b&#39; was not found</p>"))
        #expect(render(Samples.error, .nb).contains(#"<a href="/">Tilbake til oversikten</a>"#))
        #expect(render(Samples.teapot).contains("<title>I&#39;m a teapot · Samlast</title>"))
    }

    @Test func reportIsSelfContained() {
        let html = Pages.render(Samples.report, language: .en)
        #expect(html.hasPrefix("<!doctype html>\n<html lang=\"en\">") && !html.contains("http://") && !html.contains("https://"))
        #expect(!html.contains("<header>") && !html.contains("/logout"), "no web layout")
        #expect(html.contains("<title>Fornebu 2025 — Samlast impact report</title>"))
        #expect(html.contains("3 recipients, 2 carriers, 2 working days: 24 deliveries with 48 parcels. Emission factors: table 2025.1."))
        #expect(html.contains("<th>KPI</th><th>direct</th><th>all via hub</th><th>evening</th><th>Definition</th>"))
        #expect(html.contains(#"<td>412</td><td>256 <small class="better">(-38 %)</small></td>"#))
        #expect(html.contains(#"<td>2.40 <small class="better">(+100 %)</small></td>"#))
        #expect(html.contains("<td>not given</td>"))
        #expect(html.contains(">0 % via hub</text>") && html.contains(">100 % via hub</text>") && html.contains(">variant 1</text>"))
        #expect(html.contains("<title>Vehicles/day: 120 % of direct</title>"), "bars stop at 120 %")
        #expect(html.components(separatedBy: "<figure><svg").count == 3)
        #expect(html.contains("<figcaption>evening: 1 vehicle routes."))
        #expect(html.contains("<li>KPMG (2024), Fornebu HUB evaluation</li>") && html.contains("Road data © OpenStreetMap contributors. Made with Samlast."))
        let bokmål = Pages.render(Samples.report, language: .nb)
        #expect(bokmål.contains("<h2>Nøkkeltall</h2>") && bokmål.contains(">100 % via terminal</text>") && bokmål.contains("<td>2,40 "))
    }
}
