/// The kinds of identifier that tie events to one person, in the order identity resolution trusts them.
public enum IdentifierType: String, Sendable, CaseIterable, Codable, Comparable {
    case userID = "user_id"
    case loyaltyNumber = "loyalty_number"
    case email
    case phone
    case anonymousID = "anonymous_id"

    /// Lower is trusted more: when an event's identifiers point at profiles that cannot be merged, the
    /// identifier of higher priority decides the profile and the others are dropped from the event.
    public var priority: Int {
        Self.allCases.firstIndex(of: self)!
    }

    public static func < (lhs: IdentifierType, rhs: IdentifierType) -> Bool {
        lhs.priority < rhs.priority
    }
}

/// One identifier of a person: `email:ana@example.com`.
public struct CustomerIdentifier: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let type: IdentifierType
    public let value: String

    public init(_ type: IdentifierType, _ value: String) {
        self.type = type
        self.value = value
    }

    /// `type:value`, the form used in URLs and as the stored key.
    public var description: String { "\(type.rawValue):\(value)" }

    /// Reads `type:value` (the value normalized, so `email:Ana@Example.COM` finds `ana@example.com`);
    /// nil when the type is unknown or the value is not a usable identifier.
    public init?(parsing text: String, rules: IdentityRules = .standard) {
        guard let colon = text.firstIndex(of: ":"), let type = IdentifierType(rawValue: String(text[..<colon])),
              let identifier = rules.normalize(type, String(text[text.index(after: colon)...])) else { return nil }
        self = identifier
    }

    public static func < (lhs: CustomerIdentifier, rhs: CustomerIdentifier) -> Bool {
        (lhs.type.priority, lhs.value) < (rhs.type.priority, rhs.value)
    }
}
