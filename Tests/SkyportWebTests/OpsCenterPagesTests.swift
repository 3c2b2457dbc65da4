import Accounts
import CommandCenter
import Maintenance
import Foundation
import HTTPTypes
import Prediction
import SkyportApp
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import HummingbirdTesting
import Testing

@Suite struct OpsCenterPagesTests {
    func signIn(_ browser: Browser, token: String) async throws -> Browser.Page {
        let form = try await browser.get("/ops/sign-in?next=%2Fops%2Fbusiness")
        var fields = form.hiddenFields(of: "/ops/sign-in")
        fields["token"] = token
        return try await browser.post("/ops/sign-in", form: fields)
    }

    @Test func theCommandCenterNeedsAnOperatorAndShowsEveryModuleLight() async throws {
        try await Browser.run { browser in
            let anonymous = try await browser.get("/ops?range=6h")
            #expect(anonymous.status == .seeOther && anonymous.location == "/ops/sign-in?next=%2Fops%3Frange%3D6h")
            #expect(try await browser.get("/ops/stream").status == .unauthorized)

            let refused = try await signIn(browser, token: "sop_" + String(repeating: "0", count: 64))
            #expect(refused.status == .unauthorized && refused.contains("unknown or revoked"))
            let forged = try await browser.post("/ops/sign-in", form: ["token": "sop_x", "_csrf": "forged"])
            #expect(forged.status == .forbidden && forged.contains("The form expired"))

            let (person, token) = try await OperatorTokens(database: browser.runtime.database).create(name: "Duty manager", now: 1)
            let signedIn = try await signIn(browser, token: token)
            #expect(signedIn.status == .seeOther && signedIn.location == "/ops/business")

            let board = try await browser.get("/ops")
            #expect(board.status == .ok && board.contains("Duty manager"))
            #expect(board.body.matches(of: /<a class="card service/).count == SkyportModules.catalogue.modules.count)
            #expect(board.body.matches(of: /<svg class="chart"/).count > SkyportModules.catalogue.modules.count)
            for section in ["alerts", "services", "business", "weather", "disruptions", "model", "notifications", "objectives"] {
                #expect(board.contains(#"<section id="\#(section)">"#), "\(section)")
            }
            #expect(board.contains(#"data-stream="/ops/stream?range=1h&amp;view=%2Fops""#))
            #expect(board.body.utf8.count < 100_000)
            #expect(board.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("script-src 'self'") == true)

            for path in ["/ops/services/booking?range=15m", "/ops/business?range=7d", "/ops/alerts", "/ops/slos?range=24h"] {
                #expect(try await browser.get(path).status == .ok, "\(path)")
            }
            #expect(try await browser.get("/ops/services/payments").status == .notFound)
            #expect(try await browser.get("/ops?range=2d").status == .unprocessableContent)

            // A revoked token ends the session at the next view.
            #expect(try await OperatorTokens(database: browser.runtime.database).revoke(id: person.id, now: 2))
            #expect(try await browser.get("/ops").status == .seeOther)
        }
    }

    /// Guessing tokens is cut off per client after ten failures (even a right token then waits).
    /// The Models page lists every product of the ML platform (what it predicts, champion and challenger with their
    /// test figures beside the baselines, data period, drift and realized quality), and the board's model tile has a
    /// row per product.
    @Test func theModelsPageListsEveryProductWithItsFiguresBesideTheBaselines() async throws {
        try await Browser.run { browser in
            let champion = try await WeatherDelayModel.installChampion(in: browser.runtime.database, now: browser.runtime.now())
            await browser.runtime.commandCenter.evaluateOnce()
            let names = browser.runtime.prediction.catalog.names.map(\.rawValue)
            #expect(browser.runtime.commandCenter.figures?.models.map(\.name) == names)
            let (_, token) = try await OperatorTokens(database: browser.runtime.database).create(name: "Fleet planner", now: 1)
            _ = try await signIn(browser, token: token)

            let page = try await browser.get("/ops/models?range=24h")
            #expect(page.status == .ok && page.contains("<h1>Models</h1>"))
            for name in names {
                #expect(page.contains(#"<section id="model-\#(name)">"#), "\(name) has its section")
            }
            // The delay champion with its test figures beside its baselines and its data period; the others say how to train one.
            #expect(page.contains("champion v\(champion.version)") && page.contains("<th>schedule + weather</th>") && page.contains("<th>AUC</th>"))
            #expect(page.contains("train 2013-01-01 to 2013-02-28") && page.contains("The champion in service"))
            #expect(page.contains("<code>skyport train cancellation-risk</code>") && page.contains("<code>skyport train engine-life</code>"))

            let board = try await browser.get("/ops")
            #expect(board.contains(#"<a href="/ops/models?range=1h">Models</a>"#))
            for name in names {
                #expect(board.contains(#"<a href="/ops/models?range=1h#model-\#(name)">\#(name)</a>"#), "\(name) has a row on the board")
            }
            #expect(try await browser.get("/ops/models/nothing").status == .notFound)
        }
    }

