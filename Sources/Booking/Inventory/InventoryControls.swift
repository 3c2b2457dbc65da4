import Foundation
import SQLKit
import SkyportDomain
import SkyportStore

/// The controls on each flight's seat inventory: booking limits per class (revenue management's, or an operator's
/// override, which wins until removed), the optimizer's last forecast and bid price, and the audit trail of every
/// operator change. Revenue management reads booking history and writes limits only through this API.
public struct InventoryControls: Sendable {
    let database: any Database
    let pricing: FarePricing
    let clock: BookingClock

    public init(database: any Database, pricing: FarePricing, clock: BookingClock) {
        self.database = database
        self.pricing = pricing
        self.clock = clock
    }

    /// Where a class's limit comes from.
    public enum LimitSource: String, Sendable, Codable {
        case optimizer
        case override
        /// No limit is set: the class closes at its load factor.
        case loadFactorRule = "load_factor_rule"
    }

    /// A cabin on sale, as the optimizer sees it.
    public struct CabinOnSale: Sendable {
        public let flightID: String
        public let origin: String
        public let destination: String
        /// The local departure date, `YYYY-MM-DD`.
        public let departureDate: String
        public let departsAt: Int64
        public let distanceMiles: Int
        public let cabin: Cabin
        public let capacity: Int
        public let sold: Int
        /// Seats sold when the optimizer last set its limits (nil: never).
        public let optimizedSold: Int?
        public let optimizedAt: Int64?
    }

    /// The cabins of flights on sale departing in `[start, end)` (of one market, when given), by departure.
    public func cabinsOnSale(departingFrom start: Int64, to end: Int64, market: (origin: String, destination: String)? = nil) async throws -> [CabinOnSale] {
        try await database.read { sql in
            try await InventoryControlStore.cabinsOnSale(departingFrom: start, to: end, market: market, on: sql).compactMap { row in
                guard let cabin = Cabin(rawValue: row.cabin) else { return nil }
                return CabinOnSale(flightID: row.flight_id, origin: row.origin, destination: row.destination, departureDate: row.departure_date, departsAt: row.departs_at,
                                   distanceMiles: row.distance_miles, cabin: cabin, capacity: row.capacity, sold: row.sold,
                                   optimizedSold: row.optimized_sold, optimizedAt: row.optimized_at)
            }
        }
    }

    /// Whether any order was ever made.
    public func hasBookings() async throws -> Bool {
        try await database.read { sql in try await InventoryControlStore.hasOrders(on: sql) }
    }

    /// Seats one order took in one class of one flight's cabin, when it was made and (if it was) cancelled.
    public struct Booking: Sendable {
        public let flightID: String
        public let origin: String
        public let destination: String
        public let departsAt: Int64
        public let cabin: String
        public let classCode: String
        public let seats: Int
        public let bookedAt: Int64
        public let cancelledAt: Int64?
    }

    /// Every booking of the flights departing in `[start, end)` (of one market, when given): the history revenue management learns from, and
    /// the bookings on hand of the flights still on sale.
    public func bookings(departingFrom start: Int64, to end: Int64, market: (origin: String, destination: String)? = nil) async throws -> [Booking] {
        try await database.read { sql in
            try await InventoryControlStore.bookedSeats(departingFrom: start, to: end, market: market, on: sql).map {
                Booking(flightID: $0.flight_id, origin: $0.origin, destination: $0.destination, departsAt: $0.departs_at, cabin: $0.cabin,
                        classCode: $0.booking_class, seats: $0.seats, bookedAt: $0.created_at, cancelledAt: $0.cancelled_at)
            }
        }
    }

    /// What the optimizer decided for one cabin.
    public struct Optimization: Sendable {
        public let flightID: String
        public let cabin: Cabin
        /// Nested booking limits by class code.
        public let limits: [String: Int]
        /// The value of the last seat: a fare below it is not worth selling now.
        public let bidPrice: Money
        /// Expected bookings still to come per class code, with their standard deviations.
        public let forecast: [String: ForecastedDemand]
        /// Seats sold when it was computed.
        public let sold: Int

        public init(flightID: String, cabin: Cabin, limits: [String: Int], bidPrice: Money, forecast: [String: ForecastedDemand], sold: Int) {
            self.flightID = flightID
            self.cabin = cabin
            self.limits = limits
            self.bidPrice = bidPrice
            self.forecast = forecast
            self.sold = sold
        }
    }

    public struct ForecastedDemand: Sendable, Codable, Equatable {
        public let mean: Double
        public let standardDeviation: Double

        public init(mean: Double, standardDeviation: Double) {
            self.mean = mean
            self.standardDeviation = standardDeviation
        }

        enum CodingKeys: String, CodingKey {
            case mean
            case standardDeviation = "standard_deviation"
        }
    }

    /// Stores the optimizer's limits for a cabin in one transaction; classes an operator has overridden keep theirs.
    public func apply(_ optimizations: [Optimization]) async throws {
        guard !optimizations.isEmpty else { return }
        let now = Int64(clock.now.timeIntervalSince1970)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let rows = try optimizations.map { ($0, String(decoding: try encoder.encode($0.forecast), as: UTF8.self)) }
        try await database.transaction { sql in
            for (optimization, forecast) in rows {
                let existing = try await InventoryControlStore.limitRows(of: optimization.flightID, on: sql).filter { $0.cabin == optimization.cabin.rawValue }
                let overridden = Set(existing.filter { $0.source == LimitSource.override.rawValue }.map(\.class_code))
                let current = Dictionary(uniqueKeysWithValues: existing.map { ($0.class_code, $0.seat_limit) })
                var changed = false
                for (code, limit) in optimization.limits where !overridden.contains(code) && current[code] != limit {
                    try await InventoryControlStore.setLimit(limit, flightID: optimization.flightID, cabin: optimization.cabin.rawValue, classCode: code,
                                                             source: LimitSource.optimizer.rawValue, at: now, on: sql)
                    changed = true
                }
                try await InventoryControlStore.recordOptimization(
                    .init(flight_id: optimization.flightID, cabin: optimization.cabin.rawValue, sold: optimization.sold,
                          bid_price_minor: optimization.bidPrice.minorUnits, forecast: forecast, optimized_at: now), on: sql)
                if changed { try await InventoryStore.bumpVersion(of: optimization.flightID, on: sql) }
            }
        }
    }

    /// Removes every limit the optimizer set, so that every class follows the load-factor rule again (operators'
    /// overrides stay): what switching revenue management off does.
    public func removeOptimizedLimits() async throws {
        try await database.transaction { sql in try await InventoryControlStore.removeOptimizedLimits(on: sql) }
    }
}
