import Logging

/// The loop of a background consumer (profiles, the booking relay): runs `step` until the application shuts
/// down, waits `idle` when a step found nothing to do, and after a failure logs it and waits a second before
/// trying again. A graceful shutdown lets the step in hand finish and then ends the loop; only cancellation
/// (a second signal, or a test) interrupts a step.
public enum ConsumerLoop {
    public static func run(idle: Duration, logger: Logger, name: String, step: () async throws -> Int) async {
        while !Shutdown.isRequested {
            do {
                if try await step() == 0 { await Shutdown.pause(for: idle) }
            } catch is CancellationError {
                return
            } catch {
                logger.error("\(name): \(error)")
                await Shutdown.pause(for: .seconds(1))
            }
        }
    }
}
