import ServiceLifecycle

/// A background loop (the profile processor, the booking relay, the disruption engine, the notification worker,
/// the command center's evaluations and heartbeat) as a swift-service-lifecycle `Service`, run by the
/// application's `ServiceGroup` beside the HTTP server. The group supervises it: a loop that returns or throws
/// before shutdown stops the process (an orchestrator restarts it) instead of leaving it running without the work.
/// On SIGTERM the server stops first, then each loop finishes the item in hand and returns.
public struct BackgroundService: Service, CustomStringConvertible {
    public let description: String
    private let body: @Sendable () async throws -> Void

    /// `name` is how logs and the group name the loop (`customer profiles`).
    public init(_ name: String, _ body: @escaping @Sendable () async throws -> Void) {
        description = name
        self.body = body
    }

    public func run() async throws {
        try await body()
    }
}

/// What a background loop asks between items.
public enum Shutdown {
    /// Whether the loop should stop before its next item: the application is shutting down (or the task was cancelled).
    public static var isRequested: Bool { Task.isCancelled || Task.isShuttingDownGracefully }

    /// Waits `duration`, or less when a graceful shutdown begins meanwhile.
    public static func pause(for duration: Duration) async {
        try? await cancelWhenGracefulShutdown { try await Task.sleep(for: duration) }
    }

    /// Runs `wait` (a wait for work, which must end when cancelled) and ends it early when a graceful shutdown
    /// begins; the caller then finds `isRequested` true.
    public static func waiting<T: Sendable>(_ wait: @escaping @Sendable () async -> T) async -> T {
        await cancelWhenGracefulShutdown { await wait() }
    }
}
