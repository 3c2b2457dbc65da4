import Accounts
import Booking
import Foundation
import Hummingbird
import Operations
import SkyportDomain
import SkyportHTTP

/// Sign-up, sign-in, sign-out, "my trips" and the profile. Guests can always buy; a booking made
/// as a guest can be filed under the account later, from the booking or from this page.
struct AccountPages: Sendable {
    let site: WebSite

    struct SignInModel {
        let email: FormField
        let password: FormField
        let next: String
        let formError: String?
    }

    struct SignUpModel {
        let email: FormField
        let password: FormField
        let givenName: FormField
        let familyName: FormField
        let next: String
        let formError: String?
        let minimumLength: Int
    }

    struct AccountModel {
        let name: String
        let email: String
        let givenName: FormField
        let familyName: FormField
        let phone: FormField
        let languages: [SelectOption]
        let upcoming: [TripRow]
        let past: [TripRow]
        let onThisDevice: [TripRow]
        let notice: String?
        /// Messages about the customer's bookings, newest first.
        let inbox: InboxModel?
    }

    struct TripRow {
        let id: String
        let reference: String
        let route: String
        let date: String
        let status: String
        let total: String
        let href: String
    }

    func register(on router: Router<AppRequestContext>) {
        router.get("/account/sign-in") { request, context -> HTMLResponse in
            let visit = try await site.visits.resolve(request, context: context)
            let next = SafeRedirect.path(FormData(query: request)["next"] ?? "/account")
            return signIn(visit: visit, email: "", next: next, errors: [:], formError: nil, status: .ok)
        }
        router.post("/account/sign-in") { request, context -> HTMLResponse in
            var visit = try await site.visits.resolve(request, context: context)
            let form = try await site.checkedForm(request, visit: visit)
            let next = SafeRedirect.path(form["next"] ?? "/account")
            do {
                let session = try await site.accounts.signIn(email: form.trimmed("email"), password: form["password"], client: visit.clientAddress)
                site.visits.signIn(session, in: &visit)
                await site.visitorEvents?.signedIn(session.customer, anonymousID: visit.anonymousID)
                return .redirect(to: next, cookies: visit.cookies)
            } catch let error as ServiceError {
                let status: HTTPResponse.Status = error.kind == .rateLimited ? .tooManyRequests : .unauthorized
                return signIn(visit: visit, email: form["email"] ?? "", next: next, errors: [:], formError: visit.message(for: error), status: status)
            }
        }
        router.get("/account/sign-up") { request, context -> HTMLResponse in
            let visit = try await site.visits.resolve(request, context: context)
            let next = SafeRedirect.path(FormData(query: request)["next"] ?? "/account")
            return signUp(visit: visit, form: FormData(), next: next, errors: [:], formError: nil, status: .ok)
        }
        router.post("/account/sign-up") { request, context -> HTMLResponse in
            var visit = try await site.visits.resolve(request, context: context)
            let form = try await site.checkedForm(request, visit: visit)
            let next = SafeRedirect.path(form["next"] ?? "/account")
            do {
                let session = try await site.accounts.signUp(SignUpInput(
                    email: form.trimmed("email"), password: form["password"], givenName: form.trimmed("given_name"),
                    familyName: form.trimmed("family_name"), preferredLanguage: visit.language.rawValue), client: visit.clientAddress)
                site.visits.signIn(session, in: &visit)
                await site.visitorEvents?.signedIn(session.customer, anonymousID: visit.anonymousID)
                return .redirect(to: next, cookies: visit.cookies)
            } catch let failure as ValidationFailure {
                let errors = visit.fieldErrors(failure.issues) { $0 ?? "email" }
                return signUp(visit: visit, form: form, next: next, errors: errors, formError: visit.strings["checkout.fix_errors"], status: .unprocessableContent)
            } catch let error as ServiceError where error.code == "email_taken" {
                return signUp(visit: visit, form: form, next: next, errors: ["email": visit.message(for: error)], formError: nil, status: .conflict)
            } catch let error as ServiceError where error.kind == .rateLimited {
                return signUp(visit: visit, form: form, next: next, errors: [:], formError: visit.message(for: error), status: .tooManyRequests)
            }
        }
        router.post("/account/sign-out") { request, context -> HTMLResponse in
            var visit = try await site.visits.resolve(request, context: context)
            _ = try await site.checkedForm(request, visit: visit)
            try await site.visits.signOut(&visit)
            return .redirect(to: "/", cookies: visit.cookies)
        }
        router.get("/account") { request, context -> HTMLResponse in
            let visit = try await site.visits.resolve(request, context: context)
            guard visit.customer != nil else { return .redirect(to: "/account/sign-in?next=/account", cookies: visit.cookies) }
            let notice = FormData(query: request)["notice"].flatMap { visit.strings.table["notice." + $0] }
            return try await account(visit: visit, form: nil, errors: [:], notice: notice, status: .ok)
        }
        router.get("/account/messages/stream") { request, context -> Response in
            let visit = try await site.visits.resolve(request, context: context)
            guard let customer = visit.customer, let operations = site.operations else { throw WebError.notFound }
            return try await MessageStream.response(poll: operations.streamPollSeconds) {
                try await operations.messages.inbox(customerID: customer.id, limit: 10)
            }
        }
        router.post("/account/profile") { request, context -> HTMLResponse in
            var visit = try await site.visits.resolve(request, context: context)
            let form = try await site.checkedForm(request, visit: visit)
            guard let customer = visit.customer else { return .redirect(to: "/account/sign-in?next=/account", cookies: visit.cookies) }
            do {
                let updated = try await site.accounts.updateProfile(customerID: customer.id, ProfileInput(
                    givenName: form.trimmed("given_name"), familyName: form.trimmed("family_name"), phone: form.trimmed("phone"),
                    preferredLanguage: form.trimmed("preferred_language")))
                if let language = updated.preferredLanguage.flatMap(Language.init(rawValue:)) { site.visits.chooseLanguage(language, in: &visit) }
                return .redirect(to: "/account?notice=profile_saved", cookies: visit.cookies)
            } catch let failure as ValidationFailure {
                let errors = visit.fieldErrors(failure.issues) { $0 ?? "given_name" }
                return try await account(visit: visit, form: form, errors: errors, notice: nil, status: .unprocessableContent)
            }
        }
    }

