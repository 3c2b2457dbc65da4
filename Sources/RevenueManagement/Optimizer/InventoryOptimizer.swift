import Booking
import Foundation
import Logging
import SkyportDomain

/// Sets every cabin's booking limits from forecasts: the pickup method learns per market and cabin from the flights
/// that departed in the last `historyDays`, forecasts the bookings still to come per class for each flight on sale,
/// and EMSR-b turns them into nested limits and a bid price, stored through Booking's `InventoryControls`.
///
/// A cabin whose market has fewer than `minimumHistory` departed flights with bookings keeps the load-factor rule.
///
/// With `awardValue` (what an award seat is worth to the airline: the deferred value of the miles it takes), the
/// cabin's award class joins the nesting below the cheapest class as a class of that fare and no demand of its own:
/// EMSR-b then protects for every revenue class against it, so award seats are released only where revenue demand
/// is not expected to take them.
public struct InventoryOptimizer: Sendable {
    let controls: InventoryControls
    let pricing: FarePricing
    let now: @Sendable () -> Int64
    let logger: Logger
    public var method: PickupForecaster.Method
    public var historyDays: Int
    public var horizonDays: Int
    public var minimumHistory: Int
    /// The value of an award seat on a flight of this distance in this cabin; nil leaves award classes to their rule.
    public var awardValue: (@Sendable (_ distanceMiles: Int, _ cabin: Cabin) -> Money)?

    public init(controls: InventoryControls, pricing: FarePricing, method: PickupForecaster.Method = .additive, historyDays: Int = 91,
                horizonDays: Int = 120, minimumHistory: Int = 5, logger: Logger, now: @escaping @Sendable () -> Int64) {
        self.controls = controls
        self.pricing = pricing
        self.method = method
        self.historyDays = historyDays
        self.horizonDays = horizonDays
        self.minimumHistory = minimumHistory
        self.logger = logger
        self.now = now
    }

    /// What one pass did.
    public struct Pass: Sendable, Equatable {
        /// Markets with enough history to forecast (the others keep the load-factor rule).
        public var markets = 0
        /// Cabins given new limits.
        public var optimized = 0
        /// Cabins left alone: unchanged since their last pass.
        public var unchanged = 0
        /// Cabins of markets with history whose cabin has none (a business cabin where only economy sold); markets
        /// without history are not read at all and keep the load-factor rule.
        public var withoutHistory = 0
    }

    /// The pickup forecasters by market and cabin, learned from what departed in the last `historyDays`.
    public func learn() async throws -> Forecasters {
        let end = now()
        let histories = PickupHistory.histories(from: try await controls.bookings(departingFrom: end - Int64(historyDays) * 86_400, to: end))
        return Forecasters(byMarket: histories.filter { $0.value.count >= minimumHistory }.mapValues {
            PickupForecaster(method: method, histories: $0, classCount: $0[0].bookings[0].count)
        })
    }

    /// The learned forecasters; reused between passes (learning reads every departed booking).
    public struct Forecasters: Sendable {
        let byMarket: [PickupHistory.Key: PickupForecaster]

        public var markets: Int { byMarket.count }
    }

    /// Optimizes the cabins on sale: all of them, or with `onlyChanged` those whose seats sold moved since their last
    /// pass or whose last pass is older than `staleAfter` seconds (the forecast moves with the days left).
    public func optimize(with forecasters: Forecasters, onlyChanged: Bool = false, staleAfter: Int64 = 6 * 3_600) async throws -> Pass {
        let start = now(), end = start + Int64(horizonDays) * 86_400
        // Only the markets with history are read: the others keep the load-factor rule, and an airline without any
        // history costs nothing.
        let markets = Set(forecasters.byMarket.keys.map { MarketKey(origin: $0.origin, destination: $0.destination) })
        var pass = Pass(markets: markets.count)
        for market in markets.sorted(by: { ($0.origin, $0.destination) < ($1.origin, $1.destination) }) {
            let cabins = try await controls.cabinsOnSale(departingFrom: start, to: end, market: (market.origin, market.destination))
            let onHand = Dictionary(grouping: try await controls.bookings(departingFrom: start, to: end, market: (market.origin, market.destination))
                .filter { $0.cancelledAt == nil }) { $0.flightID + "/" + $0.cabin }
            var optimizations: [InventoryControls.Optimization] = []
            for cabin in cabins {
                if onlyChanged, cabin.optimizedSold == cabin.sold, let at = cabin.optimizedAt, start - at < staleAfter {
                    pass.unchanged += 1
                    continue
                }
                guard let forecaster = forecasters.byMarket[.init(origin: cabin.origin, destination: cabin.destination, cabin: cabin.cabin.rawValue)] else {
                    pass.withoutHistory += 1
                    continue
                }
                optimizations.append(optimization(for: cabin, forecaster: forecaster, bookings: onHand[cabin.flightID + "/" + cabin.cabin.rawValue] ?? [], at: start))
                pass.optimized += 1
                if optimizations.count == 200 {
                    try await controls.apply(optimizations)
                    optimizations.removeAll()
                }
            }
            try await controls.apply(optimizations)
        }
        return pass
    }

    private struct MarketKey: Hashable {
        let origin: String
        let destination: String
    }

    /// EMSR-b over the forecast of one cabin's remaining demand.
    func optimization(for cabin: InventoryControls.CabinOnSale, forecaster: PickupForecaster, bookings: [InventoryControls.Booking],
                      at moment: Int64) -> InventoryControls.Optimization {
        let ladder = FareLadder.classes(in: cabin.cabin)
        let booked = ladder.map { bookingClass in bookings.filter { $0.classCode == bookingClass.code }.map(\.seats).reduce(0, +) }
        let daysBefore = max(0, Double(cabin.departsAt - moment) / 86_400)
        let weekday = PickupHistory.weekday(of: cabin.departsAt)
        let remaining = forecaster.remainingDemand(weekday: weekday, daysBefore: daysBefore, booked: booked)
        let fares = ladder.map { pricing.adultBase(bookingClass: $0, distanceMiles: cabin.distanceMiles) }
        let highestFirst = ladder.indices.reversed().map {
            ClassDemand(fare: Double(fares[$0].minorUnits), mean: remaining[$0].mean, standardDeviation: remaining[$0].standardDeviation)
        }
        let award = awardValue.map { ClassDemand(fare: Double($0(cabin.distanceMiles, cabin.cabin).minorUnits), mean: 0, standardDeviation: 0) }
        let limits = EMSRb.bookingLimits(capacity: cabin.capacity, classes: highestFirst + (award.map { [$0] } ?? []))
        let bid = EMSRb.bidPrice(remainingSeats: cabin.capacity - cabin.sold, classes: highestFirst)
        var byCode: [String: Int] = [:], forecast: [String: InventoryControls.ForecastedDemand] = [:]
        for (position, index) in ladder.indices.reversed().enumerated() {
            byCode[ladder[index].code] = limits[position]
            forecast[ladder[index].code] = .init(mean: remaining[index].mean, standardDeviation: remaining[index].standardDeviation)
        }
        if award != nil, let last = limits.last { byCode[FareLadder.award(in: cabin.cabin).code] = last }
        return InventoryControls.Optimization(flightID: cabin.flightID, cabin: cabin.cabin, limits: byCode,
                                              bidPrice: Money(minorUnits: Int64(bid.rounded()), currency: pricing.currency),
                                              forecast: forecast, sold: cabin.sold)
    }
}
