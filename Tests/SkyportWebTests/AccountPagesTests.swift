import Foundation
import HTTPTypes
import SQLKit
import SkyportApp
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

@Suite struct AccountPagesTests {
    static func signUp(_ browser: Browser, email: String = "ada@example.com", password: String = "correct horse battery") async throws -> Browser.Page {
        let token = try await browser.csrf()
        return try await browser.post("/account/sign-up", form: [
            "_csrf": token, "email": email, "password": password, "given_name": "Ada", "family_name": "Lovelace", "next": "/account",
        ])
    }

    @Test func signsUpWithABcryptHashAndSignsInAndOut() async throws {
        try await Browser.run { browser in
            let created = try await Self.signUp(browser)
            #expect(created.status == .seeOther && created.location == "/account")
            let cookie = try #require(created.headers[values: .setCookie].first { $0.hasPrefix("sp_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"))
            let hash = try await browser.runtime.database.read { sql in
                try await sql.raw("SELECT password_hash FROM customers").first()!.decode(column: "password_hash", as: String.self)
            }
            #expect(hash.hasPrefix("$2b$") && !hash.contains("horse"))
            let account = try await browser.get("/account")
            #expect(account.status == .ok && account.contains("ada@example.com") && account.contains("My trips"))

            let token = try await browser.csrf()
            #expect(try await browser.post("/account/sign-out", form: ["_csrf": token]).status == .seeOther)
            #expect(try await browser.get("/account").location == "/account/sign-in?next=/account")
            let wrong = try await browser.post("/account/sign-in", form: ["_csrf": token, "email": "ada@example.com", "password": "wrong password"])
            #expect(wrong.status == .unauthorized && wrong.contains("The email or the password is wrong."))
            #expect(wrong.contains("value=\"ada@example.com\""))
            let right = try await browser.post("/account/sign-in", form: ["_csrf": token, "email": "ADA@example.com", "password": "correct horse battery", "next": "/manage"])
            #expect(right.status == .seeOther && right.location == "/manage")
        }
    }

    @Test func signUpErrorsAreShownByField() async throws {
        try await Browser.run { browser in
            let page = try await Self.signUp(browser, email: "nope", password: "short")
            #expect(page.status == .unprocessableContent)
            #expect(page.contains("id=\"email-error\"") && page.contains("id=\"password-error\""))
            #expect(page.contains("value=\"nope\""))
            _ = try await Self.signUp(browser, email: "ada@example.com")
            let twice = try await Self.signUp(Browser(client: browser.client, runtime: browser.runtime, clock: browser.clock), email: "ada@example.com")
            #expect(twice.status == .conflict && twice.contains("An account with this email exists"))
        }
    }

    @Test func rateLimitsSignInAttemptsPerEmail() async throws {
        try await Browser.run { browser in
            _ = try await Self.signUp(browser)
            let other = Browser(client: browser.client, runtime: browser.runtime, clock: browser.clock)
            let token = try await other.csrf()
            for _ in 0..<5 {
                let failed = try await other.post("/account/sign-in", form: ["_csrf": token, "email": "ada@example.com", "password": "guess guess guess"])
                #expect(failed.status == .unauthorized)
            }
            let blocked = try await other.post("/account/sign-in", form: ["_csrf": token, "email": "ada@example.com", "password": "correct horse battery"])
            #expect(blocked.status == .tooManyRequests && blocked.contains("Too many failed attempts"))
            browser.clock.advance(by: 16 * 60)
            let later = try await other.post("/account/sign-in", form: ["_csrf": token, "email": "ada@example.com", "password": "correct horse battery"])
            #expect(later.status == .seeOther)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aGuestBookingCanBeAddedToTheAccountLater(engine: SQLEngine) async throws {
        try await Browser.run(engine: engine) { browser in
            let bookingPath = String(try await Shop.buy(browser).prefix { $0 != "?" })
            _ = try await Self.signUp(browser)
            let account = try await browser.get("/account")
            #expect(account.contains("Bookings on this device, not yet in your account") && account.contains(bookingPath + "/attach"))
            let booking = try await browser.get(bookingPath)
            let attached = try await browser.post(bookingPath + "/attach", form: booking.hiddenFields(of: bookingPath + "/attach"))
            #expect(attached.location == bookingPath + "?notice=attached")
            let trips = try await browser.get("/account")
            #expect(trips.contains("Upcoming trips") && trips.contains("JFK → LAX") && !trips.contains(bookingPath + "/attach"))

            // Another customer cannot take it over, even knowing its reference.
            let other = Browser(client: browser.client, runtime: browser.runtime, clock: browser.clock)
            _ = try await Self.signUp(other, email: "grace@example.com")
            #expect(try await other.get(bookingPath).status == .notFound)
        }
    }

    @Test func aSignedInPurchaseIsFiledUnderTheAccount() async throws {
        try await Browser.run { browser in
            _ = try await Self.signUp(browser)
            _ = try await Shop.buy(browser)
            let owner = try await browser.runtime.database.read { sql in
                try await sql.raw("SELECT customer_id FROM orders").first()!.decode(column: "customer_id", as: String?.self)
            }
            #expect(owner?.hasPrefix("cus_") == true)
        }
    }

    @Test func updatesTheProfile() async throws {
        try await Browser.run { browser in
            _ = try await Self.signUp(browser)
            let page = try await browser.get("/account")
            var form = page.hiddenFields(of: "/account/profile")
            form.merge(["given_name": "Augusta", "family_name": "King", "phone": "+44 20 7946 0000", "preferred_language": "ko"]) { _, new in new }
            let saved = try await browser.post("/account/profile", form: form)
            #expect(saved.location == "/account?notice=profile_saved")
            let korean = try await browser.get("/account?notice=profile_saved")
            #expect(korean.contains("lang=\"ko\"") && korean.contains("AUGUSTA KING") && korean.contains("프로필이 저장되었습니다"))
            form["phone"] = "12345"
            let bad = try await browser.post("/account/profile", form: form)
            #expect(bad.status == .unprocessableContent && bad.contains("id=\"phone-error\""))
        }
    }
}
