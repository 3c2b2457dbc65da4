import Booking
import Foundation
import Logging
import SQLKit
import SkyportDomain
import SkyportStore

/// Sends the deliveries that are due through their channels, retries failures on the schedule and puts
/// a delivery on the dead-letter list after its last try. Every try is logged.
///
/// A delivery is claimed before it is sent (its next try moved `claimSeconds` ahead, under `FOR UPDATE
/// SKIP LOCKED` on PostgreSQL), so two instances never send it at once; if an instance dies mid-send,
/// another tries again once the claim lapses (receivers drop repeats by the delivery id).
public struct NotificationDispatcher: Sendable {
    let database: any Database
    let channels: [String: any NotificationChannel]
    let retries: RetrySchedule
    let batchSize: Int
    let claimSeconds: Int64
    let logger: Logger
    let now: @Sendable () -> Int64

    public init(database: any Database, channels: [any NotificationChannel], retries: RetrySchedule, batchSize: Int = 100,
                claimSeconds: Int64 = 120, logger: Logger, now: @escaping @Sendable () -> Int64) {
        self.database = database
        self.channels = Dictionary(uniqueKeysWithValues: channels.map { ($0.name, $0) })
        self.retries = retries
        self.batchSize = batchSize
        self.claimSeconds = claimSeconds
        self.logger = logger
        self.now = now
    }

    /// Sends one batch of due deliveries (up to eight at a time); returns how many were tried.
    @discardableResult
    public func dispatchDue() async throws -> Int {
        guard !channels.isEmpty else { return 0 }
        let now = self.now()
        let skipLocked = database.engine == .postgres
        let (due, contacts) = try await database.transaction { [channels, batchSize, claimSeconds] sql in
            let rows = try await NotificationStore.claimDue(channels: channels.keys.sorted(), at: now, limit: batchSize,
                                                            claimSeconds: claimSeconds, skipLocked: skipLocked, on: sql)
            return (rows, try await ManifestStore.contacts(of: rows.map(\.order_id), on: sql))
        }
        guard !due.isEmpty else { return 0 }
        await withTaskGroup(of: Void.self) { group in
            var running = 0
            for delivery in due {
                guard let contact = contacts[delivery.order_id] else { continue }
                if running == 8 {
                    await group.next()
                    running -= 1
                }
                group.addTask { await send(delivery, to: contact) }
                running += 1
            }
        }
        return due.count
    }

    func send(_ delivery: DueDelivery, to contact: (reference: String, email: String)) async {
        guard let channel = channels[delivery.channel] else { return }
        let message = OutgoingMessage(
            deliveryID: delivery.id, notificationID: delivery.notification_id, disruptionID: delivery.disruption_id, level: delivery.level,
            orderID: delivery.order_id, reference: contact.reference, language: delivery.language, contactEmail: contact.email,
            subject: delivery.subject, body: delivery.body, content: delivery.content, createdAt: delivery.created_at)
        let attempt = delivery.attempts + 1
        let outcome: Result<String, DeliveryFailure>
        do {
            outcome = .success(try await channel.deliver(message, target: delivery.target))
        } catch let failure as DeliveryFailure {
            outcome = .failure(failure)
        } catch {
            outcome = .failure(DeliveryFailure(String(describing: error)))
        }
        do {
            try await record(delivery, attempt: attempt, outcome: outcome)
        } catch {
            logger.error("could not record a delivery attempt", metadata: ["delivery_id": "\(delivery.id)", "error": "\(error)"])
        }
    }

    func record(_ delivery: DueDelivery, attempt: Int, outcome: Result<String, DeliveryFailure>) async throws {
        let now = self.now()
        let retries = self.retries
        try await database.transaction { sql in
            switch outcome {
            case .success(let detail):
                try await NotificationStore.delivered(delivery.id, attempt: attempt, at: now, on: sql)
                try await NotificationStore.logAttempt(deliveryID: delivery.id, attempt: attempt, at: now, outcome: .delivered, detail: detail, on: sql)
            case .failure(let failure):
                let delay = failure.permanent ? nil : retries.delay(afterAttempt: attempt)
                try await NotificationStore.failed(delivery.id, attempt: attempt, at: now, retryAt: delay.map { now + Int64($0) },
                                                   error: failure.detail, on: sql)
                try await NotificationStore.logAttempt(deliveryID: delivery.id, attempt: attempt, at: now, outcome: delay == nil ? .dead : .failed,
                                                       detail: failure.detail, on: sql)
            }
        }
        if case .failure(let failure) = outcome {
            logger.warning("notification delivery failed", metadata: [
                "module": "operations", "delivery_id": "\(delivery.id)", "channel": "\(delivery.channel)", "attempt": "\(attempt)",
                "error": "\(failure.detail.prefix(200))",
            ])
        }
    }
}
