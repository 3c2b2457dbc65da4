import Booking
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SQLKit
import SkyportApp
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

/// A browser for route tests: keeps cookies between requests, fills forms with their hidden
/// fields, and runs the whole application (API and site) over the fixture network.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    let runtime: SkyportRuntime
    let clock: MovableClock
    /// The SMTP relay the site sends its email through: every customer's inbox.
    let mail: SMTPSink
    private(set) var cookies: [String: String] = [:]
    var language = "en-US,en;q=0.9"

    init(client: any TestClientProtocol, runtime: SkyportRuntime, clock: MovableClock, mail: SMTPSink) {
        self.client = client
        self.runtime = runtime
        self.clock = clock
        self.mail = mail
    }

    /// The path of the last link the site emailed to `address` (the body is base64, as the site sends it).
    func emailedLink(to address: String) throws -> String {
        let body = try lastEmail(to: address).body
        let url = try #require(body.firstMatch(of: /https?:\/\/[^\/\s]+(\/\S*)/), "no link in: \(body)")
        return String(url.1)
    }

    /// The text of the last email the site sent to `address`.
    func lastEmail(to address: String) throws -> (subject: String, body: String) {
        let message = try #require(mail.received.last { $0.to.contains { $0.contains(address) } }, "no email to \(address)")
        let parts = message.data.components(separatedBy: "\r\n\r\n")
        let subjectLine = try #require(parts[0].components(separatedBy: "\r\n").first { $0.hasPrefix("Subject: ") })
        let subject = try #require(subjectLine.firstMatch(of: /=\?UTF-8\?B\?([^?]+)\?=/)).1
        let body = parts.dropFirst().joined().replacingOccurrences(of: "\r\n", with: "")
        return (String(decoding: try #require(Data(base64Encoded: String(subject))), as: UTF8.self),
                String(decoding: try #require(Data(base64Encoded: body)), as: UTF8.self))
    }

    /// Another browser on the same site (no cookies), as a second person would use it.
    func stranger() -> Browser { Browser(client: client, runtime: runtime, clock: clock, mail: mail) }

    /// Runs `body` against a fresh site; `environment` overrides the test configuration (an empty value unsets).
    static func run(engine: SQLEngine = .sqlite, environment: [String: String] = [:], _ body: @escaping @Sendable (Browser) async throws -> Void) async throws {
        try await TestDatabases.with(engine) { database in
            try await FixtureNetwork.seed(database)
            let mail = try await SMTPSink()
            let configuration = try SkyportConfiguration(environment: [
                "SKYPORT_DATABASE_URL": "sqlite:///unused/by/tests.sqlite", "SKYPORT_SECRET_KEY": BookingFixture.secret, "SKYPORT_BCRYPT_COST": "4",
                "SKYPORT_WEBHOOK_ALLOWED_ADDRESSES": "127.0.0.0/8", "SKYPORT_SMTP_URL": "smtp://127.0.0.1:\(mail.port)",
            ].merging(environment) { _, override in override })
            let clock = MovableClock(FixtureNetwork.now)
            let runtime = try SkyportRuntime(configuration: configuration, database: database, payments: TestPaymentProcessor(),
                                             clock: BookingClock { clock.now }, logger: TestDatabases.logger)
            let application = try await runtime.application()
            do {
                try await application.test(.router) { client in
                    try await body(Browser(client: client, runtime: runtime, clock: clock, mail: mail))
                }
            } catch {
                try? await mail.close()
                throw error
            }
            try await mail.close()
        }
    }

    struct Page {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: String
        var location: String? { headers[.location] }

        /// Every `name=value` of the hidden inputs of the form posting to `action`.
        func hiddenFields(of action: String) -> [String: String] {
            guard let start = body.range(of: "action=\"\(action)\"") else { return [:] }
            let form = body[start.upperBound...].prefix { _ in true }
            let end = form.range(of: "</form>")?.lowerBound ?? form.endIndex
            var fields: [String: String] = [:]
            let pattern = /<input type="hidden" name="([^"]+)" value="([^"]*)">/
            for match in form[..<end].matches(of: pattern) {
                fields[String(match.1)] = Browser.unescape(String(match.2))
            }
            return fields
        }

        func contains(_ text: String) -> Bool { body.contains(text) }
    }

    @discardableResult
    func get(_ uri: String, headers extra: HTTPFields = [:]) async throws -> Page {
        try await send(uri, method: .get, body: nil, headers: extra)
    }

    @discardableResult
    func post(_ uri: String, form: [String: String]) async throws -> Page {
        let body = form.map { "\(Self.escape($0.key))=\(Self.escape($0.value))" }.joined(separator: "&")
        return try await send(uri, method: .post, body: body, headers: [.contentType: "application/x-www-form-urlencoded"])
    }

    /// Orders in the database and seats sold over every flight, for checking what a request changed.
    func ordersAndSeatsSold() async throws -> (orders: Int, seats: Int) {
        try await runtime.database.read { sql in
            let row = try await sql.raw("""
                SELECT (SELECT COUNT(*) FROM orders) AS orders, (SELECT COALESCE(SUM(sold), 0) FROM flight_cabins) AS seats
                """).first()!
            return (try row.decode(column: "orders", as: Int.self), try row.decode(column: "seats", as: Int.self))
        }
    }

    /// The anti-forgery token this browser's pages carry.
    func csrf() async throws -> String {
        let page = try await get("/manage")
        return page.hiddenFields(of: "/manage")["_csrf"] ?? ""
    }

    private func send(_ uri: String, method: HTTPRequest.Method, body: String?, headers extra: HTTPFields) async throws -> Page {
        var headers = extra
        headers[.acceptLanguage] = language
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            for header in response.headers[values: .setCookie] {
                let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
                let name = String(pair[0]), value = pair.count > 1 ? String(pair[1]) : ""
                if value.isEmpty || header.contains("Max-Age=0") { self.cookies[name] = nil } else { self.cookies[name] = value }
            }
            return Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
        }
    }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~"))) ?? text
    }

    static func unescape(_ html: String) -> String {
        html.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
    }
}

