/// Small pieces for the HTML documents Gallra writes for people: escaped text and one page
/// layout, readable on screen and on paper.
public enum HTML {
    public static func escape(_ text: String) -> String {
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

    /// A whole page: `body` is already HTML.
    public static func page(title: String, language: Language, body: String, landscape: Bool = false) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        \(style)\(landscape ? wide : "")
        </style>
        </head>
        <body>
        <main>
        \(body)
        </main>
        </body>
        </html>

        """
    }

    /// `<dt>`/`<dd>` pairs, skipping empty values; the values are already HTML.
    static func definitions(_ pairs: [(String, String?)]) -> String {
        let items = pairs.compactMap { term, value in
            value.flatMap { $0.isEmpty ? nil : "<dt>\(escape(term))</dt><dd>\($0)</dd>" }
        }
        return items.isEmpty ? "" : "<dl>\n" + items.joined(separator: "\n") + "\n</dl>"
    }

    static func table(headers: [String], rows: [[String]]) -> String {
        let head = headers.map { "<th scope=\"col\">\(escape($0))</th>" }.joined()
        let body = rows.map { "<tr>" + $0.map { "<td>\($0)</td>" }.joined() + "</tr>" }.joined(separator: "\n")
        return "<table>\n<thead><tr>\(head)</tr></thead>\n<tbody>\n\(body)\n</tbody>\n</table>"
    }

    /// For wide tables: the page is wider on screen and turned on paper.
    static let wide = """

        main { max-width: none; padding: 1.5rem 1.5rem 3rem; }
        table { font-size: .8rem; }
        th, td { padding: .35rem .4rem; min-width: 7em; overflow-wrap: anywhere; hyphens: auto; }
        @page { size: A4 landscape; margin: 12mm; }
        """

    static let style = """
        :root { color-scheme: light; }
        body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
               color: #1d2329; background: #f6f7f8; margin: 0; }
        main { max-width: 52rem; margin: 0 auto; padding: 2.5rem 2rem 4rem; background: #fff; }
        h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .4rem; }
        h2 { font-size: 1.3rem; margin: 2.2rem 0 .5rem; padding-top: 1rem; border-top: 1px solid #d9dde1; }
        h3 { font-size: 1.05rem; margin: 1.4rem 0 .3rem; }
        p.lead { color: #4a5560; margin-top: 0; }
        dl { display: grid; grid-template-columns: minmax(9rem, max-content) 1fr; gap: .35rem 1.2rem; margin: .8rem 0; }
        dt { font-weight: 600; color: #39434d; }
        dd { margin: 0; }
        table { border-collapse: collapse; width: 100%; margin: .8rem 0 1.2rem; font-size: .95rem; }
        th, td { text-align: left; vertical-align: top; padding: .45rem .6rem; border-bottom: 1px solid #e3e6e9; }
        th { background: #eef1f4; font-weight: 600; }
        .note { background: #fff6dc; border-left: 4px solid #e0a800; padding: .6rem .9rem; margin: .8rem 0; }
        .muted { color: #5f6b76; font-size: .92rem; }
        ul.rights li { margin: .3rem 0; }
        p.act a { display: inline-block; padding: .55rem 1rem; border-radius: 6px; background: #1f5fa8; color: #fff;
                  font-weight: 600; text-decoration: none; }
        dd, td { overflow-wrap: anywhere; }
        @media (max-width: 40rem) { main { padding: 1.25rem 1rem 3rem; } h1 { font-size: 1.5rem; }
                                    dl { grid-template-columns: 1fr; gap: .1rem; } dd { margin-bottom: .5rem; }
                                    table { display: block; overflow-x: auto; } }
        @media print { body { background: #fff; } main { padding: 0; max-width: none; }
                       h2 { break-after: avoid; } table, dl { break-inside: avoid; } }
        """
}