    private func signIn(visit: Visit, email: String, next: String, errors: [String: String], formError: String?,
                        status: HTTPResponse.Status) -> HTMLResponse {
        let model = SignInModel(email: FormField("email", email, errors: errors), password: FormField("password", "", errors: errors),
                                next: next, formError: formError)
        return site.renderer.render("sign_in", title: visit.strings["sign_in.title"], page: model, visit: visit, status: status)
    }

    private func signUp(visit: Visit, form: FormData, next: String, errors: [String: String], formError: String?,
                        status: HTTPResponse.Status) -> HTMLResponse {
        let model = SignUpModel(email: FormField("email", form["email"] ?? "", errors: errors), password: FormField("password", "", errors: errors),
                                givenName: FormField("given_name", form["given_name"] ?? "", errors: errors),
                                familyName: FormField("family_name", form["family_name"] ?? "", errors: errors),
                                next: next, formError: formError, minimumLength: PasswordRules.minimumLength)
        return site.renderer.render("sign_up", title: visit.strings["sign_up.title"], page: model, visit: visit, status: status)
    }

    private func account(visit: Visit, form: FormData?, errors: [String: String], notice: String?, status: HTTPResponse.Status) async throws -> HTMLResponse {
        guard let customer = visit.customer else { throw WebError.notFound }
        let trips = try await site.booking.repository.trips(customerID: customer.id)
        let now = Int64(site.clock.now.timeIntervalSince1970)
        let rows = trips.map { row($0, visit: visit) }
        // Bookings this browser opened that are in no account yet, ready to be added to this one.
        let device = try await site.booking.repository.trips(orderIDs: visit.tripIDs).filter { $0.customerID == nil }.map { row($0, visit: visit) }
        let language = form?["preferred_language"] ?? customer.preferredLanguage ?? visit.language.rawValue
        var inbox: InboxModel?
        if let operations = site.operations {
            inbox = InboxModel(try await operations.messages.inbox(customerID: customer.id, limit: 20), streamURL: "/account/messages/stream",
                               emptyText: visit.strings["messages.none_account"], visit: visit)
        }
        let model = AccountModel(
            name: "\(customer.givenName) \(customer.familyName)", email: customer.email,
            givenName: FormField("given_name", form?["given_name"] ?? customer.givenName, errors: errors),
            familyName: FormField("family_name", form?["family_name"] ?? customer.familyName, errors: errors),
            phone: FormField("phone", form?["phone"] ?? customer.phone ?? "", errors: errors),
            languages: Language.allCases.map { SelectOption(value: $0.rawValue, label: $0.nativeName, selected: $0.rawValue == language) },
            upcoming: zip(trips, rows).filter { $0.0.departsAt > now }.map(\.1).reversed(),
            past: zip(trips, rows).filter { $0.0.departsAt <= now }.map(\.1),
            onThisDevice: device, notice: notice, inbox: inbox)
        return site.renderer.render("account", title: visit.strings["account.title"], page: model, visit: visit, status: status)
    }

    private func row(_ trip: TripSummary, visit: Visit) -> TripRow {
        let departs = visit.format.localDateTime(trip.departingAtLocal)
        return TripRow(id: trip.orderID, reference: trip.bookingReference, route: "\(trip.origin) → \(trip.destination)",
                       date: departs.map { "\(visit.format.longDate($0.date)) \($0.time)" } ?? trip.departingAtLocal,
                       status: visit.strings["status." + trip.status], total: visit.format.money(trip.total), href: "/bookings/\(trip.orderID)")
    }
}
