import Accounting
import Booking
import Foundation
import Logging
import RevenueManagement
import SQLKit
import SkyportContracts
import SkyportDomain
import SkyportStore
import SkyportTestSupport

// Revenue accounting's throughput (BENCHMARKS.md, "Revenue accounting"), on SQLite (synchronous=full, as served) and on
// PostgreSQL when SKYPORT_BENCH_POSTGRES_URL is set:
// 1. the baseline: simulated passengers buying through the real engine (the booking simulator) for a week of the fixture
//    network's departures, in orders/s, and the ledger posting what those orders wrote, in events/s;
// 2. a year of sales written to the outbox through the booking engine's contracts (TICKETS_PER_DAY tickets a day, one or
//    two coupons, bags, captures, refunds, departures thirty days after the sale with one passenger in seven a no-show),
//    posted in events/s; then the trial balance, the liability report and the year's revenue report, each timed ROUNDS times.

let environment = ProcessInfo.processInfo.environment
let rounds = Int(environment["ROUNDS"] ?? "5") ?? 5
let ticketsPerDay = Int(environment["TICKETS_PER_DAY"] ?? "200") ?? 200
let postgresURL = environment["SKYPORT_BENCH_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
let logger: Logger = {
    var logger = Logger(label: "skyport.bench")
    logger.logLevel = .error
    return logger
}()

func open() async throws -> (any Database, @Sendable () async -> Void) {
    try await BenchmarkDatabase.open(postgresURL: postgresURL, logger: logger)
}

func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func postAll(_ poster: LedgerPoster) async throws -> Int {
    var events = 0
    while true {
        let read = try await poster.postBatch(limit: 1_000)
        if read == 0 { return events }
        events += read
    }
}

/// A year of sales documents, written day by day through the contracts (one transaction a day).
func writeYear(_ database: any Database, start: Int64) async throws -> Int {
    var random = SeededRandom(seed: 2027)
    let routes: [(String, String, Int)] = [("JFK", "LAX", 2_475), ("JFK", "ORD", 740), ("ORD", "LAX", 1_745), ("JFK", "SFO", 2_586),
                                            ("LGA", "ATL", 762), ("EWR", "MIA", 1_085), ("JFK", "BOS", 187), ("ICN", "JFK", 6_879)]
    struct Pending { let ticket: String, order: String, passenger: Int, segments: Int, capture: String, paid: Int64 }
    var departing: [Int: [Pending]] = [:]
    var written = 0, serial = 0
    for day in 0..<365 {
        let now = start + Int64(day) * 86_400 + 12 * 3_600
        var issued: [(topic: OutboxTopic<TicketIssuedEvent>, aggregateID: String, payload: TicketIssuedEvent)] = []
        var payments: [(topic: OutboxTopic<PaymentRecordedEvent>, aggregateID: String, payload: PaymentRecordedEvent)] = []
        var services: [(topic: OutboxTopic<ServiceSoldEvent>, aggregateID: String, payload: ServiceSoldEvent)] = []
        var refunds: [(topic: OutboxTopic<TicketRefundedEvent>, aggregateID: String, payload: TicketRefundedEvent)] = []
        var used: [(topic: OutboxTopic<CouponUsedEvent>, aggregateID: String, payload: CouponUsedEvent)] = []
        for _ in 0..<ticketsPerDay {
            serial += 1
            let order = "ord_bench_\(serial)", ticket = String(format: "999%010d", serial)
            let segments = Int.random(in: 1...2, using: &random)
            let route = routes[Int.random(in: 0..<routes.count, using: &random)]
            let flightDay = LocalDate(daysSinceEpoch: Int(now / 86_400) + 30).iso
            let coupons = (0..<segments).map { position -> TicketIssuedEvent.Coupon in
                let (origin, destination) = position == 0 ? (route.0, route.1) : (route.1, route.0)
                let base = Int64(3_900 + route.2 * 8)
                return .init(segmentPosition: position, flightID: "\(flightDay)-SK\(position)-\(origin)\(destination)", origin: origin,
                             destination: destination, departureDate: flightDay, cabin: "economy", bookingClass: "M", distanceMiles: route.2,
                             taxes: [.init(code: "US", amount: base * 75 / 1_000), .init(code: "ZP", amount: 510), .init(code: "AY", amount: 560)])
            }
            let base = Int64(segments) * Int64(3_900 + route.2 * 8)
            issued.append((.ticketIssued, order, TicketIssuedEvent(ticketNumber: ticket, orderID: order, passengerID: "pas_\(serial)", passengerPosition: 0,
                                                                    passengerType: "adult", currency: "USD", baseFare: base, coupons: coupons,
                                                                    exchange: nil, issuedAt: now)))
            var paid = base + coupons.reduce(0) { $0 + $1.taxes.reduce(0) { $0 + $1.amount } }
            if Int.random(in: 0..<7, using: &random) == 0 {
                services.append((.serviceSold, order, ServiceSoldEvent(serviceID: "bsv_\(serial)", orderID: order, passengerPosition: 0, segmentPosition: 0,
                                                                       kind: "checked_bag", amount: 3_500, currency: "USD", soldAt: now)))
                paid += 3_500
            }
            let capture = "test_ch_bench_\(serial)"
            payments.append((.paymentCaptured, order, PaymentRecordedEvent(paymentID: "pay_c\(serial)", orderID: order, processor: "test", reference: capture,
                                                                           captureReference: nil, amount: paid, currency: "USD", recordedAt: now)))
            departing[day + 30, default: []].append(Pending(ticket: ticket, order: order, passenger: 0, segments: segments, capture: capture, paid: paid))
        }
        // One ticket in twenty due to fly within the month is refunded, fares and taxes back less nothing (a refundable fare).
        for offset in 1...29 where departing[day + offset] != nil {
            var keep: [Pending] = []
            for pending in departing[day + offset]! {
                if Int.random(in: 0..<600, using: &random) == 0 {
                    refunds.append((.ticketRefunded, pending.order, TicketRefundedEvent(
                        orderID: pending.order, cancellationID: "ocr_\(pending.ticket)", passengerPosition: 0,
                        coupons: (0..<pending.segments).map { CouponReference(ticketNumber: pending.ticket, segmentPosition: $0) }, currency: "USD",
                        refundedAmount: pending.paid, involuntary: false, refundedAt: now)))
                    payments.append((.paymentRefunded, pending.order, PaymentRecordedEvent(
                        paymentID: "pay_r\(pending.ticket)", orderID: pending.order, processor: "test", reference: "test_re_\(pending.ticket)",
                        captureReference: pending.capture, amount: pending.paid, currency: "USD", recordedAt: now)))
                } else {
                    keep.append(pending)
                }
            }
            departing[day + offset] = keep
        }
        for pending in departing.removeValue(forKey: day) ?? [] {
            for position in 0..<pending.segments {
                used.append((.couponUsed, pending.order, CouponUsedEvent(
                    coupon: CouponReference(ticketNumber: pending.ticket, segmentPosition: position), orderID: pending.order, passengerPosition: 0,
                    flightID: "flight", usage: Int.random(in: 0..<7, using: &random) == 0 ? .noShow : .flown, usedAt: now)))
            }
        }
        let at = Date(timeIntervalSince1970: TimeInterval(now))
        try await database.transaction { [issued, services, payments, refunds, used] sql in
            try await Outbox.append(issued, on: sql, at: at)
            try await Outbox.append(services, on: sql, at: at)
            try await Outbox.append(payments, on: sql, at: at)
            try await Outbox.append(refunds, on: sql, at: at)
            try await Outbox.append(used, on: sql, at: at)
        }
        written += issued.count + services.count + payments.count + refunds.count + used.count
    }
    return written
}

let engine = postgresURL == nil ? "SQLite" : "PostgreSQL"

// 1. Orders through the engine, and posting what they wrote.
do {
    let (database, close) = try await open()
    try await TestDatabases.migrator.migrate(database)
    try await FixtureNetwork.seed(database)
    let first = Int64(FixtureNetwork.firstDay.daysSinceEpoch) * 86_400
    let started = ContinuousClock.now
    let summary = try await BookingSimulator(database: database, secret: BookingFixture.secret, accountingCode: "999", logger: logger)
        .run(.init(seed: 5, markets: 3, firstDeparture: first, lastDeparture: first + 7 * 86_400, until: first + 7 * 86_400, demandFactor: 0.5))
    let buying = seconds(since: started)
    let clock = MovableClock(Date(timeIntervalSince1970: TimeInterval(first + 7 * 86_400)))
    let poster = LedgerPoster(database: database, rules: PostingRules(), logger: logger, now: { clock.seconds })
    let posting = ContinuousClock.now
    let events = try await postAll(poster)
    let posted = seconds(since: posting)
    print(String(format: "%@ baseline: %d orders in %.1f s through the booking engine (%.0f orders/s, one client); their %d events posted in %.2f s (%.0f events/s)",
                 engine, summary.orders, buying, Double(summary.orders) / buying, events, posted, Double(events) / posted))
    await close()
}

// 2. A year of sales.
do {
    let (database, close) = try await open()
    try await TestDatabases.migrator.migrate(database)
    let start = Int64(LocalDate(year: 2026, month: 1, day: 1)!.daysSinceEpoch) * 86_400
    let writing = ContinuousClock.now
    let written = try await writeYear(database, start: start)
    let wrote = seconds(since: writing)
    let clock = MovableClock(Date(timeIntervalSince1970: TimeInterval(start + 365 * 86_400)))
    let poster = LedgerPoster(database: database, rules: PostingRules(), logger: logger, now: { clock.seconds })
    let posting = ContinuousClock.now
    let events = try await postAll(poster)
    let posted = seconds(since: posting)
    let entries = try await database.read { sql in try await sql.count("SELECT COUNT(*) AS n FROM ledger_entries") }
    print(String(format: "%@ year: %d events written in %.1f s; posted in %.1f s (%.0f events/s), %d journal entries", engine, written, wrote, posted,
                 Double(events) / posted, entries))
    let ledger = RevenueLedger(database: database, now: { clock.seconds })
    var trial: [Double] = [], liability: [Double] = [], revenue: [Double] = []
    var balanced = true, difference: Int64 = 0
    for _ in 0..<rounds {
        var started = ContinuousClock.now
        balanced = try await ledger.trialBalance().balanced
        trial.append(seconds(since: started) * 1_000)
        started = ContinuousClock.now
        difference = try await ledger.airTrafficLiability().currencies.first?.difference ?? 0
        liability.append(seconds(since: started) * 1_000)
        started = ContinuousClock.now
        _ = try await ledger.revenue(from: "2026-01-01", to: "2026-12-31")
        revenue.append(seconds(since: started) * 1_000)
    }
    print(String(format: "%@ year reports (median of %d): trial balance %.1f ms (balanced: %@), liability %.1f ms (difference %lld), revenue by day, route and cabin for the year %.0f ms",
                 engine, rounds, median(trial), balanced ? "yes" : "NO", median(liability), difference, median(revenue)))
    await close()
}