    /// The maintenance page lists the engines whose interval starts within the cycles asked for, with their dates.
    @Test func theMaintenancePageListsTheEnginesDueWithTheirIntervalsAndDates() async throws {
        try await Browser.run { browser in
            let runtime = browser.runtime
            let (_, data) = try await QuickEngineLifeModel.get()
            #expect(try await runtime.engineFleet.importDemonstration(Array(data.test.prefix(6))) == 6)
            let (_, token) = try await OperatorTokens(database: runtime.database).create(name: "Maintenance control", now: 1)
            _ = try await signIn(browser, token: token)
            let before = try await browser.get("/ops/maintenance?within=400")
            #expect(before.status == .ok && before.contains("No engine of the 6 in the fleet is due within 400 cycles"), "no champion: nothing is predicted")

            try await QuickEngineLifeModel.installChampion(in: runtime.database, now: runtime.now())
            let page = try await browser.get("/ops/maintenance?within=400")
            #expect(page.status == .ok && page.contains("<h1>Maintenance</h1>") && page.contains("6 of 6"))
            let engines = try await runtime.engineFleet.engines()
            let soonest = try #require(engines.first?.due)
            #expect(page.contains("<th>\(engines[0].id)</th>") && page.contains("(\(String(format: "%.0f", soonest.lowerCycles))–"))
            let narrow = try await browser.get("/ops/maintenance?within=\(Int(soonest.lowerCycles.rounded(.up)))")
            #expect(narrow.contains("<th>\(engines[0].id)</th>") && !narrow.contains("6 of 6"))
            #expect(try await browser.get("/ops/maintenance?within=0").status == .unprocessableContent)
            #expect(try await browser.get("/ops").contains(#"<a href="/ops/maintenance">engines due</a>"#))
        }
    }

    /// The planning page lists every route's forecast seats beside its last days, from the demand champion.
    @Test func thePlanningPageListsEveryRouteForecastBesideItsLastDays() async throws {
        try await Browser.run { browser in
            let runtime = browser.runtime
            let (_, token) = try await OperatorTokens(database: runtime.database).create(name: "Network planning", now: 1)
            _ = try await signIn(browser, token: token)
            let before = try await browser.get("/ops/planning")
            #expect(before.status == .ok && before.contains("No demand model is champion yet"))

            try await SyntheticRouteTraffic.seed(runtime.database)
            try await SyntheticRouteTraffic.installChampion(runtime.prediction.demand, registry: runtime.prediction.registry)
            let page = try await browser.get("/ops/planning?days=14")
            #expect(page.status == .ok && page.contains("<h1>Demand planning</h1>") && page.contains("3 routes"))
            #expect(page.contains("<th>JFK–LAX</th>") && page.contains("2013-05-21 to 2013-06-03") && page.contains("2013-05-07 to 2013-05-20"))
            let origin = try await browser.get("/ops/planning?days=14&origin=lga")
            #expect(origin.contains("1 route ·") && origin.contains("<th>LGA–ORD</th>") && !origin.contains("<th>JFK–LAX</th>"))
            #expect(try await browser.get("/ops/planning?days=0").status == .unprocessableContent)
            #expect(try await browser.get("/ops/planning?origin=NEWYORK").status == .unprocessableContent)
            #expect(try await browser.get("/ops").contains(#"<a href="/ops/planning">demand planning</a>"#))
        }
    }

    @Test func failedSignInsAreLimitedPerClient() async throws {
        try await Browser.run { browser in
            let (_, token) = try await OperatorTokens(database: browser.runtime.database).create(name: "Night shift", now: 1)
            for _ in 0..<10 {
                #expect(try await signIn(browser, token: "sop_" + String(repeating: "1", count: 64)).status == .unauthorized)
            }
            let limited = try await signIn(browser, token: token)
            #expect(limited.status == .tooManyRequests && limited.contains("Too many failed attempts"))
            #expect(browser.cookies["sp_ops"] == nil)
            browser.clock.advance(by: 16 * 60)
            #expect(try await signIn(browser, token: token).status == .seeOther)
        }
    }

    /// A cookie copied before signing out opens nothing afterwards, on any instance: the session ended server-side.
    @Test(arguments: TestDatabases.engines)
    func signingOutEndsTheSessionEverywhere(engine: SQLEngine) async throws {
        try await Browser.run(engine: engine) { browser in
            let (_, token) = try await OperatorTokens(database: browser.runtime.database).create(name: "Night shift", now: 1)
            _ = try await signIn(browser, token: token)
            let copied = try #require(browser.cookies["sp_ops"])
            let before = try await browser.client.execute(uri: "/ops", method: .get, headers: [.cookie: "sp_ops=\(copied)"])
            #expect(before.status == .ok)
            let board = try await browser.get("/ops")
            let signOut = try await browser.post("/ops/sign-out", form: board.hiddenFields(of: "/ops/sign-out"))
            #expect(signOut.status == .seeOther && signOut.location == "/ops/sign-in")
            let after = try await browser.client.execute(uri: "/ops", method: .get, headers: [.cookie: "sp_ops=\(copied)"])
            #expect(after.status == .seeOther)
            let stream = try await browser.client.execute(uri: "/ops/stream", method: .get, headers: [.cookie: "sp_ops=\(copied)"])
            #expect(stream.status == .unauthorized)
        }
    }

    @Test func aTamperedSessionCookieIsNotASession() async throws {
        try await Browser.run { browser in
            let (_, token) = try await OperatorTokens(database: browser.runtime.database).create(name: "Night shift", now: 1)
            _ = try await signIn(browser, token: token)
            let cookie = try #require(browser.cookies["sp_ops"])
            // Another session's token under the same signature.
            let tampered = "sos_" + String(repeating: "0", count: 64) + "~" + cookie.split(separator: "~", maxSplits: 1)[1]
            let real = try await browser.client.execute(uri: "/ops", method: .get, headers: [.cookie: "sp_ops=\(cookie)"])
            #expect(real.status == .ok)
            let forged = try await browser.client.execute(uri: "/ops", method: .get, headers: [.cookie: "sp_ops=\(tampered)"])
            #expect(forged.status == .seeOther)
        }
    }
}
