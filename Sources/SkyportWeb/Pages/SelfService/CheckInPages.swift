import Barcodes
import Booking
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SkyportDomain
import SkyportHTTP

/// Online check-in and boarding passes on the site: `/bookings/{id}/check-in` (the flights open for check-in, with
/// their passengers), `/bookings/{id}/boarding-passes` (a mobile page, printable), and each pass's barcode as SVG or
/// PNG and the whole pass as PDF.
struct CheckInPages: Sendable {
    let site: WebSite

    struct Model {
        let id: String
        let reference: String
        let flights: [FlightCheckIn]
        let hasOpenFlights: Bool
        let formError: String?
    }

    struct FlightCheckIn {
        let flightId: String
        let label: String
        let window: String
        let open: Bool
        let passengers: [PassengerBox]
    }

    struct PassengerBox {
        let id: String
        let name: String
        let done: Bool
    }

    struct PassesModel {
        let id: String
        let reference: String
        let passes: [PassCard]
    }

    struct PassCard {
        let name: String
        let flight: String
        let origin: String
        let destination: String
        let date: String
        let departs: String
        let boarding: String
        let seat: String
        let group: String
        let sequence: String
        let cabin: String
        let bags: String
        let qrURL: String
        let pdf417URL: String
        let pdfURL: String
        let pngURL: String
        let barcodeText: String
        let qrAlt: String
        let pdf417Alt: String
    }

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/bookings/{id}/check-in") { request, context -> HTMLResponse in
            let visit = try await site.visits.resolve(request, context: context)
            let order = try await site.openBooking(context, visit: visit).order
            return render(order, formError: nil, visit: visit, status: .ok)
        }
        router.post("/bookings/{id}/check-in") { request, context -> HTMLResponse in
            let visit = try await site.visits.resolve(request, context: context)
            let form = try await site.checkedForm(request, visit: visit)
            let order = try await site.openBooking(context, visit: visit).order
            let passengers = order.passengers.map(\.id).filter { form["passenger_\($0)"] == "on" }
            guard !passengers.isEmpty else {
                return render(order, formError: visit.strings["check_in.choose_passenger"], visit: visit, status: .unprocessableContent)
            }
            do {
                _ = try await site.booking.checkIn.checkIn(orderID: order.id, input: .init(flightId: form["flight_id"], passengerIds: passengers))
            } catch let error as ServiceError where error.kind == .conflict || error.kind == .notFound {
                return render(order, formError: visit.message(for: error), visit: visit, status: APIError.status(for: error.kind))
            } catch let failure as ValidationFailure {
                return render(order, formError: failure.issues.first.map(visit.message(for:)), visit: visit, status: .unprocessableContent)
            }
            return .redirect(to: "/bookings/\(order.id)/boarding-passes", cookies: visit.cookies)
        }
        router.get("/bookings/{id}/boarding-passes") { request, context -> HTMLResponse in
            let visit = try await site.visits.resolve(request, context: context)
            let order = try await site.openBooking(context, visit: visit).order
            let passes = try await site.booking.checkIn.boardingPasses(orderID: order.id)
            guard !passes.isEmpty else { return .redirect(to: "/bookings/\(order.id)/check-in", cookies: visit.cookies) }
            let model = PassesModel(id: order.id, reference: order.bookingReference, passes: passes.map { card($0, orderID: order.id, visit: visit) })
            return site.renderer.render("boarding_passes", title: visit.strings["passes.title"], page: model, visit: visit)
        }
        router.get("/bookings/{id}/boarding-passes/{passenger}/{flight}/{file}") { request, context -> Response in
            let visit = try await site.visits.resolve(request, context: context)
            let order = try await site.openBooking(context, visit: visit).order
            guard let pass = try await site.booking.checkIn.boardingPasses(orderID: order.id).first(where: {
                $0.passengerId == context.parameters.get("passenger") && $0.flightId == context.parameters.get("flight")
            }) else { throw WebError.notFound }
            let name = "boarding-pass-\(pass.flightNumber)-\(pass.bookingReference)"
            switch context.parameters.get("file") {
            case "qr.svg": return Self.file(Array(try Barcode(pass.barcode, as: .qrCode).svg(moduleSize: 4, label: pass.barcode).utf8), type: "image/svg+xml")
            case "pdf417.svg": return Self.file(Array(try Barcode(pass.barcode, as: .pdf417).svg(moduleSize: 2, label: pass.barcode).utf8), type: "image/svg+xml")
            case "pass.png":
                return Self.file(PNGImage.barcode(try Barcode(pass.barcode, as: .qrCode), moduleSize: 8), type: "image/png", download: name + ".png")
            case "pass.pdf":
                let t = visit.strings.language == .english ? visit.strings : site.visits.strings(in: .english)
                let labels = BoardingPassDocument.Labels(title: t["passes.title"], flight: t["passes.flight"], date: t["passes.date"],
                                                         departs: t["passes.departs"], boarding: t["passes.boarding"], seat: t["passes.seat"],
                                                         group: t["passes.group"], reference: t["booking.reference"], ticket: t["booking.ticket"],
                                                         sequence: t["passes.sequence"])
                return Self.file(try BoardingPassDocument.pdf(pass, labels: labels), type: "application/pdf", download: name + ".pdf")
            default: throw WebError.notFound
            }
        }
    }

    static func file(_ bytes: [UInt8], type: String, download: String? = nil) -> Response {
        var headers: HTTPFields = [.contentType: type, .cacheControl: "private, no-store"]
        if let download { headers[.contentDisposition] = "attachment; filename=\"\(download)\"" }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private func card(_ pass: BoardingPassView, orderID: String, visit: Visit) -> PassCard {
        let t = visit.strings, format = visit.format
        let departs = format.localDateTime(pass.departingAtLocal), boarding = format.localDateTime(pass.boardingAtLocal)
        let base = "/bookings/\(orderID)/boarding-passes/\(pass.passengerId)/\(pass.flightId)/"
        return PassCard(
            name: pass.passengerName, flight: pass.flightNumber, origin: pass.origin, destination: pass.destination,
            date: departs.map { format.longDate($0.date) } ?? "", departs: departs?.time ?? "", boarding: boarding?.time ?? "",
            seat: pass.seat ?? t["seats.lap"], group: String(pass.boardingGroup), sequence: pass.sequenceNumber.map { String($0) } ?? "–",
            cabin: t["cabin." + pass.cabinClass], bags: String(pass.checkedBags),
            qrURL: base + "qr.svg", pdf417URL: base + "pdf417.svg", pdfURL: base + "pass.pdf", pngURL: base + "pass.png", barcodeText: pass.barcode,
            qrAlt: t.format("passes.qr_alt", ["name": pass.passengerName, "flight": pass.flightNumber]),
            pdf417Alt: t.format("passes.pdf417_alt", ["name": pass.passengerName, "flight": pass.flightNumber]))
    }

    private func render(_ order: OrderView, formError: String?, visit: Visit, status: HTTPResponse.Status) -> HTMLResponse {
        let t = visit.strings, format = visit.format
        let now = Int64(site.clock.now.timeIntervalSince1970)
        let flights = order.slices.flatMap(\.segments).map { segment -> FlightCheckIn in
            let departs = UTCInstant(iso: segment.departingAt)?.seconds ?? 0
            let position = order.status == .confirmed ? CheckInWindow.position(now: now, departure: departs) : .closed
            let times = ItineraryView.segment(segment, format: format)
            let day = LocalDate(iso: String(segment.departingAtLocal.prefix(10))).map(format.longDate) ?? ""
            return FlightCheckIn(
                flightId: segment.flightId, label: "\(segment.flightNumber) · \(segment.origin) → \(segment.destination) · \(day) \(times.departTime)",
                window: t["check_in.window." + position.rawValue], open: position == .open,
                passengers: order.passengers.compactMap { passenger in
                    guard let coupon = order.coupons.first(where: { $0.passengerId == passenger.id && $0.flightId == segment.flightId }),
                          [.open, .checkedIn].contains(coupon.status) else { return nil }
                    return PassengerBox(id: passenger.id, name: "\(passenger.givenName) \(passenger.familyName)", done: coupon.status == .checkedIn)
                })
        }
        let model = Model(id: order.id, reference: order.bookingReference, flights: flights, hasOpenFlights: flights.contains(where: \.open),
                          formError: formError)
        return site.renderer.render("check_in", title: t["check_in.title"], page: model, visit: visit, status: status)
    }
}
