import Accounts
import Booking
import Foundation
import HTTPTypes
import Hummingbird
import Operations
import SkyportContracts
import SkyportDomain
import SkyportHTTP

/// A booking: the confirmation after paying, the page "manage booking" opens, its receipt, its
/// calendar file, cancellation (a refund quote, then a confirm step) and filing it under an account.
/// A browser opens a booking it bought or looked up, or one filed under its signed-in customer.
struct BookingPages: Sendable {
    let site: WebSite

    struct Model {
        let id: String
        let reference: String
        let status: String
        let cancelled: Bool
        let justBooked: Bool
        let justCancelled: Bool
        let notice: String?
        let passengers: [PassengerRow]
        let slices: [ItineraryView.Slice]
        let brandName: String
        let conditions: [String]
        /// What the member's tier added to the booking.
        let benefits: String?
        let base: String
        let taxes: String
        let total: String
        let payments: [PaymentRow]
        let email: String
        let phone: String
        let bookedOn: String
        let canCancel: Bool
        let canAttach: Bool
        let inAccount: Bool
        /// The booking's disrupted flights, with what the passenger can do.
        let disruptions: [DisruptionBanner]
        let inbox: InboxModel?
        /// Each passenger on each flight: seat and where the coupon stands.
        let coupons: [CouponRow]
        let services: [ServiceRow]
        let hasServices: Bool
        let canChange: Bool
        let canChooseSeats: Bool
        let canCheckIn: Bool
        let hasBoardingPasses: Bool
        let statusLinks: [StatusLink]
    }

    struct CouponRow {
        let passenger: String
        let flight: String
        let seat: String
        let status: String
    }

    struct ServiceRow {
        let label: String
        let amount: String
        let status: String?
    }

    struct StatusLink {
        let label: String
        let href: String
    }

    struct DisruptionBanner {
        let headline: String
        let alternatives: [AlternativeRow]
        let hasAlternatives: Bool
        /// The hold on the alternatives ran out (otherwise, without alternatives, later flights had no room).
        let released: Bool
        /// `until 07:00 (local time)`, when the alternatives say.
        let heldUntil: String?
        let refund: Bool
    }

    struct AlternativeRow {
        /// The hold the button takes.
        let id: String
        let label: String
        let arrives: String
    }

    struct PassengerRow {
        let name: String
        let type: String
        let ticket: String
    }

    struct PaymentRow {
        let label: String
        let card: String?
        let amount: String
        let date: String
    }

