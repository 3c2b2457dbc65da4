import Foundation
import SkyportDomain

/// Checks an order request against its offer and the rules on names, contacts, ages and cards.
struct OrderValidator {
    let now: Date
    /// The local date today at the first origin.
    let today: LocalDate

    /// The genuine, unexpired claims of the request's offer.
    static func claims(of input: OrderInput, tokens: OfferToken, now: Date) throws -> OfferClaims {
        guard let id = input.offerId, !id.isEmpty else {
            throw ValidationFailure([.init(code: .missingField, field: "offer_id", message: "The id of the chosen offer is needed.")])
        }
        guard let claims = tokens.decode(id) else {
            throw ServiceError(.notFound, code: .offerNotFound, message: "No offer has this id.", field: "offer_id")
        }
        guard claims.expiresAt > Int64(now.timeIntervalSince1970) else {
            throw ServiceError(.conflict, code: .offerExpired, message: "The offer expired at \(APITime.utc(claims.expiresAt)); search again for a fresh price.", field: "offer_id")
        }
        return claims
    }

    /// Every issue with passengers, contact and payment, or the valid order.
    func validate(_ input: OrderInput, claims: OfferClaims, travelDates: ClosedRange<LocalDate>) throws -> ValidOrder {
        var issues: [ValidationIssue] = []
        let passengers = validPassengers(input.passengers, claims: claims, travelDates: travelDates, issues: &issues)

        var email = "", phone = ""
        if let contact = input.contact {
            if let normalized = contact.email.flatMap(ContactRules.normalizedEmail) { email = normalized } else {
                issues.append(.init(code: .invalidEmail, field: "contact.email", message: "Give an email address such as name@example.com."))
            }
            if let normalized = contact.phoneNumber.flatMap(ContactRules.normalizedPhone) { phone = normalized } else {
                issues.append(.init(code: .invalidPhoneNumber, field: "contact.phone_number", message: "Give the phone number in international form, e.g. +12125550123."))
            }
        } else {
            issues.append(.init(code: .missingField, field: "contact", message: "An email address and a phone number are needed."))
        }

        let miles = Self.milesUse(input.payment?.miles, issues: &issues)
        // With miles, a card is checked when given; whether one is needed depends on what the miles leave to pay.
        let card = input.payment?.miles != nil && input.payment?.card == nil ? nil : Self.validCard(input.payment?.card, now: now, issues: &issues)
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        return ValidOrder(claims: claims, passengers: passengers, email: email, phone: phone, card: card, miles: miles)
    }

    private static func milesUse(_ miles: OrderInput.Miles?, issues: inout [ValidationIssue]) -> MilesUse? {
        guard let miles else { return nil }
        guard let number = miles.membershipNumber.flatMap(MembershipNumber.init) else {
            issues.append(.init(code: .invalidMembershipNumber, field: "payment.miles.membership_number",
                                message: "A membership number is ten digits, the last a check digit."))
            return nil
        }
        switch (miles.award ?? false, miles.amount) {
        case (true, nil): return .award(number)
        case (false, let amount?) where amount > 0: return .part(number, miles: amount)
        case (true, _?):
            issues.append(.init(code: .invalidMiles, field: "payment.miles.amount",
                                message: "An award's miles come from the award chart: give award or amount, not both."))
        default:
            issues.append(.init(code: .invalidMiles, field: "payment.miles.amount",
                                message: "Give award: true for award seats, or the amount of miles (more than 0) towards the fare."))
        }
        return nil
    }

