import Accounts
import Booking
import Foundation
import Hummingbird
import Logging
import Loyalty
import SkyportDomain
import SkyportHTTP

/// The customer web site: every page, form and redirect, registered on the application's router
/// beside the JSON API and built on the same booking services.
public struct WebSite: Sendable {
    let booking: BookingServices
    let accounts: AccountService
    /// The emails of sign-up.
    let accountMail: AccountMail
    let visits: VisitResolver
    let renderer: PageRenderer
    let limiter: AttemptLimiter
    let suggestions: any SuggestionProvider
    let visitorEvents: (any VisitorEvents)?
    /// Disruptions on bookings and passengers' messages; nil runs the site without them.
    let operations: SiteOperations?
    /// The loyalty programme of My account; nil runs the site without it.
    let loyalty: LoyaltyProgrammeService?
    let clock: BookingClock
    let logger: Logger

    public init(booking: BookingServices, accounts: AccountService, accountMail: AccountMail, visits: VisitResolver, renderer: PageRenderer,
                limiter: AttemptLimiter, suggestions: any SuggestionProvider, visitorEvents: (any VisitorEvents)? = nil,
                operations: SiteOperations? = nil, loyalty: LoyaltyProgrammeService? = nil, clock: BookingClock, logger: Logger) {
        self.loyalty = loyalty
        self.booking = booking
        self.accounts = accounts
        self.accountMail = accountMail
        self.visits = visits
        self.renderer = renderer
        self.limiter = limiter
        self.suggestions = suggestions
        self.visitorEvents = visitorEvents
        self.operations = operations
        self.clock = clock
        self.logger = logger
    }

    /// Adds the site's pages, each behind its security headers and friendly error pages.
    public func register(on routes: some RouterMethods<AppRequestContext>) {
        let router = routes.group()
        for middleware in unmatchedRequestMiddleware { router.add(middleware: middleware) }
        AssetRoutes(assets: renderer.assets).register(on: router)
        HomePage(site: self).register(on: router)
        ResultsPage(site: self).register(on: router)
        FareCalendarPage(site: self).register(on: router)
        CheckoutPage(site: self).register(on: router)
        BookingPages(site: self).register(on: router)
        ExtrasPage(site: self).register(on: router)
        ChangePage(site: self).register(on: router)
        CheckInPages(site: self).register(on: router)
        FlightStatusPage(site: self).register(on: router)
        ManagePage(site: self).register(on: router)
        AccountPages(site: self).register(on: router)
        LanguageSwitch(site: self).register(on: router)
    }

    /// What answers a request that no route matches, as it answers the site's own pages: the 404 page (JSON on the
    /// API's paths) with the site's security headers.
    public var unmatchedRequestMiddleware: [any MiddlewareProtocol<Request, Response, AppRequestContext>] {
        [SecurityHeadersMiddleware(), ErrorPagesMiddleware(site: self)]
    }

    /// Today in UTC, and the last date on sale (nil before the first import).
    func calendar() async throws -> (today: LocalDate, lastDate: LocalDate?) {
        let snapshot = try await booking.network.current()
        return (WallClock.utc.localDate(of: clock.now), snapshot.lastScheduledDate)
    }

    /// The form's values when its anti-forgery token is good; throws `forgedForm` otherwise.
    func checkedForm(_ request: Request, visit: Visit) async throws -> FormData {
        let form = try await FormData.read(request)
        try visits.checkForgery(form, visit: visit)
        return form
    }
}
