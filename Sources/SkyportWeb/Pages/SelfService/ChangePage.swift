import Booking
import Foundation
import Hummingbird
import SkyportDomain
import SkyportHTTP
import SkyportStore

/// `/bookings/{id}/change`: a voluntary change in the booking's own pages. The passenger picks the flight to change
/// and a date; the same page then lists the change offers (each with its fee, fare difference, and what is due or
/// refunded) with the card fields, and one submit confirms the chosen offer.
struct ChangePage: Sendable {
    let site: WebSite

    struct Model {
        let id: String
        let reference: String
        let flights: [FlightChoice]
        let date: FormField
        let searched: Bool
        let offers: [OfferChoice]
        let hasOffers: Bool
        let card: CardForm
        let formError: String?
        let idempotencyKey: String
        let minDate: String
    }

    struct FlightChoice {
        let value: String
        let label: String
        let checked: Bool
    }

    struct OfferChoice {
        let id: String
        let label: String
        let detail: String
        let due: String
        let checked: Bool
    }

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/bookings/{id}/change") { request, context -> HTMLResponse in
            let visit = try await site.visits.resolve(request, context: context)
            let order = try await site.openBooking(context, visit: visit).order
            return try await show(order, query: FormData(query: request), entered: FormData(), errors: [:], formError: nil, visit: visit, status: .ok)
        }
        router.post("/bookings/{id}/change") { request, context -> HTMLResponse in
            let visit = try await site.visits.resolve(request, context: context)
            let form = try await site.checkedForm(request, visit: visit)
            let order = try await site.openBooking(context, visit: visit).order
            guard let key = form["idempotency_key"], (8...64).contains(key.utf8.count) else { throw WebError.forgedForm }
            guard let offer = form["offer"], !offer.isEmpty, site.booking.voluntaryChanges.orderID(ofOffer: offer) == order.id else {
                return try await show(order, query: form, entered: form, errors: [:], formError: visit.strings["change.choose_offer"], visit: visit,
                                      status: .unprocessableContent)
            }
            let input = OrderChangeInput(selectedOrderChangeOffer: offer, payment: CardForm.optionalCard(form).map { .init(card: $0) })
            do {
                _ = try await site.booking.voluntaryChanges.confirm(input, idempotencyKey: "web_" + key, requestHash: SHA256Hex.digest(Data((key + offer).utf8)),
                                                                    actor: "passenger:web")
            } catch let failure as ValidationFailure {
                let errors = visit.fieldErrors(failure.issues, field: CheckoutPage.formField)
                return try await show(order, query: form, entered: form, errors: errors, formError: visit.strings["checkout.fix_errors"], visit: visit,
                                      status: .unprocessableContent)
            } catch let error as ServiceError where error.kind != .unavailable {
                return try await show(order, query: form, entered: form, errors: [CheckoutPage.formField(error.field): visit.message(for: error)],
                                      formError: visit.message(for: error), visit: visit, status: APIError.status(for: error.kind))
            }
            return .redirect(to: "/bookings/\(order.id)?notice=changed", cookies: visit.cookies)
        }
    }

    private func show(_ order: OrderView, query: FormData, entered: FormData, errors: [String: String], formError: String?, visit: Visit,
                      status: HTTPResponse.Status) async throws -> HTMLResponse {
        let t = visit.strings, format = visit.format
        let segments = order.slices.flatMap(\.segments)
        let flight = query["flight"].flatMap { wanted in segments.first { $0.flightId == wanted } } ?? segments.first
        let date = query.trimmed("date") ?? ""
        var errors = errors, offers: [OfferChoice] = [], searched = false, formError = formError
        if let flight, !date.isEmpty {
            searched = true
            do {
                let request = try await site.booking.voluntaryChanges.offers(OrderChangeRequestInput(
                    orderId: order.id, slices: .init(remove: [.init(flightId: flight.flightId)], add: [.init(departureDate: date)])))
                let currency = CurrencyCode(order.totalCurrency) ?? .usd
                func money(_ text: String) -> String { format.money(decimal: text, currency: currency) }
                offers = request.orderChangeOffers.map { offer in
                    let segment = offer.slice.segments[0]
                    let times = ItineraryView.segment(segment, format: format)
                    let refund = offer.refundAmount != Money.zero(currency).decimalString
                    return OfferChoice(
                        id: offer.id, label: "\(segment.flightNumber) · \(times.departTime) → \(times.arriveTime)",
                        detail: t.format("change.detail", ["fee": money(offer.changeFeeAmount), "difference": money(offer.fareDifferenceAmount)]),
                        due: refund ? t.format("change.refund", ["amount": money(offer.refundAmount)]) : t.format("change.due", ["amount": money(offer.changeTotalAmount)]),
                        checked: entered["offer"] == offer.id)
                }
            } catch let failure as ValidationFailure {
                errors["date"] = failure.issues.first.map(visit.message(for:))
            } catch let error as ServiceError where error.kind == .conflict || error.kind == .notFound {
                formError = visit.message(for: error)
            }
        }
        let model = Model(
            id: order.id, reference: order.bookingReference,
            flights: segments.map { segment in
                let times = ItineraryView.segment(segment, format: format)
                let day = LocalDate(iso: String(segment.departingAtLocal.prefix(10))).map(format.longDate) ?? ""
                return FlightChoice(value: segment.flightId, label: "\(segment.flightNumber) · \(segment.origin) → \(segment.destination) · \(day) \(times.departTime)",
                                    checked: segment.flightId == flight?.flightId)
            },
            date: FormField("date", date, errors: errors), searched: searched, offers: offers, hasOffers: !offers.isEmpty,
            card: CardForm(entered: entered, errors: errors, site: site, visit: visit), formError: formError,
            idempotencyKey: entered["idempotency_key"] ?? Identifier.make(prefix: "chg", length: 24),
            minDate: WallClock.utc.localDate(of: site.clock.now).iso)
        return site.renderer.render("change", title: t["change.title"], page: model, visit: visit, status: status)
    }
}
