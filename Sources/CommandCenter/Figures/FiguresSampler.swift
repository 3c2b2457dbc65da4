import Foundation
import Logging
import Booking
import CustomerData
import Operations
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
    static let outboxConsumers = [BookingEventRelay.consumer]

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
        let champion = try await prediction.registry.resolve(DelayModel.name.rawValue, "champion")
        figures.championVersion = champion?.version
        if let champion {
            figures.predictedDelayShare = try await database.read { sql in
                try await PredictionFiguresStore.predictedDelayShare(of: champion, since: now - 1800, on: sql)
            }
        }
        let modelDue = lastModelSample.map { now - $0 >= modelEverySeconds } ?? true
        if modelDue {
            // One day of each product's prediction log: the delay engine logs every departure at every pass.
            for product in prediction.catalog.products {
                figures.models.append(try await prediction.overview(of: product, days: 1))
            }
        } else {
            figures.models = previous?.models ?? []
        }
        if let champion, modelDue {
            let service = figures.models.first { $0.name == DelayModel.name.rawValue }?.service
            figures.modelDriftPSI = (service?.predictions ?? 0) > 0 ? service?.maximumPSI : nil
            // Two days hold the latest day with outcomes; the engine logs every departure at every pass, so more is many rows.
            let days = try await prediction.monitor.daily(of: champion, product: try prediction.catalog.require(DelayModel.name.rawValue),
                                                          predictedSince: now - 2 * 86_400)
            figures.realizedAUC = days.last { $0.realizedAuc != nil }?.realizedAuc
        } else if champion?.version == previous?.championVersion {
            figures.modelDriftPSI = previous?.modelDriftPSI
            figures.realizedAUC = previous?.realizedAUC
        }
        // Without any champion there is no log to read, so the next pass measures again (a promotion shows at once).
        return (figures, modelDue && figures.models.contains { $0.champion != nil })
    }

    static func measureWork(into figures: inout OperationalFigures, now: Int64, on sql: any SQLDatabase) async throws {
        for consumer in outboxConsumers {
            figures.outboxBacklog = max(figures.outboxBacklog, try await Outbox.backlog(of: consumer, on: sql))
        }
        figures.notificationBacklog = try await OperationsFiguresStore.notificationBacklog(now: now, on: sql)
        figures.cdpLagSeconds = try await CollectionFiguresStore.profileLagSeconds(now: now, on: sql)
    }

    static func measureBusiness(into figures: inout OperationalFigures, now: Int64, on sql: any SQLDatabase) async throws {
        let bookings = try await BookingFiguresStore.totals(since: 0, on: sql)
        figures.ordersCreated = bookings.orders
        figures.ordersCancelled = bookings.cancellations
        figures.seatsSold = bookings.seatsSold
        figures.bookedRevenue = bookings.revenue
        figures.rebookingsAccepted = bookings.rebookings
        figures.notificationAttempts = try await OperationsFiguresStore.attempts(since: 0, on: sql)
        figures.loadFactor = try await BookingFiguresStore.loadFactor(from: now, on: sql)
        figures.disruptionsOpen = try await OperationsFiguresStore.openDisruptionsByLevel(on: sql)
    }
}
