import Booking
import Foundation
import Logging
import SkyportDomain
import SkyportStore
import Synchronization

/// Simulated passengers buying through the real booking engine (the fare grid, a signed offer, an order paid with
/// the test card processor), so that everything downstream sees real orders: inventory, the customer data platform,
/// the command center, revenue management's history.
///
/// It is a simulation, seeded and reproducible on the same schedule: the economy cabins of the `markets` busiest
/// markets departing in the plan's window get requests from `DemandModel` (demand = `demandFactor` × seats ×
/// the departure weekday's factor; the 2013 schedule's flights and aircraft carry each route's traffic), each at its
/// moment before departure up to `until`. The engine's clock is moved to each request's moment, so orders carry the
/// time they were made. One passenger per request; the passenger looks at the fare grid and buys the cheapest fare
/// of their brand or above that costs no more than the fare of the highest class they would pay.
public struct BookingSimulator: Sendable {
    let database: any Database
    let secret: String
    let accountingCode: String
    let logger: Logger
    /// The card processor the simulated passengers pay with (the test processor: its settlement report is what the
    /// ledger reconciles with).
    let payments: TestPaymentProcessor

    public init(database: any Database, secret: String, accountingCode: String, logger: Logger, payments: TestPaymentProcessor = TestPaymentProcessor()) {
        self.database = database
        self.secret = secret
        self.accountingCode = accountingCode
        self.logger = logger
        self.payments = payments
    }

    public struct Plan: Sendable {
        public var seed: UInt64
        /// How many of the busiest markets (by departures in the window) get passengers.
        public var markets: Int
        /// Departures in `[firstDeparture, lastDeparture)`, epoch seconds.
        public var firstDeparture: Int64
        public var lastDeparture: Int64
        /// Requests are made up to this moment (now: later ones have not happened yet).
        public var until: Int64
        public var demandFactor: Double
        /// Only markets with at most this many departures a day (on average over the window) are candidates: the
        /// busiest markets of a hub have dozens, and each departure is about a hundred and fifty orders.
        public var maximumDailyDepartures: Int

        public init(seed: UInt64, markets: Int, firstDeparture: Int64, lastDeparture: Int64, until: Int64, demandFactor: Double,
                    maximumDailyDepartures: Int = .max) {
            self.seed = seed
            self.maximumDailyDepartures = maximumDailyDepartures
            self.markets = markets
            self.firstDeparture = firstDeparture
            self.lastDeparture = lastDeparture
            self.until = until
            self.demandFactor = demandFactor
        }
    }

    public struct Summary: Sendable, Equatable {
        public var markets: [String] = []
        public var flights = 0
        public var requests = 0
        public var orders = 0
        /// Requests that found no fare they would pay (or a flight closed for sale).
        public var turnedAway = 0
        public var revenue = Money(minorUnits: 0, currency: .usd)
    }

