import Booking
import Foundation
import Hummingbird
import SkyportDomain
import SkyportHTTP
import SkyportStore

/// `/bookings/{id}/extras`: seats and bags after the purchase, for every passenger and flight, on one form; what they
/// cost is paid by card on the same form (the card is needed only when something costs more).
struct ExtrasPage: Sendable {
    let site: WebSite

    struct Model {
        let id: String
        let reference: String
        let choices: [ServiceChoices.Flight]
        let card: CardForm
        let formError: String?
        let idempotencyKey: String
        let baseMinorUnits: Int64
        let currency: String
        let currencyDigits: Int
    }

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/bookings/{id}/extras") { request, context -> HTMLResponse in
            let visit = try await site.visits.resolve(request, context: context)
            let order = try await site.openBooking(context, visit: visit).order
            return try await show(order, form: FormData(), errors: [:], formError: nil, visit: visit, status: .ok)
        }
        router.post("/bookings/{id}/extras") { request, context -> HTMLResponse in
            let visit = try await site.visits.resolve(request, context: context)
            let form = try await site.checkedForm(request, visit: visit)
            let order = try await site.openBooking(context, visit: visit).order
            guard let key = form["idempotency_key"], (8...64).contains(key.utf8.count) else { throw WebError.forgedForm }
            let flights = order.slices.flatMap(\.segments).map(\.flightId), ids = order.passengers.map(\.id)
            let requests = ServiceChoices.requests(form, flights: flights, passengers: ids.count, passengerIDs: ids)
            guard !requests.seats.isEmpty || !requests.bags.isEmpty else {
                return .redirect(to: "/bookings/\(order.id)", cookies: visit.cookies)
            }
            let input = ServiceRequestInput(seats: requests.seats, bags: requests.bags, payment: CardForm.optionalCard(form).map { .init(card: $0) })
            do {
                _ = try await site.booking.seatsAndBags.update(orderID: order.id, input: input, idempotencyKey: "web_" + key,
                                                               requestHash: SHA256Hex.digest(Data(form.values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                                                                   .joined(separator: "&").utf8)))
            } catch let failure as ValidationFailure {
                let errors = visit.fieldErrors(failure.issues) { field in
                    ServiceChoices.formField(field, requests: requests, flights: flights, passengerIDs: ids) ?? CheckoutPage.formField(field)
                }
                return try await show(order, form: form, errors: errors, formError: visit.strings["checkout.fix_errors"], visit: visit, status: .unprocessableContent)
            } catch let error as ServiceError where error.kind != .unavailable {
                let field = ServiceChoices.formField(error.field, requests: requests, flights: flights, passengerIDs: ids) ?? CheckoutPage.formField(error.field)
                return try await show(order, form: form, errors: [field: visit.message(for: error)], formError: visit.message(for: error), visit: visit,
                                      status: APIError.status(for: error.kind))
            }
            return .redirect(to: "/bookings/\(order.id)?notice=extras_saved", cookies: visit.cookies)
        }
    }

    private func show(_ order: OrderView, form: FormData, errors: [String: String], formError: String?, visit: Visit,
                      status: HTTPResponse.Status) async throws -> HTMLResponse {
        let maps = try await site.booking.seatsAndBags.seatMaps(orderID: order.id)
        let bags = try await site.booking.seatsAndBags.bagPrices(orderID: order.id)
        let flights = order.slices.flatMap(\.segments)
        let passengers = order.passengers.enumerated().map { index, passenger in
            var choice = ServiceChoices.Passenger(index: index, name: "\(passenger.givenName) \(passenger.familyName)",
                                                  type: PassengerType(rawValue: passenger.type) ?? .adult)
            for (flight, segment) in flights.enumerated() {
                choice.seats[flight] = order.coupons.first { $0.passengerId == passenger.id && $0.flightId == segment.flightId }?.seat
                choice.bagsBought[flight] = order.services.filter {
                    $0.type == .checkedBag && $0.status == .active && $0.passengerId == passenger.id && $0.flightId == segment.flightId
                }.count
            }
            return choice
        }
        let currency = CurrencyCode(order.totalCurrency) ?? .usd
        let model = Model(
            id: order.id, reference: order.bookingReference,
            choices: ServiceChoices.build(maps: maps, bags: bags, flightLabels: flights.map { "\($0.flightNumber) · \($0.origin) → \($0.destination)" },
                                          passengers: passengers, form: form, errors: errors, visit: visit),
            card: CardForm(entered: form, errors: errors, site: site, visit: visit), formError: formError,
            idempotencyKey: form["idempotency_key"] ?? Identifier.make(prefix: "ex", length: 24),
            baseMinorUnits: 0, currency: currency.code, currencyDigits: currency.minorUnitDigits)
        return site.renderer.render("extras", title: visit.strings["extras.title"], page: model, visit: visit, status: status)
    }
}
