import Accounts
import Booking
import CustomerData
import Foundation
import Operations
import SkyportDomain
import SkyportHTTP
import SkyportWeb

extension SkyportRuntime {
    /// The browser's cookies, language and anti-forgery tokens, for the customer pages and the command center's.
    func visitResolver(signer: Signer, limiter: AttemptLimiter) throws -> VisitResolver {
        VisitResolver(signer: signer, accounts: accounts(limiter: limiter), strings: try Strings.bundled(), secureCookies: configuration.secureCookies)
    }

    /// Where the site's own email goes: the SMTP relay; without one, the log on a local HTTP site, nowhere over HTTPS.
    var siteMailer: any SiteMailer {
        if let relay = configuration.smtpRelay {
            return SMTPSiteMailer(client: SMTPClient(relay: relay), from: configuration.smtpFrom, now: { [clock] in clock.now })
        }
        return configuration.secureCookies ? UnsentSiteMailer() : LoggedSiteMailer(logger: logger)
    }

    /// The customer web site over the booking services and customer accounts.
    public func webSite() async throws -> WebSite {
        let limiter = self.limiter
        let accounts = accounts(limiter: limiter)
        let visits = try visitResolver(signer: Signer(secret: try configuration.resolvedSecretKey()), limiter: limiter)
        // With the built-in test processor, the checkout documents its test cards.
        let sources = EventSources(database: database)
        let analyticsKey = try await sources.webSite(now: nowMilliseconds()).writeKey
        let renderer = try await PageRenderer.bundled(testMode: payments is TestPaymentProcessor, analyticsKey: analyticsKey)
        let suggestions = PersonalizedSuggestions(personalization: personalization, network: services.network,
                                                  fallback: PopularRoutes(network: services.network))
        let visitorEvents = ServerSideVisitorEvents(collector: EventCollector(database: database, suppressions: suppressions),
                                                    logger: logger, now: nowMilliseconds)
        return WebSite(booking: services, accounts: accounts, accountMail: AccountMail(mailer: siteMailer, publicURL: configuration.publicURL),
                       visits: visits, renderer: renderer, limiter: limiter,
                       suggestions: suggestions, visitorEvents: visitorEvents,
                       operations: SiteOperations(rebooking: operations.rebooking, messages: operations.notifications, flightStatus: operations.flightStatus),
                       loyalty: loyalty, clock: clock, logger: logger)
    }
}
