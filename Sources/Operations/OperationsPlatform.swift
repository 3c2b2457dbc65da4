import Booking
import Foundation
import Logging
import Prediction
import SkyportDomain
import SkyportStore

/// Operations over one database: weather, disruptions and the engine that keeps them current.
public struct OperationsPlatform: Sendable {
    public let weather: WeatherService
    public let disruptions: DisruptionService
    public let engine: DisruptionEngine
    /// Rings when an airport has a new observation in this process.
    public let observed: WakeUpSignal
    /// Rings when passengers' messages were queued in this process.
    public let queued: WakeUpSignal
    public let notifications: PassengerMessages
    public let worker: NotificationWorker
    public let rebooking: RebookingDesk
    public let webhooks: WebhookEndpoints
    /// Every order event to the webhook endpoints subscribed to it.
    public let orderWebhooks: OrderWebhooks
    /// Flight status for passengers: times, estimates, departures and the delay risk.
    public let flightStatus: FlightStatusService

    /// `channels` are the ways out besides the inbox (email when a relay is configured, webhooks).
    public init(database: any Database, prediction: PredictionPlatform, booking: BookingServices, policy: DisruptionPolicy,
                settings: NotificationSettings, channels: [any NotificationChannel], templates: MessageTemplates, instance: String,
                logger: Logger, now: @escaping @Sendable () -> Int64) {
        let observed = WakeUpSignal(), queued = WakeUpSignal()
        self.observed = observed
        self.queued = queued
        weather = WeatherService(database: database, observed: observed, now: now)
        disruptions = DisruptionService(database: database, policy: policy, predictor: prediction.predictor, cancellationRisk: prediction.cancellationRisk,
                                        schedule: prediction.schedule, logger: logger, now: now) { reached, sql in
            if try await NotificationQueue.enqueue(reached, at: now(), on: sql) > 0 { queued.signal() }
        }
        engine = DisruptionEngine(service: disruptions, database: database, observed: observed, instance: instance, logger: logger, now: now)
        notifications = PassengerMessages(database: database, now: now)
        let preparer = NotificationPreparer(database: database, changes: booking.changes, templates: templates, settings: settings,
                                            emailEnabled: channels.contains { $0.name == "email" }, logger: logger, now: now)
        let dispatcher = NotificationDispatcher(database: database, channels: channels, retries: settings.retries, batchSize: settings.batchSize,
                                                logger: logger, now: now)
        worker = NotificationWorker(preparer: preparer, dispatcher: dispatcher, changes: booking.changes, queued: queued, logger: logger)
        rebooking = RebookingDesk(database: database, changes: booking.changes, now: now)
        webhooks = WebhookEndpoints(database: database, destinations: settings.webhookDestinations, now: now)
        orderWebhooks = OrderWebhooks(database: database, destinations: settings.webhookDestinations, retries: settings.retries, logger: logger, now: now)
        flightStatus = FlightStatusService(database: database, network: booking.network, predictor: prediction.predictor,
                                           schedule: prediction.schedule, now: now)
    }

    /// Reads a policy file (`config/disruption-policy.json`), refusing one that cannot be used with every reason.
    public static func policy(at path: String) throws -> DisruptionPolicy {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let policy: DisruptionPolicy
        do {
            policy = try JSONDecoder().decode(DisruptionPolicy.self, from: data)
        } catch {
            throw ServiceError(.invalid, code: .invalidDisruptionPolicy, message: "\(path) is not a disruption policy: \(error)")
        }
        let problems = policy.problems
        guard problems.isEmpty else {
            throw ServiceError(.invalid, code: .invalidDisruptionPolicy, message: "\(path): \(problems.joined(separator: "; "))")
        }
        return policy
    }
}
