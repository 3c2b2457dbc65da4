/// A refusal a service reports to its caller: what kind of failure, a stable code and a message.
/// The HTTP edge maps `kind` to a status; the services never speak HTTP.
public struct ServiceError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The request cannot be understood (malformed JSON, wrong types).
        case malformed
        /// Understood but not acceptable (a rule or format is broken).
        case invalid
        case unauthorized
        /// Known, but without the right this needs.
        case forbidden
        case notFound
        /// The world changed since the client looked (expired offer, sold out, already cancelled).
        case conflict
        case paymentFailed
        case tooLarge
        /// The body's type or encoding is not one the endpoint reads.
        case unsupportedMediaType
        case rateLimited
        /// A dependency is down; the client may retry.
        case unavailable
    }

    public let kind: Kind
    /// Stable snake_case code, e.g. `offer_expired` (`.offerExpired`).
    public let code: Code
    public let message: String
    public let field: String?

    public init(_ kind: Kind, code: Code, message: String, field: String? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.field = field
    }

    public var description: String { "\(code): \(message)" }
}
