/// How one module of one instance is doing, as `/health/ready` reports it.
public struct ModuleHealth: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable {
        /// Serving normally.
        case ready
        /// Serving, with something an operator should look at (the detail says what).
        case degraded
        /// Cannot serve: the instance should get no traffic for it.
        case notReady = "not_ready"
    }

    public let status: Status
    public let detail: String?

    public init(_ status: Status, _ detail: String? = nil) {
        self.status = status
        self.detail = detail
    }

    /// Ready or degraded: the module still takes requests.
    public var isServing: Bool { status != .notReady }
}
