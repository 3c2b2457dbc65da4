import Testing
@testable import SkyportDomain
import SkyportTestSupport

@Suite struct ValidationTests {
    @Test(arguments: ["Ada", "O'Neil", "Jean-Luc", "Van der Berg", "Li"])
    func validNames(_ name: String) { #expect(ContactRules.isValidName(name)) }

    @Test(arguments: ["", " Ada", "Ada ", "A--b", "Zoë", "이순신", "Robert'); DROP TABLE orders;--", String(repeating: "a", count: 31), "A1"])
    func invalidNames(_ name: String) { #expect(!ContactRules.isValidName(name)) }

    @Test func emails() {
        #expect(ContactRules.normalizedEmail(" Ada@Example.COM ") == "ada@example.com")
        for bad in ["ada", "ada@", "@example.com", "ada@example", "ada@exa mple.com", "ada@@example.com", "ada@example.c0m", "ada@-x.com"] {
            #expect(ContactRules.normalizedEmail(bad) == nil, "\(bad)")
        }
    }

    @Test func phones() {
        #expect(ContactRules.normalizedPhone("+44 20 7946 0958") == "+442079460958")
        #expect(ContactRules.normalizedPhone("+1 (212) 555-0123") == "+12125550123")
        for bad in ["2125550123", "+0123456789", "+1234", "+1234567890123456", "+1212555O123"] {
            #expect(ContactRules.normalizedPhone(bad) == nil, "\(bad)")
        }
    }

    @Test func passengerMixes() {
        #expect(PassengerMix.issues(for: [.adult]).isEmpty)
        #expect(PassengerMix.issues(for: []).map(\.code) == ["no_passengers"])
        #expect(PassengerMix.issues(for: Array(repeating: .adult, count: 10)).map(\.code) == ["too_many_passengers"])
        #expect(PassengerMix.issues(for: [.adult, .infantWithoutSeat, .infantWithoutSeat]).map(\.code) == ["too_many_infants"])
        #expect(PassengerMix.issues(for: [.child]).map(\.code) == ["adult_required"])
    }

    @Test func birthDatesMatchPassengerTypes() {
        let travel = LocalDate(year: 2026, month: 12, day: 8)!, today = LocalDate(year: 2026, month: 12, day: 1)!
        func issue(_ type: PassengerType, _ birth: String?) -> ServiceError.Code? {
            PassengerMix.birthDateIssue(type: type, birthDate: birth.flatMap { LocalDate(iso: $0) }, firstTravelDate: travel,
                                        lastTravelDate: travel, today: today, field: "f")?.code
        }
        #expect(issue(.adult, nil) == nil)
        #expect(issue(.adult, "2020-01-01") == "passenger_type_mismatch")
        #expect(issue(.child, nil) == "birth_date_required")
        #expect(issue(.child, "2018-03-01") == nil)
        #expect(issue(.child, "2025-03-01") == "passenger_type_mismatch")
        #expect(issue(.infantWithoutSeat, "2026-02-01") == nil)
        #expect(issue(.infantWithoutSeat, "2024-12-08") == "passenger_type_mismatch")
        #expect(issue(.infantWithoutSeat, "2026-12-05") == "invalid_birth_date")
    }
}
