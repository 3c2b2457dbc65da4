import Accounts
import CustomerData
import Booking
import Hummingbird
import ServiceLifecycle
import SkyportDomain
import SkyportHTTP
import SkyportStore

/// The customer data platform: Segment-compatible collection, profiles, segments, privacy and personalization, and
/// in the background the profiles built from events and the booking engine's events relayed to it.
///
/// | variable | default | meaning |
/// |---|---|---|
/// | `SKYPORT_CDP_PROFILES` | `on` | `off`: this instance only collects; another builds profiles and relays booking events |
struct CustomerDataModule: SkyportModule {
    static let entry = ServiceCatalogue.Entry(.cdp, title: "Customer data")
    /// Its tables.
    static let migrations: [Migration] = CustomerDataSchema.migrations
    let runtime: SkyportRuntime
    /// One processor for the routes and the loop, so that they share its caches.
    let processor: ProfileProcessor
    /// Whether this instance builds profiles and relays booking events in the background.
    let buildsProfiles: Bool

    init(runtime: SkyportRuntime) throws {
        self.runtime = runtime
        processor = runtime.profileProcessor
        buildsProfiles = try runtime.configuration.scope.isOn("SKYPORT_CDP_PROFILES", default: true)
    }

    func routes() -> RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        let database = runtime.database, now = runtime.nowMilliseconds
        let sources = EventSources(database: database)
        let access = OperatorAccess(tokens: runtime.operatorTokens)
        let accounts = runtime.customerAccounts
        CollectionController(sources: sources, collector: EventCollector(database: database, suppressions: runtime.suppressions), now: now)
            .register(on: routes)
        EventSourcesController(sources: sources, access: access, now: { now() / 1000 }).register(on: routes)
        ProfilesController(directory: ProfileDirectory(database: database, now: now),
                           privacy: PrivacyService(database: database, suppressions: runtime.suppressions, now: now),
                           processor: processor, access: access).register(on: routes)
        SegmentsController(segments: SegmentStore(database: database, now: now), access: access).register(on: routes)
        PersonalizationController(personalization: runtime.personalization, customerOfSession: { try await accounts.session(token: $0)?.customer.id },
                                  today: { [clock = runtime.clock] in WallClock.utc.localDate(of: clock.now).iso }).register(on: routes)
        return routes
    }

    var services: [any Service] {
        guard buildsProfiles else { return [] }
        let processor = processor, relay = runtime.bookingEventRelay
        return [
            BackgroundService("customer profiles") { await processor.run() },
            BackgroundService("booking events to the customer data platform") { await relay.run() },
        ]
    }

    func health() async -> ModuleHealth {
        ModuleHealth(.ready)
    }
}
