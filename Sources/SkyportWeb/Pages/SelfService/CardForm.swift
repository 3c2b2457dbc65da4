import Booking
import SkyportDomain

/// The card fields of a form that takes a payment (the purchase, seats and bags, a change), with what was entered
/// (never the security code) and its errors, and in test mode the cards that decide the outcome.
struct CardForm {
    struct TestCard {
        let number: String
        let outcome: String
    }

    let cardNumber: FormField
    let cardHolder: FormField
    let cardCVC: FormField
    let months: [SelectOption]
    let years: [SelectOption]
    let expiryError: String?
    let testCards: [TestCard]

    init(entered: FormData, errors: [String: String], site: WebSite, visit: Visit) {
        let t = visit.strings
        let today = WallClock.utc.localDate(of: site.clock.now)
        let month = Int(entered["card_expiry_month"] ?? "") ?? 0, year = Int(entered["card_expiry_year"] ?? "") ?? 0
        cardNumber = FormField("card_number", entered["card_number"] ?? "", errors: errors)
        cardHolder = FormField("card_holder", entered["card_holder"] ?? "", errors: errors)
        cardCVC = FormField("card_cvc", "", errors: errors)
        months = (1...12).map { SelectOption(value: "\($0)", label: $0 < 10 ? "0\($0)" : "\($0)", selected: $0 == month) }
        years = (today.year...today.year + 15).map { SelectOption(value: "\($0)", label: "\($0)", selected: $0 == year) }
        expiryError = errors["card_expiry"]
        testCards = site.renderer.testMode ? [
            TestCard(number: "4242 4242 4242 4242", outcome: t["test_card.approved"]),
            TestCard(number: "4000 0000 0000 0002", outcome: t["test_card.declined"]),
            TestCard(number: "4000 0000 0000 9995", outcome: t["test_card.insufficient_funds"]),
        ] : []
    }

    /// The card a form was submitted with.
    static func card(_ form: FormData) -> OrderInput.Card {
        OrderInput.Card(number: form.trimmed("card_number")?.filter { $0 != " " && $0 != "-" },
                        expiryMonth: form["card_expiry_month"].flatMap { Int($0) }, expiryYear: form["card_expiry_year"].flatMap { Int($0) },
                        cvc: form.trimmed("card_cvc"), holderName: form.trimmed("card_holder"))
    }

    /// The card when one was entered at all (a form where paying is needed only for some choices); nil for none.
    static func optionalCard(_ form: FormData) -> OrderInput.Card? {
        ["card_number", "card_cvc", "card_holder"].contains { !(form.trimmed($0) ?? "").isEmpty } ? card(form) : nil
    }
}
