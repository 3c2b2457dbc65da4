import Foundation

/// The modules `skyport serve --services` can run, each deployable and scalable on its own.
public enum ServiceModule: String, Sendable, Codable, CaseIterable, Comparable {
    case web
    case booking
    case cdp
    case predictions
    case operations
    case opsCenter = "ops-center"

    public static func < (lhs: ServiceModule, rhs: ServiceModule) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// A name people read on the command center.
    public var title: String {
        switch self {
        case .web: "Web site"
        case .booking: "Booking API"
        case .cdp: "Customer data"
        case .predictions: "Predictions"
        case .operations: "Operations"
        case .opsCenter: "Command center"
        }
    }

    /// Parses a `--services` list such as `web,booking` (or `all`); throws with the unknown name.
    public static func parseList(_ text: String) throws(ValidationFailure) -> Set<ServiceModule> {
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if names == ["all"] { return Set(allCases) }
        guard !names.isEmpty else {
            throw ValidationFailure([ValidationIssue(code: .invalidServices, field: "services",
                                                     message: "Name at least one service: \(allCases.map(\.rawValue).joined(separator: ", ")) or all.")])
        }
        var modules = Set<ServiceModule>()
        for name in names {
            guard let module = ServiceModule(rawValue: name) else {
                throw ValidationFailure([ValidationIssue(
                    code: .unknownService, field: "services",
                    message: "'\(name)' is not a service; the services are \(allCases.map(\.rawValue).joined(separator: ", ")), or all.")])
            }
            modules.insert(module)
        }
        return modules
    }

    /// The module that answers an HTTP route template (`/v1/orders/:id`, `/bookings/{id}`); `platform` for
    /// health, metrics and the API document, which every instance serves. Each module's routes share path
    /// prefixes, so that a load balancer can send each to its deployment (`deploy/k8s`).
    public static func label(ofRoute route: String) -> String {
        func starts(_ prefixes: String...) -> Bool { prefixes.contains { route == $0 || route.hasPrefix($0 + "/") } }
        if starts("/health", "/metrics", "/openapi.json") { return "platform" }
        if starts("/ops", "/v1/ops") { return ServiceModule.opsCenter.rawValue }
        if starts("/cdp", "/v1/cdp", "/v1/profiles", "/v1/personalization") { return ServiceModule.cdp.rawValue }
        if starts("/v1/predictions", "/v1/models", "/v1/training-jobs") { return ServiceModule.predictions.rawValue }
        if starts("/v1/weather", "/v1/disruptions", "/v1/notifications", "/v1/webhook-endpoints", "/v1/flights") {
            return ServiceModule.operations.rawValue
        }
        // An order's disruptions, messages and rebooking are the booking API's (one path prefix per module, for routing).
        if starts("/v1") { return ServiceModule.booking.rawValue }
        if route == "unmatched" { return "unmatched" }
        return ServiceModule.web.rawValue
    }
}
