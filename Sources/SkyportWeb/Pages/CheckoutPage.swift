import Accounts
import Booking
import Foundation
import Hummingbird
import Loyalty
import SkyportDomain
import SkyportHTTP
import SkyportStore

/// Step 2 of the purchase on one page: passengers, contact, payment, the price and the fare's
/// conditions. `GET /checkout` prices the picked flights into a fresh offer; `POST /checkout`
/// books it. The form carries an idempotency key, so a double submit makes one order.
struct CheckoutPage: Sendable {
    let site: WebSite

    struct Model {
        let hidden: [HiddenField]
        let slices: [ItineraryView.Slice]
        let brandName: String
        let conditions: [String]
        let passengers: [PassengerForm]
        let email: FormField
        let phone: FormField
        let card: CardForm
        let priceLines: [PriceLine]
        let total: String
        let heldUntil: String
        let formError: String?
        let signedIn: Bool
        /// Paying with miles, for a signed-in member.
        let miles: MilesForm?
        /// Seats and bags, optional, on this same page.
        let choices: [ServiceChoices.Flight]
        /// The fare total in minor units, what the running total adds seats and bags to.
        let baseMinorUnits: Int64
        let currency: String
        let currencyDigits: Int
    }

    struct PassengerForm {
        let index: Int
        let heading: String
        let type: String
        let given: FormField
        let family: FormField
        let birth: FormField
        let birthRequired: Bool
    }

    /// The member's choice of paying with miles: not at all, an award (where the offer has one), or miles towards the fare.
    struct MilesForm {
        let balance: String
        let award: String?
        let noneChecked: Bool
        let awardChecked: Bool
        let partChecked: Bool
        let amount: FormField
        let step: Int
        /// What an award takes off the offer's total, minor units: all but its cash.
        let awardOff: Int64
        /// The fares before taxes in minor units: the most miles towards the fare can pay.
        let fareMinorUnits: Int64
        /// What 1,000 miles pay, minor units.
        let valuePerThousand: Int64
    }

