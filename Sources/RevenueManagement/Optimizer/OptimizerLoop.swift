import Booking
import Foundation
import Logging
import SkyportStore
import Synchronization

/// Revenue management in the background: learns the pickup forecasts every `relearnEvery`, and every `interval`
/// re-optimizes the cabins whose bookings moved since their last pass (and, as days pass, every cabin once its last
/// pass is six hours old). A failed pass is logged and retried at the next interval.
public final class OptimizerLoop: Sendable {
    let optimizer: InventoryOptimizer
    let interval: Duration
    let relearnEvery: Int64
    let logger: Logger
    private let state = Mutex<(forecasters: InventoryOptimizer.Forecasters?, learnedAt: Int64, lastPass: InventoryOptimizer.Pass?)>((nil, 0, nil))

    public init(optimizer: InventoryOptimizer, interval: Duration = .seconds(60), relearnEvery: Int64 = 3_600, logger: Logger) {
        self.optimizer = optimizer
        self.interval = interval
        self.relearnEvery = relearnEvery
        self.logger = logger
    }

    /// The last pass's counts, once one has run.
    public var lastPass: InventoryOptimizer.Pass? { state.withLock { $0.lastPass } }

    /// One pass: relearns when the forecasters are older than `relearnEvery`, then optimizes what changed.
    public func runOnce() async throws -> InventoryOptimizer.Pass {
        let now = optimizer.now()
        var forecasters = state.withLock { $0.learnedAt + relearnEvery > now ? $0.forecasters : nil }
        if forecasters == nil {
            let learned = try await optimizer.learn()
            state.withLock { $0.forecasters = learned; $0.learnedAt = now }
            logger.info("revenue management learned pickup forecasts", metadata: ["markets": "\(learned.markets)"])
            forecasters = learned
        }
        let pass = try await optimizer.optimize(with: forecasters!, onlyChanged: true)
        state.withLock { $0.lastPass = pass }
        if pass.optimized > 0 {
            logger.info("revenue management set booking limits", metadata: [
                "optimized": "\(pass.optimized)", "unchanged": "\(pass.unchanged)", "without_history": "\(pass.withoutHistory)",
            ])
        }
        return pass
    }

    public func run() async {
        while !Shutdown.isRequested {
            do {
                _ = try await runOnce()
            } catch {
                logger.error("revenue management pass failed", metadata: ["error": "\(error)"])
            }
            await Shutdown.pause(for: interval)
        }
    }
}
