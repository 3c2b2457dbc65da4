import Logging

/// The loop of a background consumer (profiles, the booking relay): runs `step` until the task is
/// cancelled, waits `idle` when a step found nothing to do, and after a failure logs it and waits a
/// second before trying again.
enum ConsumerLoop {
    static func run(idle: Duration, logger: Logger, name: String, step: () async throws -> Int) async {
        while !Task.isCancelled {
            do {
                if try await step() == 0 { try await Task.sleep(for: idle) }
            } catch is CancellationError {
                return
            } catch {
                logger.error("\(name): \(error)")
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }
}
