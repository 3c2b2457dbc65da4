import Foundation
import HTTPTypes
import SQLKit
import SkyportApp
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

@Suite struct AccountPagesTests {
    /// Fills in the sign-up form (`next` as given) and answers "check your inbox".
    static func requestSignUp(_ browser: Browser, email: String = "ada@example.com", given: String = "Ada", family: String = "Lovelace",
                              next: String = "/account") async throws -> Browser.Page {
        let token = try await browser.csrf()
        return try await browser.post("/account/sign-up", form: [
            "_csrf": token, "email": email, "given_name": given, "family_name": family, "next": next,
        ])
    }

    /// Signs up as a customer does: the form, the link in the email, the password; answers the last redirect.
    static func signUp(_ browser: Browser, email: String = "ada@example.com", given: String = "Ada", family: String = "Lovelace",
                       password: String = "correct horse battery") async throws -> Browser.Page {
        let sent = try await requestSignUp(browser, email: email, given: given, family: family)
        #expect(sent.status == .ok && sent.contains("Check your inbox"))
        let opened = try await browser.get(try browser.emailedLink(to: email))
        #expect(opened.location == "/account/confirm")
        let form = try await browser.get("/account/confirm")
        var fields = form.hiddenFields(of: "/account/confirm")
        fields["password"] = password
        return try await browser.post("/account/confirm", form: fields)
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
            let page = try await Self.requestSignUp(browser, email: "nope", given: "")
            #expect(page.status == .unprocessableContent)
            #expect(page.contains("id=\"email-error\"") && page.contains("id=\"given_name-error\""))
            #expect(page.contains("value=\"nope\""))
            #expect(browser.mail.received.isEmpty)
            _ = try await Self.requestSignUp(browser)
            _ = try await browser.get(try browser.emailedLink(to: "ada@example.com"))
            var fields = try await browser.get("/account/confirm").hiddenFields(of: "/account/confirm")
            fields["password"] = "short"
            let short = try await browser.post("/account/confirm", form: fields)
            #expect(short.status == .unprocessableContent && short.contains("id=\"password-error\""))
            fields["password"] = "correct horse battery"
            #expect(try await browser.post("/account/confirm", form: fields).location == "/account")
        }
    }

    /// The page cannot tell an email with an account from a new one: the same status and the same text. Only the
    /// email differs, and only its owner reads it.
    @Test func signUpAnswersAlikeWhetherOrNotTheEmailHasAnAccount() async throws {
        try await Browser.run { browser in
            _ = try await Self.signUp(browser)
            let stranger = browser.stranger()
            let taken = try await Self.requestSignUp(stranger, email: "ada@example.com", given: "Eve", family: "Mallory")
            let fresh = try await Self.requestSignUp(stranger, email: "grace@example.com", given: "Eve", family: "Mallory")
            #expect(taken.status == .ok && fresh.status == taken.status)
            #expect(taken.body.replacingOccurrences(of: "ada@example.com", with: "grace@example.com") == fresh.body)
            let owner = try browser.lastEmail(to: "ada@example.com")
            #expect(owner.subject == "You already have a Skyport account" && owner.body.contains("Hello Ada,"))
            #expect(try browser.emailedLink(to: "ada@example.com") == "/account/sign-in")
            #expect(try browser.lastEmail(to: "grace@example.com").subject == "Choose your Skyport password")
            // The stranger who used Ada's email has no way into her account: no session, no link.
            #expect(try await stranger.get("/account").location == "/account/sign-in?next=/account")
        }
    }

    /// The link's token leaves the address bar at once (into a cookie for the confirm page only), so that no
    /// referrer, history entry or analytics event carries it; a used or forged link says it no longer works.
    @Test func theEmailedLinkWorksOnceAndLeavesTheAddressBar() async throws {
        try await Browser.run { browser in
            _ = try await Self.requestSignUp(browser, next: "/manage")
            let link = try browser.emailedLink(to: "ada@example.com")
            #expect(link.hasPrefix("/account/confirm?token=ssu_"))
            let opened = try await browser.get(link)
            #expect(opened.status == .seeOther && opened.location == "/account/confirm")
            let cookie = try #require(opened.headers[values: .setCookie].first { $0.hasPrefix("sp_signup=ssu_") })
            #expect(cookie.contains("Path=/account/confirm") && cookie.contains("HttpOnly"))
            let form = try await browser.get("/account/confirm")
            #expect(form.status == .ok && form.contains("For the account of ada@example.com.") && !form.contains("ssu_"))
            var fields = form.hiddenFields(of: "/account/confirm")
            fields["password"] = "correct horse battery"
            let done = try await browser.post("/account/confirm", form: fields)
            #expect(done.location == "/manage" && done.headers[values: .setCookie].contains { $0.hasPrefix("sp_session=sst_") })

            let again = browser.stranger()
            _ = try await again.get(link)
            let used = try await again.get("/account/confirm")
            #expect(used.status == .notFound && used.contains("This link no longer works"))
            let forged = browser.stranger()
            _ = try await forged.get("/account/confirm?token=%0d%0aSet-Cookie:%20x=1")
            #expect(try await forged.get("/account/confirm").status == .notFound)
        }
    }

    /// A deployment on HTTPS without a relay does not write sign-up links to its log: sign-up says the email
    /// cannot be sent now. On plain HTTP (a newcomer's machine) the log gets the email instead.
    @Test func withoutARelayAnHTTPSSiteRefusesSignUpRatherThanLogTheLink() async throws {
        try await Browser.run(environment: ["SKYPORT_SMTP_URL": "", "SKYPORT_PUBLIC_URL": "https://fly.example"]) { browser in
            let page = try await Self.requestSignUp(browser)
            #expect(page.status == .serviceUnavailable && page.contains("We could not send the email just now."))
            #expect(page.contains("value=\"ada@example.com\""), "what was typed is kept for the retry")
        }
    }

    @Test func rateLimitsSignInAttemptsPerEmail() async throws {
        try await Browser.run { browser in
            _ = try await Self.signUp(browser)
            let other = browser.stranger()
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
            let other = browser.stranger()
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
