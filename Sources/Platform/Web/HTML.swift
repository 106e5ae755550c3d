import Foundation
import Vapor

/// Small helpers to write server-rendered pages: escaping, the page frame, and responses.
enum HTML {
    /// Escapes text for HTML content and attribute values.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A hidden form field with the session's CSRF token.
    static func csrfField(_ caller: Caller?) -> String {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(escape(caller?.csrfToken ?? ""))\">"
    }

    static let style = """
        :root{--ink:#1d2733;--muted:#5d6b7a;--line:#d9e0e7;--accent:#0b6e4f;--bg:#f6f8fa}
        *{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
        header{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;padding:.6rem 1rem;background:#12324a;color:#fff}
        header a{color:#fff;text-decoration:none}header .who{margin-left:auto;font-size:.9rem;opacity:.9}
        header form{display:inline}header button{background:none;border:1px solid #fff8;color:#fff;border-radius:4px;padding:.2rem .6rem}
        main{padding:1rem;max-width:1200px;margin:auto}h1{font-size:1.4rem;margin:.2rem 0 1rem}h2{font-size:1.1rem;margin:1.4rem 0 .5rem}
        .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(130px,1fr));gap:.6rem}
        .card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.6rem .8rem}.card b{display:block;font-size:1.5rem}
        .card span{color:var(--muted);font-size:.85rem}
        table{border-collapse:collapse;width:100%;background:#fff;border:1px solid var(--line)}th,td{padding:.4rem .5rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
        th{background:#eef2f5;font-weight:600;font-size:.85rem}td.n{text-align:right;font-variant-numeric:tabular-nums}
        .swatch{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin-right:.3rem;vertical-align:middle}
        .map{background:#fff;border:1px solid var(--line);border-radius:6px;width:100%;height:auto}
        .btn,button.primary{background:var(--accent);color:#fff;border:0;border-radius:4px;padding:.45rem .9rem;font-size:.95rem;cursor:pointer}
        .notice{background:#fff8e1;border:1px solid #f0d48a;padding:.5rem .8rem;border-radius:6px;margin:.6rem 0}
        .error{background:#fdecea;border:1px solid #f5b7b1;padding:.5rem .8rem;border-radius:6px}
        .stop{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.7rem;margin:.6rem 0}
        .stop input[type=text]{width:100%;padding:.5rem;font-size:1rem;margin:.3rem 0}.stop .actions{display:flex;gap:.5rem;flex-wrap:wrap}
        .stop button{flex:1;min-height:2.8rem;font-size:1rem}.state{font-size:.8rem;padding:.1rem .4rem;border-radius:3px;background:#eef2f5}
        .state.delivered{background:#d4efdf}.state.failed{background:#fadbd8}
        form.login{max-width:340px;margin:3rem auto;background:#fff;padding:1.2rem;border:1px solid var(--line);border-radius:8px}
        form.login input{width:100%;padding:.5rem;margin:.2rem 0 .8rem;font-size:1rem}
        small,.muted{color:var(--muted)}footer{padding:1rem;color:var(--muted);font-size:.8rem;text-align:center}
        @media (max-width:600px){main{padding:.6rem}table{font-size:.85rem}}
        """

    /// A whole page: header with navigation for the caller, the content, and a footer.
    static func page(_ title: String, caller: Caller?, _ content: String) -> Response {
        var navigation = ""
        if let caller {
            navigation = """
                <nav><a href="/">Overview</a></nav>
                <span class="who">\(escape(caller.accountName)) · \(escape(caller.organisation.name.isEmpty ? caller.organisation.id : caller.organisation.name)) · \(caller.role.rawValue)</span>
                <form method="post" action="/logout">\(csrfField(caller))<button>Log out</button></form>
                """
        }
        let body = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
            <title>\(escape(title)) · Samlast</title><style>\(style)</style></head>
            <body><header><a href="/"><strong>Samlast</strong></a>\(navigation)</header><main>\(content)</main>
            <footer>Samlast — carrier-neutral city logistics. API: <a href="/openapi.json">/openapi.json</a></footer></body></html>
            """
        return Response(status: .ok, headers: ["Content-Type": "text/html; charset=utf-8"], body: .init(string: body))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: ["Location": location])
    }
}
