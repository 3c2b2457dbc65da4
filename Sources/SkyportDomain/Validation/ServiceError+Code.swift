extension ServiceError {
    /// A stable, machine-readable error code: snake_case text on the wire (`offer_expired`), a named constant in
    /// Swift (`.offerExpired`), so that a caller that branches on a code is checked by the compiler.
    ///
    /// Each module declares its own codes as `static let`s in its `…ErrorCodes.swift`; codes that several modules
    /// give are declared here, in `ServiceError+SharedCodes.swift`. (The extensible-enum pattern of postgres-nio's
    /// `PSQLError.Code`: new codes do not break a `switch`, and the wire value never changes.)
    public struct Code: Hashable, Sendable, RawRepresentable, Codable, CustomStringConvertible {
        public let rawValue: String

        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// A module's code: `static let offerExpired = Code("offer_expired")`.
        public init(_ rawValue: String) {
            self.rawValue = rawValue
        }

        public var description: String { rawValue }

        /// On the wire: the text alone (`"offer_expired"`).
        public init(from decoder: any Decoder) throws {
            rawValue = try decoder.singleValueContainer().decode(String.self)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }
    }
}
