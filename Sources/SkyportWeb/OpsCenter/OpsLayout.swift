import CommandCenter
import Foundation

/// The command center's page frame: header with the time range and the operator, the sections, and the
/// script that keeps them live.
struct OpsLayout {
    let assets: Assets

    func page(title: String, path: String, range: BoardRange?, operatorName: String?, csrf: String, stream: String?,
              sections: [(id: String, html: String)], now: Int64) -> String {
        let ranges = range.map { current in
            BoardRange.allCases.map { option in
                #"<a class="range\#(option == current ? " current" : "")" href="\#(path)?range=\#(option.rawValue)"\#(option == current ? #" aria-current="true""# : "")>\#(option.rawValue)</a>"#
            }.joined()
        } ?? ""
        let session = operatorName.map { name in
            """
            <form method="post" action="/ops/sign-out" class="sign-out"><input type="hidden" name="_csrf" value="\(HTML.escape(csrf))">\
            <span>\(HTML.escape(name))</span> <button type="submit">Sign out</button></form>
            """
        } ?? ""
        let body = sections.map { #"<section id="\#($0.id)">\#($0.html)</section>"# }.joined(separator: "\n")
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(title)) · Skyport command center</title><link rel="stylesheet" href="\(assets["ops.css"])">
            <link rel="icon" href="\(assets["icon.svg"])"><script src="\(assets["ops.js"])" defer></script></head>
            <body\(stream.map { #" data-stream="\#(HTML.escape($0))""# } ?? "")>
            <header><a class="brand" href="/ops\(range.map { "?range=\($0.rawValue)" } ?? "")">Skyport command center</a>\
            <h1>\(HTML.escape(title))</h1><nav class="ranges" aria-label="Time range">\(ranges)</nav>\
            <span class="updated" id="updated" data-live="\(stream == nil ? "off" : "connecting")">Updated \(OpsFormat.time(now))</span>\(session)</header>
            <main>
            \(body)
            </main></body></html>
            """
    }
}
