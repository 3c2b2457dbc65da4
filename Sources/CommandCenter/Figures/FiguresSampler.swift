import Foundation
import Logging
import Prediction
import SQLKit
import SkyportDomain
import SkyportStore

/// Measures `OperationalFigures` from the database. The model's drift and realized AUC read many
/// prediction rows, so they are measured at most every `modelEverySeconds` and kept in between.
public struct FiguresSampler: Sendable {
    let database: any Database
    let prediction: PredictionPlatform
    let modelEverySeconds: Int64
    let logger: Logger

    /// The consumers of the outbox whose backlog counts.
    static let outboxConsumers = ["cdp-booking-relay"]
    static let profileConsumer = "cdp-profiles"

    public init(database: any Database, prediction: PredictionPlatform, modelEverySeconds: Int64 = 900, logger: Logger) {
        self.database = database
        self.prediction = prediction
        self.modelEverySeconds = modelEverySeconds
        self.logger = logger
    }

    /// Measures everything; the model figures come from `previous` unless they are due.
    public func sample(now: Int64, previous: OperationalFigures?, lastModelSample: Int64?) async throws -> (OperationalFigures, modelSampled: Bool) {
        var figures = try await database.read { sql in
            var figures = OperationalFigures()
            figures.measuredAt = now
            try await Self.measureWork(into: &figures, now: now, on: sql)
            try await Self.measureBusiness(into: &figures, now: now, on: sql)
            return figures
        }
        let champion = try await prediction.registry.resolve("delay", "champion")
        figures.championVersion = champion?.version
        if let champion {
            figures.predictedDelayShare = try await database.read { sql in
                let row = try await sql.raw("""
                    SELECT COUNT(*) AS scored, SUM(CASE WHEN probability >= \(bind: champion.decisionThreshold) THEN 1 ELSE 0 END) AS delayed
                    FROM prediction_log WHERE model_version_id = \(bind: champion.id) AND predicted_at >= \(bind: now - 1800)
                    """).first()
                let scored = try row?.decode(column: "scored", as: Int64.self) ?? 0
                let delayed = try row.flatMap { try $0.decode(column: "delayed", as: Int64?.self) } ?? 0
                return scored > 0 ? Double(delayed) / Double(scored) : nil
            }
        }
        let modelDue = lastModelSample.map { now - $0 >= modelEverySeconds } ?? true
        if let champion, modelDue {
            let drift = try await prediction.monitor.drift(of: champion, since: now - 86_400)
            figures.modelDriftPSI = drift.predictions > 0 ? drift.features.map(\.psi).max() : nil
            // Two days hold the latest day with outcomes; the engine logs every departure at every pass, so more is many rows.
            let days = try await prediction.monitor.daily(of: champion, predictedSince: now - 2 * 86_400)
            figures.realizedAUC = days.last { $0.realizedAuc != nil }?.realizedAuc
        } else if champion?.version == previous?.championVersion {
            figures.modelDriftPSI = previous?.modelDriftPSI
            figures.realizedAUC = previous?.realizedAUC
        }
        return (figures, champion != nil && modelDue)
    }

    static func measureWork(into figures: inout OperationalFigures, now: Int64, on sql: any SQLDatabase) async throws {
        for consumer in outboxConsumers {
            let position = try await ConsumerCursor.position(consumer, on: sql)
            let waiting = try await count("SELECT COUNT(*) AS n FROM outbox_events WHERE id > \(bind: position)", on: sql)
            figures.outboxBacklog = max(figures.outboxBacklog, waiting)
        }
        figures.notificationBacklog = try await count("SELECT COUNT(*) AS n FROM notifications WHERE status = 'queued'", on: sql)
            + count("SELECT COUNT(*) AS n FROM notification_deliveries WHERE status = 'pending' AND next_attempt_at <= \(bind: now)", on: sql)
        let position = try await ConsumerCursor.position(profileConsumer, on: sql)
        let oldest = try await sql.raw("SELECT MIN(received_at) AS oldest FROM cdp_events WHERE id > \(bind: position)").first()?
            .decode(column: "oldest", as: Int64?.self)
        // Events are stamped in milliseconds.
        figures.cdpLagSeconds = oldest.map { max(0, Double(now) - Double($0) / 1000) } ?? 0
    }

