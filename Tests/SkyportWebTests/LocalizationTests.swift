import Foundation
import HTTPTypes
import SQLKit
import SkyportApp
import SkyportDomain
import SkyportStore
import SkyportTestSupport
@testable import SkyportWeb
import Testing

@Suite struct LocalizationTests {
    @Test func negotiatesTheLanguageFromAcceptLanguage() {
        #expect(Language.negotiate("ko-KR,ko;q=0.9,en-US;q=0.8") == .korean)
        #expect(Language.negotiate("en-GB,ko;q=0.5") == .english)
        #expect(Language.negotiate("fr-FR,ko;q=0.3,en;q=0.2") == .korean)
        #expect(Language.negotiate("de, fr") == .english)
        #expect(Language.negotiate("ko;q=0") == .english)
        #expect(Language.negotiate(nil) == .english)
    }

    @Test func bothLanguagesHaveEveryStringAndTheTemplatesUseOnlyKnownOnes() throws {
        let strings = try Strings.bundled()
        let english = try #require(strings[.english]), korean = try #require(strings[.korean])
        #expect(Set(english.table.keys) == Set(korean.table.keys))
        #expect(english.table.values.allSatisfy { !$0.isEmpty } && korean.table.values.allSatisfy { !$0.isEmpty })
        let directory = try #require(PageRenderer.templatesDirectory)
        let templates = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".mustache") }
        #expect(templates.count >= 10)
        for name in templates {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            for match in text.matches(of: /\{\{[#^\/]?t\.([a-z_.]+)\}\}/) {
                let key = String(match.1)
                #expect(english.table[key] != nil, "\(name) uses t.\(key), which en.json lacks")
            }
        }
    }

    @Test func formatsMoneyDatesTimesAndDurationsPerLanguage() {
        let english = LocaleFormat(language: .english), korean = LocaleFormat(language: .korean)
        let price = Money(minorUnits: 123_456, currency: .usd)
        #expect(english.money(price) == "$1,234.56")
        #expect(korean.money(price) == "US$1,234.56")
        #expect(english.money(Money(minorUnits: 5, currency: .usd)) == "$0.05")
        let date = LocalDate(year: 2026, month: 12, day: 8)!
        #expect(english.longDate(date) == "Tue, Dec 8, 2026")
        #expect(korean.longDate(date) == "2026년 12월 8일 (화)")
        #expect(english.time(hour: 0, minute: 5) == "12:05 AM")
        #expect(english.time(hour: 13, minute: 30) == "1:30 PM")
        #expect(korean.time(hour: 13, minute: 30) == "오후 1:30")
        #expect(english.duration(minutes: 330) == "5h 30m")
        #expect(korean.duration(minutes: 45) == "45분")
        #expect(english.localDateTime("2026-12-08T17:05:00")?.time == "5:05 PM")
        #expect(english.localDateTime("garbage") == nil)
    }

    @Test func parsesDecimalAmounts() {
        #expect(Money(decimalString: "123.40", currency: .usd)?.minorUnits == 12_340)
        #expect(Money(decimalString: "-5.00", currency: .usd)?.minorUnits == -500)
        #expect(Money(decimalString: "1.5", currency: .usd) == nil)
        #expect(Money(decimalString: "12a.00", currency: .usd) == nil)
    }

    @Test func keepsRedirectsOnThisSite() {
        #expect(SafeRedirect.path("/bookings/ord_1?x=1") == "/bookings/ord_1?x=1")
        #expect(SafeRedirect.path("//evil.example") == "/")
        #expect(SafeRedirect.path("/\\evil.example") == "/")
        #expect(SafeRedirect.path("https://evil.example") == "/")
        #expect(SafeRedirect.path(nil) == "/")
    }

    @Test(arguments: ["/\t/evil.example", "/\n/evil.example", " //evil.example", "/\r\n/evil.example", "/./evil.example",
                      "/a//evil.example", "/a/../b", "/a\\b", "/\u{0}x", "/é", "relative", ""])
    func refusesRedirectsThatAreNotCanonicalLocalPaths(next: String) {
        #expect(SafeRedirect.path(next) == "/")
    }

    @Test(arguments: ["/", "/account", "/account/", "/bookings/ord_1?x=1&next=//x", "/results?from=JFK#top", "/manage?q=%2F%2F"])
    func keepsCanonicalLocalPaths(next: String) {
        #expect(SafeRedirect.path(next) == next)
    }

    @Test func parsesFormBodies() {
        let form = FormData(encoded: "a=1&b=two+words&c=%E2%9C%88&a=2&=x&d")
        #expect(form["a"] == "1")
        #expect(form["b"] == "two words")
        #expect(form["c"] == "✈")
        #expect(form["d"] == "")
        #expect(form.trimmed("d") == nil)
    }
}
