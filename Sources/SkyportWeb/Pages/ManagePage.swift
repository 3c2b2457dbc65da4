import Accounts
import Booking
import Foundation
import Hummingbird
import SkyportDomain
import SkyportHTTP

/// `/manage`: find a booking by its reference and a passenger's family name. Failed look-ups
/// count against the caller's address so that references cannot be guessed in bulk.
struct ManagePage: Sendable {
    let site: WebSite

    struct Model {
        let reference: FormField
        let familyName: FormField
        let formError: String?
        let trips: [TripLink]
    }

    struct TripLink {
        let reference: String
        let href: String
    }

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/manage") { request, context -> HTMLResponse in
            let visit = try await site.visits.resolve(request, context: context)
            return try await render(visit: visit, reference: "", familyName: "", errors: [:], formError: nil, status: .ok)
        }
        router.post("/manage") { request, context -> HTMLResponse in
            var visit = try await site.visits.resolve(request, context: context)
            let form = try await site.checkedForm(request, visit: visit)
            let reference = (form.trimmed("booking_reference") ?? "").uppercased(), family = form.trimmed("family_name") ?? ""
            var errors: [String: String] = [:]
            if RecordLocator(reference) == nil { errors["booking_reference"] = visit.strings["error.invalid_booking_reference"] }
            if family.isEmpty { errors["family_name"] = visit.strings["error.missing_field"] }
            guard errors.isEmpty else {
                return try await render(visit: visit, reference: reference, familyName: family, errors: errors, formError: nil, status: .unprocessableContent)
            }
            let found: String?
            do {
                // The API's look-up counts against the same limits.
                found = try await site.limiter.guarded(.bookingLookUp, key: reference, client: visit.clientAddress) {
                    try await site.booking.repository.findID(bookingReference: reference, familyName: family)
                }
            } catch let error as ServiceError where error.kind == .rateLimited {
                return try await render(visit: visit, reference: reference, familyName: family, errors: [:],
                                        formError: visit.message(for: error), status: .tooManyRequests)
            }
            guard let id = found else {
                return try await render(visit: visit, reference: reference, familyName: family, errors: [:],
                                        formError: visit.strings["manage.not_found"], status: .notFound)
            }
            site.visits.remember(id, in: &visit)
            return .redirect(to: "/bookings/\(id)", cookies: visit.cookies)
        }
    }

    private func render(visit: Visit, reference: String, familyName: String, errors: [String: String], formError: String?,
                        status: HTTPResponse.Status) async throws -> HTMLResponse {
        let trips = try await site.booking.repository.trips(orderIDs: visit.tripIDs).map {
            TripLink(reference: "\($0.bookingReference) · \($0.origin) → \($0.destination)", href: "/bookings/\($0.orderID)")
        }
        let model = Model(reference: FormField("booking_reference", reference, errors: errors),
                          familyName: FormField("family_name", familyName, errors: errors), formError: formError, trips: trips)
        return site.renderer.render("manage", title: visit.strings["manage.title"], page: model, visit: visit, status: status)
    }
}
