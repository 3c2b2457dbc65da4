import Accounts
import Booking
import Foundation
import Hummingbird
import Logging
import Loyalty
import Operations
import SkyportDomain
import SkyportHTTP

/// Sign-up (confirmed by email), sign-in, sign-out, "my trips" and the profile. Guests can always buy; a booking
/// made as a guest can be filed under the account later, from the booking or from this page.
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
        let givenName: FormField
        let familyName: FormField
        let next: String
        let formError: String?
    }

    struct SignUpSentModel {
        let sent: String
    }

    /// The page an emailed link opens: choose the password, or (no `email`) the link no longer works.
    struct ConfirmModel {
        let email: String?
        let intro: String
        let password: FormField
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
        let loyalty: LoyaltyModel?
    }

    /// The member's miles, tier and statement, or the invitation to join.
    struct LoyaltyModel {
        let member: MemberModel?
        let claim: FormField
    }

    struct MemberModel {
        let number: String
        let tier: String
        let tierClass: String
        let balance: String
        let qualifying: String
        let nextTier: String?
        let expiring: String?
        /// The tier's benefits, one line; nil for none.
        let benefits: String?
        let statement: [StatementRow]
    }

    struct StatementRow {
        let date: String
        let description: String
        let miles: String
        let balance: String
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

    func register(on router: some RouterMethods<AppRequestContext>) {
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
            let visit = try await site.visits.resolve(request, context: context)
            let form = try await site.checkedForm(request, visit: visit)
            let next = SafeRedirect.path(form["next"] ?? "/account")
            let signUp: SignUpRequest
            do {
                signUp = try await site.accounts.signUp(SignUpInput(
                    email: form.trimmed("email"), givenName: form.trimmed("given_name"), familyName: form.trimmed("family_name"),
                    preferredLanguage: visit.language.rawValue), returnPath: next, client: visit.clientAddress)
            } catch let failure as ValidationFailure {
                let errors = visit.fieldErrors(failure.issues) { $0 ?? "email" }
                return self.signUp(visit: visit, form: form, next: next, errors: errors, formError: visit.strings["checkout.fix_errors"], status: .unprocessableContent)
            } catch let error as ServiceError where error.kind == .rateLimited {
                return self.signUp(visit: visit, form: form, next: next, errors: [:], formError: visit.message(for: error), status: .tooManyRequests)
            }
            do {
                // Written in the account's language when the email has one, so that its owner can read it.
                let language = signUp.language.flatMap(Language.init(rawValue:)) ?? visit.language
                try await site.accountMail.send(signUp, strings: site.visits.strings(in: language))
            } catch {
                site.logger.error("sign-up email not sent", metadata: ["module": "web", "error": "\(error)"])
                return self.signUp(visit: visit, form: form, next: next, errors: [:], formError: visit.strings["error.mail_unavailable"],
                                   status: .serviceUnavailable)
            }
            // The same page whether or not the email has an account: only its owner learns which, from the email.
            let sent = SignUpSentModel(sent: visit.strings.format("sign_up.sent", [
                "email": signUp.email, "hours": "\(Int(AccountService.signUpLinkLifetime / 3600))",
            ]))
            return site.renderer.render("sign_up_sent", title: visit.strings["sign_up.sent_title"], page: sent, visit: visit)
        }
        router.get("/account/confirm") { request, context -> HTMLResponse in
            var visit = try await site.visits.resolve(request, context: context)
            // The token moves from the address into a cookie at once, so that no page address, referrer or
            // analytics event ever carries it.
            if let token = FormData(query: request)["token"] {
                site.visits.holdSignUpToken(AccountService.isWellFormedSignUpToken(token) ? token : "", in: &visit)
                return .redirect(to: "/account/confirm", cookies: visit.cookies)
            }
            let pending = try await site.accounts.pendingSignUp(token: site.visits.signUpToken(of: request) ?? "")
            return confirm(visit: visit, pending: pending, errors: [:], formError: nil, status: pending == nil ? .notFound : .ok)
        }
        router.post("/account/confirm") { request, context -> HTMLResponse in
            var visit = try await site.visits.resolve(request, context: context)
            let form = try await site.checkedForm(request, visit: visit)
            let token = site.visits.signUpToken(of: request) ?? ""
            do {
                let (session, returnPath) = try await site.accounts.completeSignUp(token: token, password: form["password"])
                site.visits.releaseSignUpToken(in: &visit)
                site.visits.signIn(session, in: &visit)
                await site.visitorEvents?.signedIn(session.customer, anonymousID: visit.anonymousID)
                return .redirect(to: SafeRedirect.path(returnPath), cookies: visit.cookies)
            } catch let failure as ValidationFailure {
                let pending = try await site.accounts.pendingSignUp(token: token)
                let errors = visit.fieldErrors(failure.issues) { $0 ?? "password" }
                return confirm(visit: visit, pending: pending, errors: errors, formError: nil, status: pending == nil ? .notFound : .unprocessableContent)
            } catch let error as ServiceError where error.code == .signUpLinkExpired || error.code == .emailTaken {
                site.visits.releaseSignUpToken(in: &visit)
                return confirm(visit: visit, pending: nil, errors: [:], formError: visit.message(for: error),
                               status: error.kind == .conflict ? .conflict : .notFound)
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
        router.post("/account/loyalty/enrol") { request, context -> HTMLResponse in
            let visit = try await site.visits.resolve(request, context: context)
            _ = try await site.checkedForm(request, visit: visit)
            guard let customer = visit.customer else { return .redirect(to: "/account/sign-in?next=/account", cookies: visit.cookies) }
            guard let loyalty = site.loyalty else { throw WebError.notFound }
            do {
                _ = try await loyalty.enrol(customerID: customer.id, givenName: customer.givenName, familyName: customer.familyName, email: customer.email)
            } catch let error as ServiceError where error.code == .alreadyMember {}
            return .redirect(to: "/account?notice=enrolled#miles", cookies: visit.cookies)
        }
        router.post("/account/loyalty/claims") { request, context -> HTMLResponse in
            let visit = try await site.visits.resolve(request, context: context)
            let form = try await site.checkedForm(request, visit: visit)
            guard let customer = visit.customer else { return .redirect(to: "/account/sign-in?next=/account", cookies: visit.cookies) }
            guard let loyalty = site.loyalty else { throw WebError.notFound }
            do {
                _ = try await loyalty.claim(customerID: customer.id, ticketNumber: form.trimmed("ticket_number") ?? "")
                return .redirect(to: "/account?notice=claimed#miles", cookies: visit.cookies)
            } catch let error as ServiceError {
                return try await account(visit: visit, form: form, errors: ["ticket_number": error.message], notice: nil,
                                         status: APIError.status(for: error.kind))
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
        let model = SignUpModel(email: FormField("email", form["email"] ?? "", errors: errors),
                                givenName: FormField("given_name", form["given_name"] ?? "", errors: errors),
                                familyName: FormField("family_name", form["family_name"] ?? "", errors: errors),
                                next: next, formError: formError)
        return site.renderer.render("sign_up", title: visit.strings["sign_up.title"], page: model, visit: visit, status: status)
    }

    /// The password form of a pending sign-up, or (nil) the page of a link that no longer works.
    private func confirm(visit: Visit, pending: PendingSignUp?, errors: [String: String], formError: String?,
                         status: HTTPResponse.Status) -> HTMLResponse {
        let model = ConfirmModel(email: pending?.email, intro: visit.strings.format("confirm.for", ["email": pending?.email ?? ""]),
                                 password: FormField("password", "", errors: errors),
                                 formError: pending == nil ? formError ?? visit.strings["confirm.expired"] : formError,
                                 minimumLength: PasswordRules.minimumLength)
        let title = visit.strings[pending == nil ? "confirm.expired_title" : "confirm.title"]
        return site.renderer.render("confirm_sign_up", title: title, page: model, visit: visit, status: status)
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
            onThisDevice: device, notice: notice, inbox: inbox,
            loyalty: try await loyaltyModel(customerID: customer.id, form: form, errors: errors, visit: visit))
        return site.renderer.render("account", title: visit.strings["account.title"], page: model, visit: visit, status: status)
    }

    private func loyaltyModel(customerID: String, form: FormData?, errors: [String: String], visit: Visit) async throws -> LoyaltyModel? {
        guard let loyalty = site.loyalty else { return nil }
        let claim = FormField("ticket_number", form?["ticket_number"] ?? "", errors: errors)
        guard let member = try await loyalty.member(customerID: customerID) else { return LoyaltyModel(member: nil, claim: claim) }
        let strings = visit.strings
        func miles(_ value: Int) -> String { visit.format.integer(value) }
        let tierName = strings["loyalty.tier." + member.tier.name]
        var benefits: [String] = []
        if member.tier.extraBags > 0 { benefits.append(strings.format("loyalty.benefits_bags", ["bags": String(member.tier.extraBags)])) }
        if member.tier.lounge { benefits.append(strings["loyalty.benefits_lounge"]) }
        let statement = try await loyalty.statement(customerID: customerID, limit: 50).map {
            StatementRow(date: LocalDate(iso: $0.date).map { visit.format.longDate($0) } ?? $0.date, description: $0.description,
                         miles: ($0.miles > 0 ? "+" : "") + miles($0.miles), balance: miles($0.balanceAfter))
        }
        return LoyaltyModel(member: MemberModel(
            number: member.printedNumber, tier: tierName, tierClass: member.tier.name, balance: miles(member.balance),
            qualifying: strings.format("loyalty.qualifying", ["miles": miles(member.qualifyingMiles), "segments": String(member.qualifyingSegments)]),
            nextTier: member.nextTier.map {
                strings.format("loyalty.next_tier", ["miles": miles($0.milesToGo), "segments": String($0.segmentsToGo),
                                                     "tier": strings["loyalty.tier." + $0.tier]])
            },
            expiring: member.expiringNext.map {
                strings.format("loyalty.expiring", ["miles": miles($0.miles), "date": LocalDate(iso: $0.on).map { visit.format.longDate($0) } ?? $0.on])
            },
            benefits: benefits.isEmpty ? nil : benefits.joined(separator: " · "), statement: statement), claim: claim)
    }

    private func row(_ trip: TripSummary, visit: Visit) -> TripRow {
        let departs = visit.format.localDateTime(trip.departingAtLocal)
        return TripRow(id: trip.orderID, reference: trip.bookingReference, route: "\(trip.origin) → \(trip.destination)",
                       date: departs.map { "\(visit.format.longDate($0.date)) \($0.time)" } ?? trip.departingAtLocal,
                       status: visit.strings["status." + trip.status.rawValue], total: visit.format.money(trip.total), href: "/bookings/\(trip.orderID)")
    }
}
