import Foundation
import HTTPTypes
import SQLKit
import SkyportApp
import SkyportDomain
import SkyportStore
import SkyportTestSupport
@testable import SkyportWeb
import Testing

@Suite struct SiteBasicsTests {
    @Test func homePageIsSecureAndSetsTheBrowserCookie() async throws {
        try await Browser.run { browser in
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.headers[.contentType] == "text/html; charset=utf-8")
            let policy = try #require(home.headers[HTTPField.Name("Content-Security-Policy")!])
            #expect(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"))
            #expect(home.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
            let permissions = try #require(home.headers[HTTPField.Name("Permissions-Policy")!])
            #expect(permissions.contains("camera=()") && permissions.contains("geolocation=()") && permissions.contains("payment=()"))
            // Served over plain HTTP (the test configuration): no HSTS, which would lock a browser out of http://localhost.
            #expect(home.headers[HTTPField.Name("Strict-Transport-Security")!] == nil)
            let cookie = try #require(home.headers[values: .setCookie].first { $0.hasPrefix("sp_bid=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && !cookie.contains("Secure"))
            #expect(home.contains("<html lang=\"en\">"))
            #expect(home.contains("name=\"from\"") && home.contains("name=\"depart\"") && home.contains("name=\"infants\""))
            #expect(home.contains("<label for=\"f-from\">"))
            #expect(home.contains("data-suggestions"))
            #expect(!home.contains("style="), "inline styles would need 'unsafe-inline'")
            #expect(!home.contains("<script>"), "inline scripts would need 'unsafe-inline'")
        }
    }

    @Test func speaksKoreanFromAcceptLanguageAndTheSwitch() async throws {
        try await Browser.run { browser in
            browser.language = "ko-KR,ko;q=0.9"
            let korean = try await browser.get("/")
            #expect(korean.contains("<html lang=\"ko\">") && korean.contains("항공편 검색"))
            #expect(korean.contains("href=\"/language/en?next=%2F\""))
            let switched = try await browser.get("/language/en?next=/manage")
            #expect(switched.status == .seeOther && switched.location == "/manage")
            #expect(browser.cookies["sp_lang"] == "en")
            let english = try await browser.get("/manage")
            #expect(english.contains("<html lang=\"en\">") && english.contains("Find your booking"))
            let offsite = try await browser.get("/language/ko?next=//evil.example")
            #expect(offsite.location == "/")
            for next in ["/%09/evil.example", "/%0A/evil.example", "%2F%5Cevil.example"] {
                #expect(try await browser.get("/language/ko?next=\(next)").location == "/")
                #expect(try await browser.get("/account/sign-in?next=\(next)").hiddenFields(of: "/account/sign-in")["next"] == "/")
            }
            #expect(try await browser.get("/language/fr").status == .notFound)
        }
    }

    @Test func unknownPagesGetAFriendlyPageAndTheAPIKeepsJSON() async throws {
        try await Browser.run { browser in
            let missing = try await browser.get("/no/such/page")
            #expect(missing.status == .notFound)
            #expect(missing.contains("We can&#39;t find this page") || missing.contains("We can't find this page"))
            #expect(missing.contains("href=\"/\""))
            let api = try await browser.get("/v1/no-such-endpoint")
            #expect(api.status == .notFound)
            #expect(api.body.hasPrefix("{"))
        }
    }

    @Test func servesFingerprintedAssetsForAYear() async throws {
        try await Browser.run { browser in
            let home = try await browser.get("/")
            let match = try #require(home.body.firstMatch(of: /href="(\/assets\/app\.[0-9a-f]{10}\.css)"/))
            let css = try await browser.get(String(match.1))
            #expect(css.status == .ok)
            #expect(css.headers[.cacheControl] == "public, max-age=31536000, immutable")
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(try await browser.get("/assets/app.0000000000.css").status == .notFound)
        }
    }

    @Test func refusesAFormWithoutItsToken() async throws {
        try await Browser.run { browser in
            _ = try await browser.get("/")
            let forged = try await browser.post("/manage", form: ["booking_reference": "ABC123", "family_name": "X", "_csrf": "forged"])
            #expect(forged.status == .forbidden)
            #expect(forged.contains("This form has expired"))
        }
    }
}
