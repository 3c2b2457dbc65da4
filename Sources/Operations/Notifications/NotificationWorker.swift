import Booking
import Logging
import SkyportStore

/// The background work of telling passengers: words queued messages, sends due deliveries and returns the
/// seats of holds that expired. Every instance may run it: the work is claimed in the database.
public struct NotificationWorker: Sendable {
    let preparer: NotificationPreparer
    let dispatcher: NotificationDispatcher
    let changes: OrderChangeService
    /// Rings when messages were queued in this process.
    let queued: WakeUpSignal
    let logger: Logger
    let pollSeconds: Double

    public init(preparer: NotificationPreparer, dispatcher: NotificationDispatcher, changes: OrderChangeService, queued: WakeUpSignal,
                logger: Logger, pollSeconds: Double = 1) {
        self.preparer = preparer
        self.dispatcher = dispatcher
        self.changes = changes
        self.queued = queued
        self.logger = logger
        self.pollSeconds = pollSeconds
    }

    /// Runs until the application shuts down; a graceful shutdown lets the pass in hand finish.
    public func run() async {
        var passes = 0
        while !Shutdown.isRequested {
            do {
                try await drain()
                passes += 1
                if passes % 30 == 0 { try await changes.releaseExpiredHolds() }
            } catch {
                logger.error("notification pass failed", metadata: ["module": "operations", "error": "\(String(reflecting: error))"])
            }
            _ = await Shutdown.waiting { [queued, pollSeconds] in await queued.wait(seconds: pollSeconds) }
        }
    }

    /// Queues the bookings a disruption has not told yet, words every queued message and sends what is due,
    /// until none has work left.
    public func drain() async throws {
        try await preparer.queueLateBookings()
        while try await preparer.prepareBatch() > 0 {}
        while try await dispatcher.dispatchDue() > 0 {}
    }
}
