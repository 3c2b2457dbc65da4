import Accounting
import Accounts
import Booking
import Foundation
import HTTPTypes
import SQLKit
import SkyportApp
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

/// The command center's finance page: for the finance right only, and every figure on it what SQL over the ledger and
/// the booking engine's own tables says.
@Suite struct FinancePageTests {
    static func signIn(_ browser: Browser, token: String) async throws {
        let form = try await browser.get("/ops/sign-in")
        var fields = form.hiddenFields(of: "/ops/sign-in")
        fields["token"] = token
        _ = try await browser.post("/ops/sign-in", form: fields)
    }

    /// `data-figure="name" data-minor="n"` of the page, by name.
    static func figures(_ page: Browser.Page) -> [String: Int64] {
        var figures: [String: Int64] = [:]
        for match in page.body.matches(of: /data-figure="([^"]+)" data-minor="(-?[0-9]+)"/) { figures[String(match.1)] = Int64(match.2) }
        return figures
    }

    static func sum(_ database: any Database, _ query: SQLQueryString) async throws -> Int64 {
        try await database.read { sql in try await sql.raw(query).first()?.decode(column: "n", as: Int64?.self) ?? 0 }
    }

    @Test func theFinancePageShowsTheBooksAsSQLCountsThemToFinanceOnly() async throws {
        try await Browser.run { browser in
            let runtime = browser.runtime
            _ = try await Shop.buy(browser)
            _ = try await Shop.buy(browser, family: "Hopper")
            let poster = LedgerPoster(database: runtime.database, rules: PostingRules(), logger: TestDatabases.logger, now: runtime.now)
            while try await poster.postBatch() > 0 {}

            let tokens = OperatorTokens(database: runtime.database)
            let (_, operations) = try await tokens.create(name: "Ops duty", now: 1)
            try await Self.signIn(browser, token: operations)
            let refused = try await browser.get("/ops/finance")
            #expect(refused.status == .forbidden && refused.contains("finance right"))
            #expect(try await browser.get("/ops/finance/general-ledger?period=2026-12").status == .forbidden)

            let (_, finance) = try await tokens.create(name: "Revenue accounting", rights: [.finance], now: 1)
            try await Self.signIn(browser, token: finance)
            let page = try await browser.get("/ops/finance")
            #expect(page.status == .ok && page.contains("<h1>Finance</h1>"))
            let figures = Self.figures(page)
            let database = runtime.database
            // Written against the tables, not through the ledger's code.
            let debits = try await Self.sum(database, "SELECT CAST(SUM(debit) AS BIGINT) AS n FROM ledger_lines")
            let credits = try await Self.sum(database, "SELECT CAST(SUM(credit) AS BIGINT) AS n FROM ledger_lines")
            #expect(debits > 0 && figures["debits-USD"] == debits && figures["credits-USD"] == credits && debits == credits)
            #expect(page.contains(#"data-figure="balanced-USD">balanced"#))
            let liability = try await Self.sum(database, "SELECT CAST(SUM(credit - debit) AS BIGINT) AS n FROM ledger_lines WHERE account_kind = 'air_traffic_liability'")
            let fares = try await Self.sum(database, "SELECT CAST(SUM(f.base_amount) AS BIGINT) AS n FROM order_fares f JOIN orders o ON o.id = f.order_id WHERE o.status = 'confirmed'")
            #expect(figures["atl-ledger-USD"] == liability && liability == fares && figures["atl-coupons-USD"] == fares)
            #expect(figures["atl-difference-USD"] == 0)
            let taxes = try await Self.sum(database, "SELECT CAST(SUM(tax_amount) AS BIGINT) AS n FROM order_fares")
            #expect(figures["taxes-held-USD"] == taxes)
            let byCode = try await database.read { sql in
                try await sql.raw("SELECT taxes FROM order_fares").all().map { try $0.decode(column: "taxes", as: String.self) }
            }
            var perCode: [String: Int64] = [:]
            for part in byCode.flatMap({ $0.split(separator: ",") }) {
                let pieces = part.split(separator: ":")
                perCode[String(pieces[0]), default: 0] += Int64(pieces[1]) ?? 0
            }
            for (code, amount) in perCode { #expect(figures["tax-held-\(code)-USD"] == amount) }
            let captured = try await Self.sum(database, "SELECT CAST(SUM(amount) AS BIGINT) AS n FROM payments WHERE kind = 'capture'")
            #expect(figures["ledger-captures"] == captured && figures["processor-captures"] == captured)
            #expect(page.contains(#"data-figure="reconciliation-differences" data-count="0""#))

            // The month has not ended: the close is refused, and says why.
            var form = page.hiddenFields(of: "/ops/finance/close")
            form["period"] = "2026-12"
            let early = try await browser.post("/ops/finance/close", form: form)
            #expect(early.status == .conflict && early.contains("2026-12 has not ended yet."))
            let csv = try await browser.get("/ops/finance/general-ledger?period=2026-12&format=csv")
            #expect(csv.status == .ok && csv.body.hasPrefix("entry_id,accounting_date") && csv.headers[.contentDisposition]?.contains("general-ledger-2026-12.csv") == true)
            // The board shows what was sold and what was earned, side by side.
            let board = try await browser.get("/ops?range=7d")
            #expect(board.contains(#"<span class="label">Sold</span>"#) && board.contains(#"<span class="label">Earned</span>"#))

            // The flight leaves without them (nobody boarded): its fares are earned as no-shows, by route and cabin.
            let flights = try await database.read { sql in
                try await sql.raw("SELECT DISTINCT f.id, f.departs_at FROM flights f JOIN order_segments s ON s.flight_id = f.id").all().map {
                    (try $0.decode(column: "id", as: String.self), try $0.decode(column: "departs_at", as: Int64.self))
                }
            }
            for (flight, departsAt) in flights {
                try await database.transaction { sql in _ = try await FlightCoupons.recordDeparture(of: flight, at: departsAt, actor: "ops", on: sql) }
            }
            browser.clock.set(Date(timeIntervalSince1970: TimeInterval((flights.map(\.1).max() ?? 0) + 3_600)))
            while try await poster.postBatch() > 0 {}
            try await Self.signIn(browser, token: finance)  // days later: the session of twelve hours has ended
            let after = Self.figures(try await browser.get("/ops/finance"))
            #expect(after["atl-ledger-USD"] == 0 && after["earned-no_show_revenue-USD"] == fares)
            #expect(after["route-JFK-LAX-economy-USD"] == fares)
            #expect(after["tax-held-US-USD"] == perCode["US"])  // a no-show's taxes are still held, refundable
        }
    }
}