/// The fixture's searches and a filled-in checkout.
enum Shop {
    static let day = FixtureNetwork.travelDay.iso
    static let oneWay = "/flights?from=JFK&to=LAX&trip=one_way&depart=\(day)&adults=1&children=0&infants=0&cabin=economy"

    /// The first checkout link of a results page.
    static func checkoutLink(_ page: Browser.Page, brand: String = "standard") -> String? {
        let pattern = /href="(\/checkout\?[^"]+)"/
        return page.body.matches(of: pattern).map { Browser.unescape(String($0.1)) }.first { $0.hasSuffix("~" + brand) }
    }

    /// The checkout form's hidden fields plus a valid passenger, contact and card.
    static func filled(_ page: Browser.Page, card: String = "4242424242424242", family: String = "Lovelace") -> [String: String] {
        var form = page.hiddenFields(of: "/checkout")
        form.merge([
            "passenger_0_given_name": "Ada", "passenger_0_family_name": family, "email": "ada@example.com", "phone": "+1 212 555 0100",
            "card_number": card, "card_expiry_month": "12", "card_expiry_year": "2030", "card_cvc": "123", "card_holder": "Ada Lovelace",
        ]) { _, new in new }
        return form
    }

    /// Searches, picks the first Standard fare and pays; returns the booking page's path.
    static func buy(_ browser: Browser, family: String = "Lovelace") async throws -> String {
        let results = try await browser.get(oneWay)
        let checkout = try await browser.get(try #require(checkoutLink(results)))
        let paid = try await browser.post("/checkout", form: filled(checkout, family: family))
        #expect(paid.status == .seeOther)
        return try #require(paid.location)
    }
}