    private func validPassengers(_ raw: [OrderInput.Passenger]?, claims: OfferClaims, travelDates: ClosedRange<LocalDate>,
                                 issues: inout [ValidationIssue]) -> [ValidPassenger] {
        guard let raw else {
            issues.append(.init(code: .missingField, field: "passengers", message: "Name every passenger of the offer."))
            return []
        }
        var result: [ValidPassenger] = []
        for (index, passenger) in raw.enumerated() {
            let field = "passengers[\(index)]"
            let type = passenger.type.flatMap(PassengerType.init(rawValue:))
            if type == nil {
                issues.append(.init(code: .invalidPassengerType, field: "\(field).type", message: "A passenger type is adult, child or infant_without_seat."))
            }
            let given = passenger.givenName.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            let family = passenger.familyName.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            if !ContactRules.isValidName(given) {
                issues.append(.init(code: .invalidName, field: "\(field).given_name", message: "Names are 1 to 30 Latin letters, as in the passport; spaces, hyphens and apostrophes may separate them."))
            }
            if !ContactRules.isValidName(family) {
                issues.append(.init(code: .invalidName, field: "\(field).family_name", message: "Names are 1 to 30 Latin letters, as in the passport; spaces, hyphens and apostrophes may separate them."))
            }
            var birth: LocalDate?
            if let text = passenger.birthDate {
                birth = LocalDate(iso: text)
                if birth == nil { issues.append(.init(code: .invalidDate, field: "\(field).birth_date", message: "'\(text)' is not a date in the form YYYY-MM-DD.")) }
            }
            if let type, passenger.birthDate == nil || birth != nil,
               let issue = PassengerMix.birthDateIssue(type: type, birthDate: birth, firstTravelDate: travelDates.lowerBound,
                                                       lastTravelDate: travelDates.upperBound, today: today, field: "\(field).birth_date") {
                issues.append(issue)
            }
            if let type { result.append(ValidPassenger(type: type, givenName: given, familyName: family, birthDate: birth)) }
        }
        if result.count == raw.count, result.map(\.type).sorted(by: { $0.rawValue < $1.rawValue }) != claims.passengers.sorted(by: { $0.rawValue < $1.rawValue }) {
            let wanted = Dictionary(grouping: claims.passengers, by: \.self).map { "\($0.value.count) \($0.key.rawValue)" }.sorted().joined(separator: ", ")
            issues.append(.init(code: .passengersDoNotMatchOffer, field: "passengers", message: "The offer was priced for \(wanted)."))
        }
        return result
    }

    /// The card, or a validation failure with every issue found in it.
    static func card(_ card: OrderInput.Card, now: Date) throws -> PaymentCard {
        var issues: [ValidationIssue] = []
        guard let valid = validCard(card, now: now, issues: &issues) else { throw ValidationFailure(issues) }
        return valid
    }

    private static func validCard(_ card: OrderInput.Card?, now: Date, issues: inout [ValidationIssue]) -> PaymentCard? {
        guard let card else {
            issues.append(.init(code: .missingField, field: "payment.card", message: "Card details are needed to pay."))
            return nil
        }
        let before = issues.count
        let number = (card.number ?? "").filter { $0 != " " && $0 != "-" }
        if !(12...19).contains(number.count) || !number.allSatisfy({ $0.isASCII && $0.isNumber }) || !Luhn.isValid(number) {
            issues.append(.init(code: .invalidCardNumber, field: "payment.card.number", message: "The card number is not valid."))
        }
        let month = card.expiryMonth ?? 0, year = card.expiryYear ?? 0
        let current = WallClock.utc.localDate(of: now)
        if !(1...12).contains(month) || year < 2000 || year > current.year + 25 {
            issues.append(.init(code: .invalidExpiry, field: "payment.card.expiry_month", message: "Give the expiry month (1-12) and four-digit year."))
        } else if (year, month) < (current.year, current.month) {
            issues.append(.init(code: .cardExpired, field: "payment.card.expiry_year", message: "The card has expired."))
        }
        let cvc = card.cvc ?? ""
        if !(3...4).contains(cvc.count) || !cvc.allSatisfy({ $0.isASCII && $0.isNumber }) {
            issues.append(.init(code: .invalidCVC, field: "payment.card.cvc", message: "The security code is 3 or 4 digits."))
        }
        let holder = (card.holderName ?? "").trimmingCharacters(in: .whitespaces)
        if holder.isEmpty || holder.count > 60 {
            issues.append(.init(code: .invalidCardHolder, field: "payment.card.holder_name", message: "Give the name on the card."))
        }
        guard issues.count == before else { return nil }
        return PaymentCard(number: number, expiryMonth: month, expiryYear: year, cvc: cvc, holderName: holder)
    }
}
