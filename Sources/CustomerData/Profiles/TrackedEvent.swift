/// An event as the profile side reads it: its kind, name, time and the parts of the message that matter.
public struct TrackedEvent: Sendable, Equatable {
    public let id: Int64
    public let type: String
    public let name: String?
    public let userID: String?
    public let anonymousID: String?
    /// Milliseconds since 1970, corrected for the client's clock.
    public let occurredAt: Int64
    public let message: JSONValue
    /// The source that sent it (nil: not known here, as in tests of pure rules).
    public let sourceID: String?

    public init(id: Int64, type: String, name: String?, userID: String?, anonymousID: String?, occurredAt: Int64, message: JSONValue,
                sourceID: String? = nil) {
        self.id = id
        self.type = type
        self.name = name
        self.userID = userID
        self.anonymousID = anonymousID
        self.occurredAt = occurredAt
        self.message = message
        self.sourceID = sourceID
    }

    public var properties: [String: JSONValue] { message["properties"]?.objectValue ?? [:] }

    /// Traits the message sets: an identify's `traits`, and `context.traits` on any message (the
    /// message's own traits win).
    public var traits: [String: JSONValue] {
        let context = message["context"]?["traits"]?.objectValue ?? [:]
        guard type == "identify" else { return context }
        return context.merging(message["traits"]?.objectValue ?? [:]) { _, own in own }
    }

    /// The identifiers the event names, cleaned by `rules`: userId, anonymousId (and an alias's
    /// previousId, read as an earlier anonymous id), and email, phone and loyalty number from its traits.
    public func identifiers(rules: IdentityRules) -> [CustomerIdentifier] {
        var found: [CustomerIdentifier?] = [
            userID.flatMap { rules.normalize(.userID, $0) },
            anonymousID.flatMap { rules.normalize(.anonymousID, $0) },
        ]
        if type == "alias", let previous = message["previousId"]?.string {
            found.append(rules.normalize(.anonymousID, previous))
        }
        let traits = self.traits
        found.append(traits["email"]?.string.flatMap { rules.normalize(.email, $0) })
        found.append(traits["phone"]?.string.flatMap { rules.normalize(.phone, $0) })
        let loyalty = traits["loyalty_number"] ?? traits["loyaltyNumber"]
        found.append(loyalty?.string.flatMap { rules.normalize(.loyaltyNumber, $0) })
        return found.compactMap { $0 }
    }
}