    struct PriceLine {
        let label: String
        let amount: String
    }

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/checkout") { request, context -> HTMLResponse in
            let visit = try await site.visits.resolve(request, context: context)
            let values = FormData(query: request).values
            return try await show(values: values, entered: FormData(), errors: [:], formError: nil, visit: visit, status: .ok)
        }
        router.post("/checkout") { request, context in try await pay(request, context: context) }
    }

    private func pay(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        var visit = try await site.visits.resolve(request, context: context)
        let form = try await site.checkedForm(request, visit: visit)
        guard let key = form["idempotency_key"], key.utf8.count == 32, key.utf8.allSatisfy({ $0 < 128 && ($0 == 95 || $0 >= 48) }) else {
            throw WebError.forgedForm
        }
        let flights = ["out", "ret"].compactMap { form[$0] }.compactMap(Self.selection).map(\.flightID)
        let input = orderInput(form, flights: flights, member: try await member(of: visit))
        let requests = (seats: input.seats ?? [], bags: input.bags ?? [])
        func serviceField(_ field: String?) -> String {
            ServiceChoices.formField(field, requests: requests, flights: flights) ?? Self.formField(field)
        }
        do {
            let created = try await site.booking.orders.create(
                input, idempotencyKey: "web_" + key, requestHash: SHA256Hex.digest(Data((key + "|" + (form["offer_id"] ?? "")).utf8)), customerID: visit.customer?.id,
                language: visit.strings.language.rawValue)
            site.visits.remember(created.order.id, in: &visit)
            return .redirect(to: "/bookings/\(created.order.id)?new=1", cookies: visit.cookies)
        } catch let failure as ValidationFailure {
            let errors = visit.fieldErrors(failure.issues, field: serviceField)
            return try await show(values: form.values, entered: form, errors: errors, formError: errors["_form"] ?? visit.strings["checkout.fix_errors"],
                                  visit: visit, status: .unprocessableContent)
        } catch let error as ServiceError {
            let search = "/flights?" + SearchQuery(form.values).encoded
            switch (error.kind, error.code) {
            case (.paymentFailed, _), (_, .awardNotAvailable), (_, .milesNeedSignIn), (_, .paymentMethodNotAccepted):
                let field = error.field?.hasPrefix("payment.miles") == true || error.code == .awardNotAvailable ? "miles_amount" : "card_number"
                return try await show(values: form.values, entered: form, errors: [field: visit.message(for: error)],
                                      formError: visit.message(for: error), visit: visit, status: APIError.status(for: error.kind))
            case (_, .seatUnavailable), (_, .seatNotFound), (_, .seatNotAllowed), (_, .tooManyBags), (_, .invalidServiceRequest):
                let field = serviceField(error.field)
                return try await show(values: form.values, entered: form, errors: [field: visit.message(for: error)],
                                      formError: visit.message(for: error), visit: visit, status: APIError.status(for: error.kind))
            case (_, .offerExpired), (_, .offerRepriced):
                throw WebError.offerExpired(searchPath: search)
            case (_, .soldOut), (_, .offerNoLongerAvailable), (_, .offerNotFound):
                throw WebError.soldOut(searchPath: search)
            default:
                throw error
            }
        }
    }

    /// Prices the picked flights and renders the form with what was entered and its errors.
    private func show(values: [String: String], entered: FormData, errors: [String: String], formError: String?, visit: Visit,
                      status: HTTPResponse.Status) async throws -> HTMLResponse {
        let search = SearchQuery(values)
        let searchPath = "/flights?" + search.encoded
        let snapshot = try await site.booking.network.current()
        let (input, issues) = search.offerRequest(airports: snapshot.served)
        let selections = ["out", "ret"].compactMap { values[$0] }.compactMap(Self.selection)
        guard issues.isEmpty, !selections.isEmpty else { return .redirect(to: searchPath, cookies: visit.cookies) }
        let offer: OfferView
        do {
            offer = try await site.booking.shopping.offer(input, selections: selections)
        } catch let error as ServiceError {
            switch error.code {
            case .mixedFareBrands, .invalidSelection: return .redirect(to: searchPath + "&notice=" + error.code.rawValue, cookies: visit.cookies)
            default: throw WebError.soldOut(searchPath: searchPath)
            }
        } catch is ValidationFailure {
            return .redirect(to: searchPath, cookies: visit.cookies)
        }
        let member = try await member(of: visit)
        let maps = try await site.booking.seatsAndBags.seatMaps(offerID: offer.id)
        // A member's tier adds bags to every passenger's allowance; the prices shown are what the order will charge.
        let bags = try await site.booking.seatsAndBags.bagPrices(offerID: offer.id, extraBags: member?.tier.extraBags ?? 0)
        return site.renderer.render("checkout", title: visit.strings["checkout.title"],
                                    page: model(offer, search: search, values: values, entered: entered, errors: errors, formError: formError, visit: visit,
                                                services: (maps, bags), member: member),
                                    visit: visit, status: status, tracks: [AnalyticsEvent.checkoutStarted(offer)])
    }

    private func model(_ offer: OfferView, search: SearchQuery, values: [String: String], entered: FormData, errors: [String: String],
                       formError: String?, visit: Visit, services: (maps: [SeatMapView], bags: [FlightBagPrices]),
                       member: LoyaltyProgrammeService.MemberView?) -> Model {
        let t = visit.strings, format = visit.format
        let currency = CurrencyCode(offer.totalCurrency) ?? .usd
        var hidden = FormData(encoded: Substring(search.encoded)).values.map { HiddenField(name: $0.key, value: $0.value) }
        for name in ["out", "ret"] { if let value = values[name] { hidden.append(HiddenField(name: name, value: value)) } }
        hidden.append(HiddenField(name: "offer_id", value: offer.id))
        hidden.append(HiddenField(name: "idempotency_key", value: entered["idempotency_key"] ?? Self.makeKey()))
        hidden.sort { $0.name < $1.name }

        var passengers: [PassengerForm] = []
        var counts: [String: Int] = [:]
        for price in offer.passengers {
            for _ in 0..<price.count {
                let index = passengers.count
                counts[price.type, default: 0] += 1
                let prefix = "passenger_\(index)_"
                passengers.append(PassengerForm(
                    index: index, heading: t.format("checkout.passenger_heading", ["n": "\(index + 1)", "type": t["ptype." + price.type]]),
                    type: price.type,
                    given: FormField(prefix + "given_name", entered[prefix + "given_name"] ?? "", errors: errors),
                    family: FormField(prefix + "family_name", entered[prefix + "family_name"] ?? "", errors: errors),
                    birth: FormField(prefix + "birth_date", entered[prefix + "birth_date"] ?? "", errors: errors),
                    birthRequired: price.type != "adult"))
            }
        }
        let priceLines = offer.passengers.map { price in
            PriceLine(label: t.format("checkout.price_line", ["n": "\(price.count)", "type": t["ptype." + price.type]]),
                      amount: format.money(decimal: price.totalAmount, currency: currency))
        } + [PriceLine(label: t["checkout.taxes_included"], amount: format.money(decimal: offer.taxAmount, currency: currency))]
        return Model(
            hidden: hidden,
            slices: ItineraryView.slices(offer.slices, visit: visit),
            brandName: t["brand." + offer.fareBrand],
            conditions: Conditions.lines(brand: offer.fareBrand, currency: currency, visit: visit),
            passengers: passengers,
            email: FormField("email", entered["email"] ?? visit.customer?.email ?? "", errors: errors),
            phone: FormField("phone", entered["phone"] ?? visit.customer?.phone ?? "", errors: errors),
            card: CardForm(entered: entered, errors: errors, site: site, visit: visit),
            priceLines: priceLines,
            total: format.money(decimal: offer.totalAmount, currency: currency),
            heldUntil: t.format("checkout.held_for", ["minutes": "\(Int(ShoppingService.offerLifetime / 60))"]),
            formError: formError,
            signedIn: visit.session != nil,
            miles: member.map { milesForm($0, offer: offer, entered: entered, errors: errors, visit: visit) },
            choices: ServiceChoices.build(
                maps: services.maps, bags: services.bags,
                flightLabels: offer.slices.flatMap(\.segments).map { "\($0.flightNumber) · \($0.origin) → \($0.destination)" },
                passengers: passengers.map { ServiceChoices.Passenger(index: $0.index, name: $0.heading, type: PassengerType(rawValue: $0.type) ?? .adult) },
                form: entered, errors: errors, visit: visit),
            baseMinorUnits: Money(decimalString: offer.totalAmount, currency: currency)?.minorUnits ?? 0,
            currency: currency.code, currencyDigits: currency.minorUnitDigits)
    }

    /// The signed-in customer's membership, where the programme runs.
    private func member(of visit: Visit) async throws -> LoyaltyProgrammeService.MemberView? {
        guard let customer = visit.customer, let loyalty = site.loyalty else { return nil }
        return try await loyalty.member(customerID: customer.id)
    }

    private func milesForm(_ member: LoyaltyProgrammeService.MemberView, offer: OfferView, entered: FormData, errors: [String: String],
                           visit: Visit) -> MilesForm {
        let t = visit.strings, format = visit.format
        let currency = CurrencyCode(offer.totalCurrency) ?? .usd
        func minor(_ decimal: String) -> Int64 { Money(decimalString: decimal, currency: currency)?.minorUnits ?? 0 }
        let use = entered["miles_use"] ?? "none"
        let award = offer.award.map { award in
            t.format("checkout.miles_award", ["miles": format.integer(award.miles),
                                               "cash": format.money(decimal: award.cashAmount, currency: CurrencyCode(award.cashCurrency) ?? .usd)])
        }
        return MilesForm(balance: t.format("checkout.miles_balance", ["miles": format.integer(member.balance), "number": member.printedNumber]),
                         award: award, noneChecked: use != "award" && use != "part", awardChecked: use == "award" && award != nil,
                         partChecked: use == "part", amount: FormField("miles_amount", entered["miles_amount"] ?? "", errors: errors),
                         step: site.loyalty?.paymentStepMiles ?? 1_000,
                         awardOff: offer.award.map { minor(offer.totalAmount) - minor($0.cashAmount) } ?? 0, fareMinorUnits: minor(offer.baseAmount),
                         valuePerThousand: site.loyalty?.paymentValuePerThousandMiles ?? 0)
    }

    private func orderInput(_ form: FormData, flights: [String], member: LoyaltyProgrammeService.MemberView?) -> OrderInput {
        var passengers: [OrderInput.Passenger] = []
        var index = 0
        while let type = form["passenger_\(index)_type"], index < 18 {
            let prefix = "passenger_\(index)_"
            passengers.append(.init(type: type, givenName: form.trimmed(prefix + "given_name"), familyName: form.trimmed(prefix + "family_name"),
                                    birthDate: form.trimmed(prefix + "birth_date")))
            index += 1
        }
        // With miles covering everything, an empty card form is no card at all.
        let card = CardForm.card(form)
        let cardGiven = !(form.trimmed("card_number") ?? "").isEmpty
        var miles: OrderInput.Miles?
        switch form["miles_use"] {
        case "award": miles = .init(membershipNumber: member?.membershipNumber ?? "", award: true)
        case "part": miles = .init(membershipNumber: member?.membershipNumber ?? "", amount: Int(form.trimmed("miles_amount") ?? "") ?? 0)
        default: miles = nil
        }
        let services = ServiceChoices.requests(form, flights: flights, passengers: passengers.count)
        return OrderInput(offerId: form["offer_id"], passengers: passengers,
                          contact: .init(email: form.trimmed("email"), phoneNumber: form.trimmed("phone")),
                          payment: .init(card: miles != nil && !cardGiven ? nil : card, miles: miles), seats: services.seats, bags: services.bags)
    }

    /// The form field of an order issue (`passengers[1].given_name` -> `passenger_1_given_name`).
    static func formField(_ field: String?) -> String {
        guard let field else { return "_form" }
        switch field {
        case "contact.email": return "email"
        case "contact.phone_number": return "phone"
        case "payment.card.number", "payment.card": return "card_number"
        case "payment.card.cvc": return "card_cvc"
        case "payment.card.holder_name": return "card_holder"
        case "payment.card.expiry_month", "payment.card.expiry_year": return "card_expiry"
        case "contact": return "email"
        case "payment.miles", "payment.miles.amount", "payment.miles.membership_number": return "miles_amount"
        default: break
        }
        if field.hasPrefix("passengers["), let close = field.firstIndex(of: "]") {
            let index = field[field.index(field.startIndex, offsetBy: 11)..<close]
            let rest = field[field.index(after: close)...].dropFirst()
            return rest.isEmpty ? "_form" : "passenger_\(index)_\(rest)"
        }
        return "_form"
    }

    /// `flightID~brand` from the results page.
    static func selection(_ value: String) -> FareSelection? {
        let parts = value.split(separator: "~")
        guard parts.count == 2, let brand = FareBrand(rawValue: String(parts[1])) else { return nil }
        return FareSelection(flightID: String(parts[0]), brand: brand)
    }

    private static func makeKey() -> String {
        String(Identifier.make(prefix: "ck", length: 29))
    }
}
