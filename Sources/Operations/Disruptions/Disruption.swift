import SkyportContracts
import SkyportDomain

/// A flight's disruption as operators and the API see it, with its history.
public struct Disruption: Sendable, Codable, Equatable {
    public struct Flight: Sendable, Codable, Equatable {
        public let id: String
        public let carrier: String
        public let flightNumber: Int
        public let origin: String
        public let destination: String
        public let scheduledDeparture: UTCInstant
        public let distanceMiles: Int
    }

    /// A reason the model gave for the delay, in words.
    public struct Reason: Sendable, Codable, Equatable {
        public let feature: String
        public let phrase: String
        public let contribution: Double
    }

    /// One change: opened, a level raised or lowered, a new expected time, closed.
    public struct Event: Sendable, Codable, Equatable {
        /// What happened to the disruption.
        public enum Kind: String, Sendable, Codable {
            case opened, updated, closed
            case levelRaised = "level_raised", levelLowered = "level_lowered"
        }

        public let occurredAt: UTCInstant
        public let kind: Kind
        public let level: String
        public let probability: Double?
        public let expectedDelayMinutes: Int?
        public let expectedDeparture: UTCInstant?
        public let reasons: [Reason]
        /// `model:<version id>`, `operator:<name>` or `departure`.
        public let actor: String
        public let note: String?
    }

    /// Open until the flight departs or is cancelled and its passengers are looked after, or an operator closes it.
    public enum Status: String, Sendable, Codable {
        case open, closed
    }

    public let id: String
    public let flight: Flight
    public let status: Status
    public let kind: DisruptionKind
    public let cause: OpenDisruption.Cause
    public let level: String
    /// The highest level it reached: passengers were told up to this one.
    public let peakLevel: String
    public let probability: Double?
    public let expectedDelayMinutes: Int
    public let expectedDeparture: UTCInstant
    public let modelVersionID: String?
    public let reasons: [Reason]
    public let openedAt: UTCInstant
    public let updatedAt: UTCInstant
    public let closedAt: UTCInstant?
    public let closeReason: String?
    /// Oldest first; empty in lists.
    public var history: [Event]
}
