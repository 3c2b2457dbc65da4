import Booking
import SQLKit
import SkyportDomain
import SkyportStore

extension StormReplay {
    /// How the day went, read back from the database.
    public struct Summary: Sendable, Codable, Equatable {
        public var flights = 0
        public var departed = 0
        public var cancelled = 0
        public var bookings = 0
        /// Disruptions by the highest level each reached.
        public var disruptions: [String: Int] = [:]
        /// Messages worded, and the passengers they were for.
        public var messages = 0
        public var passengersTold = 0
        /// Moves to a held alternative (a booking moved twice counts twice), and bookings refunded.
        public var rebookings = 0
        public var bookingsRefunded = 0
        /// Deliveries by channel and status (`inbox/delivered`, `webhook/pending`, ...).
        public var deliveries: [String: Int] = [:]
        /// Whether every cabin's sold seats equal the seats of its confirmed bookings and live holds, within capacity.
        public var inventoryConsistent = false
    }

    public func summary() async throws -> Summary {
        let day = plan.date.iso
        return try await database.read { sql in
            var summary = Summary()
            let flights = try await FlightStore.flights(departingOn: day, on: sql)
            summary.flights = flights.count
            summary.departed = try await DepartureStore.departed(among: flights.map(\.id), on: sql).count
            summary.cancelled = flights.filter(\.isCancelled).count
            // The replay's database holds the replay's bookings only.
            summary.bookings = try await BookingFiguresStore.orderCount(on: sql)
            summary.disruptions = try await DisruptionStore.countsByPeakLevel(on: sql)
            (summary.messages, summary.passengersTold, summary.deliveries) = try await NotificationStore.totals(on: sql)
            (summary.rebookings, summary.bookingsRefunded) = try await ManifestStore.changeCounts(on: sql)
            summary.inventoryConsistent = try await ManifestStore.inventoryIsConsistent(on: sql)
            return summary
        }
    }
}