    struct CancelModel {
        let id: String
        let reference: String
        let quoteID: String
        let refund: String
        let refundTo: String
        let conditions: [String]
        let notice: String?
    }

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/bookings/{id}") { request, context -> HTMLResponse in
            let visit = try await site.visits.resolve(request, context: context)
            let opened = try await site.openBooking(context, visit: visit), order = opened.order
            let model = model(opened, visit: visit, query: FormData(query: request), operations: try await operationsPart(order, visit: visit))
            return site.renderer.render("booking", title: visit.strings.format("booking.title", ["reference": order.bookingReference]),
                                        page: model, visit: visit, tracks: model.justBooked ? [AnalyticsEvent.orderCompleted(order)] : [])
        }
        router.get("/bookings/{id}/receipt") { request, context -> HTMLResponse in
            let visit = try await site.visits.resolve(request, context: context)
            let opened = try await site.openBooking(context, visit: visit)
            return site.renderer.render("receipt", title: visit.strings.format("receipt.title", ["reference": opened.order.bookingReference]),
                                        page: model(opened, visit: visit, query: FormData()), visit: visit)
        }
        router.get("/bookings/{id}/calendar.ics") { request, context -> HTMLResponse in
            let visit = try await site.visits.resolve(request, context: context)
            let order = try await site.openBooking(context, visit: visit).order
            var response = HTMLResponse(body: CalendarFile.ics(for: order, now: site.clock.now), cookies: visit.cookies,
                                        contentType: "text/calendar; charset=utf-8")
            response.headers[.contentDisposition] = "attachment; filename=\"skyport-\(order.bookingReference).ics\""
            return response
        }
        router.get("/bookings/{id}/cancel") { request, context -> HTMLResponse in
            let visit = try await site.visits.resolve(request, context: context)
            let order = try await site.openBooking(context, visit: visit).order
            return try await cancelQuote(order, visit: visit, notice: nil)
        }
        router.post("/bookings/{id}/cancel") { request, context -> HTMLResponse in
            let visit = try await site.visits.resolve(request, context: context)
            let form = try await site.checkedForm(request, visit: visit)
            let order = try await site.openBooking(context, visit: visit).order
            guard let quoteID = form["quote_id"], try await site.booking.cancellations.orderID(ofCancellation: quoteID) == order.id else {
                return try await cancelQuote(order, visit: visit, notice: visit.strings["cancel.quote_expired"])
            }
            do {
                _ = try await site.booking.cancellations.confirm(cancellationID: quoteID)
            } catch let error as ServiceError where error.code == .orderCancellationExpired {
                return try await cancelQuote(order, visit: visit, notice: visit.strings["cancel.quote_expired"])
            }
            return .redirect(to: "/bookings/\(order.id)?cancelled=1", cookies: visit.cookies)
        }
        router.post("/bookings/{id}/rebook") { request, context -> HTMLResponse in
            let visit = try await site.visits.resolve(request, context: context)
            let form = try await site.checkedForm(request, visit: visit)
            let order = try await site.openBooking(context, visit: visit).order
            guard let operations = site.operations, let alternative = form["alternative_id"] else { throw WebError.notFound }
            do {
                _ = try await operations.rebooking.accept(orderID: order.id, alternativeID: alternative, actor: "passenger:web")
            } catch let error as ServiceError where error.kind == .conflict || error.kind == .notFound {
                return .redirect(to: "/bookings/\(order.id)?notice=\(error.code)", cookies: visit.cookies)
            }
            return .redirect(to: "/bookings/\(order.id)?notice=rebooked", cookies: visit.cookies)
        }
        router.post("/bookings/{id}/disruption-refund") { request, context -> HTMLResponse in
            let visit = try await site.visits.resolve(request, context: context)
            _ = try await site.checkedForm(request, visit: visit)
            let order = try await site.openBooking(context, visit: visit).order
            guard let operations = site.operations else { throw WebError.notFound }
            do {
                _ = try await operations.rebooking.refund(orderID: order.id, actor: "passenger:web")
            } catch let error as ServiceError where error.kind == .conflict {
                return .redirect(to: "/bookings/\(order.id)?notice=\(error.code)", cookies: visit.cookies)
            }
            return .redirect(to: "/bookings/\(order.id)?cancelled=1", cookies: visit.cookies)
        }
        router.get("/bookings/{id}/messages/stream") { request, context -> Response in
            let visit = try await site.visits.resolve(request, context: context)
            let order = try await site.openBooking(context, visit: visit).order
            guard let operations = site.operations else { throw WebError.notFound }
            return try await MessageStream.response(poll: operations.streamPollSeconds) {
                try await operations.messages.inbox(orderID: order.id, limit: 10)
            }
        }
        router.post("/bookings/{id}/attach") { request, context -> HTMLResponse in
            let visit = try await site.visits.resolve(request, context: context)
            _ = try await site.checkedForm(request, visit: visit)
            let order = try await site.openBooking(context, visit: visit).order
            guard let customer = visit.customer else {
                return .redirect(to: "/account/sign-in?next=" + "/bookings/\(order.id)", cookies: visit.cookies)
            }
            do {
                try await site.booking.repository.attach(orderID: order.id, to: customer.id)
            } catch let error as ServiceError where error.code == .orderBelongsToAnotherAccount {
                return .redirect(to: "/bookings/\(order.id)?notice=other_account", cookies: visit.cookies)
            }
            return .redirect(to: "/bookings/\(order.id)?notice=attached", cookies: visit.cookies)
        }
    }

    /// The disruption banners and messages of a confirmed booking; nothing for another, or without operations.
    private func operationsPart(_ order: OrderView, visit: Visit) async throws -> (banners: [DisruptionBanner], inbox: InboxModel?) {
        guard let operations = site.operations, order.status == .confirmed else { return ([], nil) }
        let t = visit.strings
        let options = try await operations.rebooking.options(orderID: order.id)
        let banners = options.map { option -> DisruptionBanner in
            let segment = order.slices.flatMap(\.segments).first { $0.flightId == option.flightID }
            let flight = segment?.flightNumber ?? option.flightID
            let headline = switch option.kind {
            case .cancellation: t.format("disruption.cancelled", ["flight": flight])
            case .cancellationRisk: t.format("disruption.cancellation_risk", ["flight": flight])
            case .delay: t.format("disruption.delayed", ["flight": flight, "minutes": String(option.expectedDelayMinutes)])
            }
            return DisruptionBanner(
                headline: headline,
                alternatives: option.alternatives.map {
                    AlternativeRow(id: $0.id, label: t.format("disruption.move", ["flight": $0.flight, "departure": $0.departure]),
                                   arrives: t.format("disruption.arrives", ["arrival": $0.arrival]))
                },
                hasAlternatives: !option.alternatives.isEmpty, released: option.holdsReleased,
                heldUntil: option.heldUntil.isEmpty ? nil : t.format("disruption.held_until", ["time": option.heldUntil]),
                refund: option.refundEligible)
        }
        let inbox = InboxModel(try await operations.messages.inbox(orderID: order.id, limit: 10), streamURL: "/bookings/\(order.id)/messages/stream",
                               emptyText: t["messages.none"], reloadHint: t["messages.reload"], visit: visit)
        return (banners, inbox)
    }

    private func model(_ opened: OpenedBooking, visit: Visit, query: FormData,
                       operations: (banners: [DisruptionBanner], inbox: InboxModel?) = ([], nil)) -> Model {
        let order = opened.order, owner = opened.owner
        let t = visit.strings, format = visit.format
        let currency = CurrencyCode(order.totalCurrency) ?? .usd
        func money(_ text: String, _ code: String? = nil) -> String {
            let currency = code.flatMap(CurrencyCode.init) ?? currency
            return format.money(decimal: text, currency: currency)
        }
        func date(_ utc: String) -> String { LocalDate(iso: String(utc.prefix(10))).map(format.longDate) ?? utc }
        let firstDeparture = order.slices.first?.segments.first?.departingAt ?? ""
        let departed = firstDeparture <= APITime.utc(site.clock.now)
        return Model(
            id: order.id, reference: order.bookingReference, status: t["status." + order.status.rawValue], cancelled: order.status == .cancelled,
            justBooked: query["new"] == "1", justCancelled: query["cancelled"] == "1",
            notice: query["notice"].flatMap { t.table["notice." + $0] },
            passengers: order.passengers.map { PassengerRow(name: "\($0.familyName)/\($0.givenName)", type: t["ptype." + $0.type], ticket: $0.ticketNumber) },
            slices: ItineraryView.slices(order.slices, visit: visit),
            brandName: order.award ? t["brand.award"] : t["brand." + order.fareBrand],
            conditions: order.award ? Conditions.lines(.award, visit: visit) : Conditions.lines(brand: order.fareBrand, currency: currency, visit: visit),
            benefits: order.memberBenefits.map { benefits in
                t.format(benefits.lounge ? "booking.benefits_lounge" : "booking.benefits", ["tier": t["loyalty.tier." + benefits.tier], "n": "\(benefits.extraBags)"])
            },
            base: money(order.baseAmount), taxes: money(order.taxAmount), total: money(order.totalAmount),
            payments: order.payments.map { payment in
                PaymentRow(label: t["payment." + payment.type],
                           card: payment.miles.map { t.format("booking.miles_paid", ["miles": visit.format.integer($0)]) }
                               ?? payment.cardLastFour.map { "\(payment.cardBrand ?? "") •••• \($0)" },
                           amount: money(payment.amount, payment.currency), date: date(payment.createdAt))
            },
            email: order.contact.email, phone: order.contact.phoneNumber, bookedOn: date(order.createdAt),
            canCancel: order.status != .cancelled && !departed,
            canAttach: visit.customer != nil && owner == nil, inAccount: owner != nil && owner == visit.customer?.id,
            disruptions: operations.banners, inbox: operations.inbox,
            coupons: order.coupons.map { coupon in
                let passenger = order.passengers.first { $0.id == coupon.passengerId }
                let segment = order.slices.flatMap(\.segments).first { $0.flightId == coupon.flightId }
                return CouponRow(passenger: passenger.map { "\($0.familyName)/\($0.givenName)" } ?? "", flight: segment?.flightNumber ?? coupon.flightId,
                                 seat: coupon.seat ?? (passenger?.type == PassengerType.infantWithoutSeat.rawValue ? t["seats.lap"] : "–"),
                                 status: t["coupon." + coupon.status.rawValue])
            },
            services: order.services.map { service in
                let passenger = order.passengers.first { $0.id == service.passengerId }.map { "\($0.familyName)/\($0.givenName)" } ?? ""
                let flight = order.slices.flatMap(\.segments).first { $0.flightId == service.flightId }?.flightNumber ?? ""
                let what = service.type == .seat ? t.format("services.seat", ["seat": service.designator]) : t["services.bag"]
                return ServiceRow(label: "\(what) · \(passenger) · \(flight)", amount: money(service.totalAmount, service.totalCurrency),
                                  status: service.status == .active ? nil : t["services.status." + service.status.rawValue])
            },
            hasServices: !order.services.isEmpty,
            canChange: order.status == .confirmed && order.conditions.changeable && !departed,
            canChooseSeats: order.status == .confirmed && order.coupons.contains { $0.status == .open || $0.status == .checkedIn },
            canCheckIn: order.status == .confirmed && order.slices.flatMap(\.segments).contains { segment in
                let departs = UTCInstant(iso: segment.departingAt)?.seconds ?? 0
                return CheckInWindow.position(now: Int64(site.clock.now.timeIntervalSince1970), departure: departs) == .open
                    && order.coupons.contains { $0.flightId == segment.flightId && $0.status == .open }
            },
            hasBoardingPasses: order.coupons.contains { $0.status == .checkedIn || $0.status == .boarded },
            statusLinks: order.status == .confirmed ? order.slices.flatMap(\.segments).map { segment in
                StatusLink(label: t.format("booking.flight_status", ["flight": segment.flightNumber]),
                           href: "/flights/status?number=\(segment.flightNumber)&date=\(String(segment.departingAtLocal.prefix(10)))")
            } : [])
    }

    private func cancelQuote(_ order: OrderView, visit: Visit, notice: String?) async throws -> HTMLResponse {
        guard order.status != .cancelled else { return .redirect(to: "/bookings/\(order.id)", cookies: visit.cookies) }
        let quote: CancellationView
        do {
            quote = try await site.booking.cancellations.quote(orderID: order.id)
        } catch let error as ServiceError where error.kind == .conflict {
            return .redirect(to: "/bookings/\(order.id)?notice=\(error.code)", cookies: visit.cookies)
        }
        let currency = CurrencyCode(quote.refundCurrency) ?? .usd
        let model = CancelModel(
            id: order.id, reference: order.bookingReference, quoteID: quote.id,
            refund: visit.format.money(decimal: quote.refundAmount, currency: currency),
            refundTo: visit.strings["refund_to." + quote.refundTo],
            conditions: Conditions.lines(brand: order.fareBrand, currency: currency, visit: visit),
            notice: notice)
        return site.renderer.render("cancel", title: visit.strings["cancel.title"], page: model, visit: visit)
    }
}

extension HTTPField.Name {
    static let contentDisposition = Self("Content-Disposition")!
}