    static func measureBusiness(into figures: inout OperationalFigures, now: Int64, on sql: any SQLDatabase) async throws {
        let bookings = try await bookings(since: 0, on: sql)
        figures.ordersCreated = bookings.orders
        figures.ordersCancelled = bookings.cancellations
        figures.seatsSold = bookings.seatsSold
        figures.bookedRevenue = bookings.revenue
        figures.rebookingsAccepted = bookings.rebookings
        figures.notificationAttempts = try await attempts(since: 0, on: sql)
        figures.loadFactor = try await loadFactor(from: now, on: sql)
        for row in try await sql.raw("SELECT level, COUNT(*) AS n FROM disruptions WHERE status = 'open' GROUP BY level ORDER BY level").all() {
            figures.disruptionsOpen[try row.decode(column: "level", as: String.self)] = Int(try row.decode(column: "n", as: Int64.self))
        }
    }

    /// What was booked from `since` on (0: since the first order).
    struct Bookings {
        let orders: Int
        let seatsSold: Int
        let cancellations: Int
        let rebookings: Int
        /// Minor units per currency.
        let revenue: [String: Int64]
    }

    static func bookings(since: Int64, on sql: any SQLDatabase) async throws -> Bookings {
        var revenue: [String: Int64] = [:]
        for row in try await sql.raw("""
            SELECT currency, CAST(SUM(total_amount) AS BIGINT) AS amount FROM orders WHERE created_at >= \(bind: since) GROUP BY currency ORDER BY currency
            """).all() {
            revenue[try row.decode(column: "currency", as: String.self)] = try row.decode(column: "amount", as: Int64.self)
        }
        return Bookings(
            orders: try await count("SELECT COUNT(*) AS n FROM orders WHERE created_at >= \(bind: since)", on: sql),
            seatsSold: try await count("""
                SELECT CAST(COALESCE(SUM(s.seats), 0) AS BIGINT) AS n FROM order_segments s JOIN orders o ON o.id = s.order_id
                WHERE o.created_at >= \(bind: since)
                """, on: sql),
            cancellations: try await count("SELECT COUNT(*) AS n FROM orders WHERE cancelled_at >= \(bind: since)", on: sql),
            rebookings: try await count("SELECT COUNT(*) AS n FROM order_changes WHERE kind = 'rebooked' AND created_at >= \(bind: since)", on: sql),
            revenue: revenue)
    }

    /// Delivery attempts since `since` per channel and outcome.
    static func attempts(since: Int64, on sql: any SQLDatabase) async throws -> [String: [String: Int]] {
        var attempts: [String: [String: Int]] = [:]
        for row in try await sql.raw("""
            SELECT d.channel, a.outcome, COUNT(*) AS n FROM notification_attempts a JOIN notification_deliveries d ON d.id = a.delivery_id
            WHERE a.attempted_at >= \(bind: since) GROUP BY d.channel, a.outcome ORDER BY d.channel, a.outcome
            """).all() {
            attempts[try row.decode(column: "channel", as: String.self), default: [:]][try row.decode(column: "outcome", as: String.self)] =
                Int(try row.decode(column: "n", as: Int64.self))
        }
        return attempts
    }

    /// Seats sold over seats offered on the departures of the seven days from `start` that are not cancelled.
    static func loadFactor(from start: Int64, on sql: any SQLDatabase) async throws -> Double? {
        let load = try await sql.raw("""
            SELECT CAST(SUM(c.sold) AS BIGINT) AS sold, CAST(SUM(c.capacity) AS BIGINT) AS capacity
            FROM flights f JOIN flight_cabins c ON c.flight_id = f.id
            WHERE f.departs_at >= \(bind: start) AND f.departs_at < \(bind: start + 7 * 86_400) AND f.status <> 'cancelled'
            """).first()
        guard let capacity = try load?.decode(column: "capacity", as: Int64?.self), capacity > 0 else { return nil }
        return Double(try load?.decode(column: "sold", as: Int64?.self) ?? 0) / Double(capacity)
    }

    static func count(_ query: SQLQueryString, on sql: any SQLDatabase) async throws -> Int {
        Int(try await sql.raw(query).first()?.decode(column: "n", as: Int64.self) ?? 0)
    }
}