    public func run(_ plan: Plan, progress: @escaping @Sendable (String) -> Void = { _ in }) async throws -> Summary {
        let clock = SimulationClock(Date(timeIntervalSince1970: TimeInterval(plan.firstDeparture)))
        let pricing = FarePricing(currency: .usd)
        let booking = BookingServices(database: database, secret: secret, payments: payments, accountingCode: accountingCode,
                                      clock: BookingClock { clock.now }, logger: logger, pricing: pricing)
        let cabins = try await booking.inventory.cabinsOnSale(departingFrom: plan.firstDeparture, to: plan.lastDeparture).filter { $0.cabin == .economy }
        let byMarket = Dictionary(grouping: cabins) { "\($0.origin)-\($0.destination)" }
        let days = max(1, Int((plan.lastDeparture - plan.firstDeparture + 86_399) / 86_400))
        let chosen = byMarket.filter { Double($0.value.count) / Double(days) <= Double(plan.maximumDailyDepartures) }
            .sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }.prefix(plan.markets).map(\.key).sorted()
        var summary = Summary(markets: chosen)
        let model = DemandModel.economy(demandFactor: plan.demandFactor)
        var random = SeededRandom(seed: plan.seed)
        var requests: [(at: Int64, cabin: InventoryControls.CabinOnSale, request: BookingRequest)] = []
        for market in chosen {
            for cabin in byMarket[market]!.sorted(by: { ($0.departsAt, $0.flightID) < ($1.departsAt, $1.flightID) }) {
                summary.flights += 1
                let weekday = LocalDate(iso: cabin.departureDate)?.isoWeekday ?? 1
                for request in model.requests(capacity: cabin.capacity, weekday: weekday, using: &random) {
                    let at = cabin.departsAt - Int64(request.daysBeforeDeparture * 86_400)
                    if at < plan.until { requests.append((at, cabin, request)) }
                }
            }
        }
        requests.sort { ($0.at, $0.cabin.flightID) < ($1.at, $1.cabin.flightID) }
        progress("\(requests.count) booking requests for \(summary.flights) flights of \(chosen.joined(separator: ", "))")
        for (index, item) in requests.enumerated() {
            clock.set(Date(timeIntervalSince1970: TimeInterval(item.at)))
            summary.requests += 1
            if let paid = try await buy(item.request, on: item.cabin, number: index, booking: booking, pricing: pricing) {
                summary.orders += 1
                summary.revenue = summary.revenue + paid
            } else {
                summary.turnedAway += 1
            }
            if (index + 1) % 5_000 == 0 { progress("\(index + 1) of \(requests.count) requests, \(summary.orders) orders") }
        }
        return summary
    }

    /// One passenger's purchase: the total paid, or nil when no fare suits them.
    private func buy(_ request: BookingRequest, on cabin: InventoryControls.CabinOnSale, number: Int, booking: BookingServices,
                     pricing: FarePricing) async throws -> Money? {
        let ladder = FareLadder.classes(in: .economy)
        let search = OfferRequestInput(slices: [.init(origin: cabin.origin, destination: cabin.destination, departureDate: cabin.departureDate)],
                                       passengers: [.init(type: "adult")], cabinClass: "economy")
        let grid = try await booking.shopping.fareGrid(search)
        guard let row = grid.slices.first?.first(where: { $0.flight.flightId == cabin.flightID }) else { return nil }
        let most = pricing.fare(for: .adult, bookingClass: ladder[request.highestClass], distanceMiles: cabin.distanceMiles).total
        let fenced = grid.brands.firstIndex(of: ladder[request.lowestClass].brand) ?? 0
        guard let choice = row.fares.enumerated().first(where: { $0.offset >= fenced && ($0.element.map { $0.total <= most } ?? false) }),
              let fare = choice.element else { return nil }
        do {
            let offer = try await booking.shopping.offer(search, selections: [FareSelection(flightID: cabin.flightID, brand: fare.brand)])
            let names = SimulatedPassenger(number: number)
            let input = OrderInput(
                offerId: offer.id,
                passengers: [.init(type: "adult", givenName: names.given, familyName: names.family, birthDate: names.birthDate)],
                contact: .init(email: "passenger\(number)@simulation.example", phoneNumber: "+1212555\(String(format: "%04d", number % 10_000))"),
                payment: .init(card: .init(number: "4242424242424242", expiryMonth: 12, expiryYear: 2035, cvc: "123", holderName: "\(names.given) \(names.family)")))
            _ = try await booking.orders.create(input, idempotencyKey: nil, requestHash: "")
            return fare.total
        } catch let error as ServiceError where error.kind == .conflict {
            return nil
        }
    }
}

/// The engine's clock during a simulation: moved forward to each request's moment.
final class SimulationClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date) {
        current = Mutex(start)
    }

    var now: Date { current.withLock { $0 } }

    func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}

/// A simulated passenger's name and birth date, the same for the same number.
struct SimulatedPassenger {
    static let given = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "John", "Radia", "Ken", "Margaret", "Tim", "Hedy", "Claude", "Katherine", "Dennis"]
    static let family = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Backus", "Perlman", "Thompson", "Hamilton", "Lee", "Lamarr", "Shannon", "Johnson", "Ritchie", "Kim", "Park", "Choi", "Garcia"]

    let given: String
    let family: String
    let birthDate: String

    init(number: Int) {
        given = Self.given[number % Self.given.count]
        family = Self.family[(number / Self.given.count) % Self.family.count]
        birthDate = String(format: "%04d-%02d-%02d", 1950 + number % 50, number % 12 + 1, number % 28 + 1)
    }
}
