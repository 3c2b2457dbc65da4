import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SkyportDomain

/// Gives every request an id (`X-Request-Id`, kept from the client when it looks sane), turns
/// every thrown error into the API's error shape, and records metrics and one JSON log line.
public struct ObservabilityMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    private let metrics: SkyportMetrics
    private let logger: Logger

    public init(metrics: SkyportMetrics, logger: Logger) {
        self.metrics = metrics
        self.logger = logger
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var context = context
        let incoming = request.headers[.requestID] ?? ""
        context.requestID = Self.isAcceptable(incoming) ? incoming : Self.makeID()
        metrics.requestStarted()
        defer { metrics.requestFinished() }

        var response: Response
        var failure: (any Error)?
        do {
            response = try await RequestScope.$requestID.withValue(context.requestID) {
                try await next(request, context)
            }
        } catch {
            failure = error
            let apiError = APIError.from(error)
            response = try apiError.response(from: request, context: context)
        }
        response.headers[.requestID] = context.requestID
        let elapsed = ContinuousClock.now - started
        let route = context.endpointPath ?? "unmatched"
        let module = (context.routeOwner.module ?? .unmatched).rawValue
        metrics.recordRequest(module: module, method: request.method.rawValue, route: route, status: response.status.code, duration: elapsed)

        var metadata: Logger.Metadata = [
            "request_id": .string(context.requestID), "module": .string(module), "method": .string(request.method.rawValue),
            "route": .string(route), "status": .stringConvertible(response.status.code),
            "duration_ms": .string(String(format: "%.2f", Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)),
        ]
        if let failure, response.status.code >= 500 {
            metadata["error"] = .string(String(reflecting: failure))
            logger.error("request failed", metadata: metadata)
        } else {
            logger.info("request", metadata: metadata)
        }
        return response
    }

    private static func isAcceptable(_ id: String) -> Bool {
        (8...128).contains(id.utf8.count) && id.utf8.allSatisfy { $0 > 32 && $0 < 127 }
    }

    static func makeID() -> String {
        var generator = SystemRandomNumberGenerator()
        return "req_" + String(generator.next(), radix: 36) + String(generator.next() & 0xFFFF, radix: 36)
    }
}

extension HTTPField.Name {
    static let requestID = Self("X-Request-Id")!
    static let idempotencyKey = Self("Idempotency-Key")!
    static let idempotentReplayed = Self("Idempotent-Replayed")!
}
