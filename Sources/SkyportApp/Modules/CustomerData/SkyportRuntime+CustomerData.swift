import Booking
import CustomerData

extension SkyportRuntime {
    /// Recommendations from profiles, priced by the booking engine.
    public var personalization: Personalization {
        Personalization(database: database, fares: BookingFareQuotes(shopping: services.shopping),
                        popular: BookingPopularDestinations(database: database, now: now), now: nowMilliseconds)
    }

    /// Turns collected events into profiles. Each read builds a new processor with its own caches: the module
    /// builds one and shares it between its routes and its loop.
    public var profileProcessor: ProfileProcessor {
        ProfileProcessor(database: database, logger: logger, now: nowMilliseconds)
    }

    /// Feeds the booking engine's orders and cancellations to the customer data platform.
    public var bookingEventRelay: BookingEventRelay {
        BookingEventRelay(database: database, logger: logger, now: nowMilliseconds)
    }
}
