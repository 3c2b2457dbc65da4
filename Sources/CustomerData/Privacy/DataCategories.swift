/// What the customer data platform holds about a person, why, and for how long: the notice that
/// goes with every export.
public struct DataCategory: Sendable, Encodable, Equatable {
    public let category: String
    public let purpose: String
    public let retention: String
    /// Where the law or the customer's consent allows it.
    public let basis: String

    public static let all: [DataCategory] = [
        DataCategory(category: "identifiers", purpose: "Recognize the same customer across the web site, the app and bookings.",
                     retention: "Until erasure, or 25 months after the last activity.", basis: "legitimate interest"),
        DataCategory(category: "traits", purpose: "Greet the customer, fill forms, and keep contact details current.",
                     retention: "Until erasure, or 25 months after the last activity.", basis: "contract and legitimate interest"),
        DataCategory(category: "events", purpose: "Continue searches, recommend destinations, measure the service.",
                     retention: "25 months from the event.", basis: "consent (personalization) and legitimate interest (measurement)"),
        DataCategory(category: "computed_traits", purpose: "Recommendations and segments, computed from events.",
                     retention: "Recomputed from events; gone with them.", basis: "consent (personalization)"),
        DataCategory(category: "segments", purpose: "Offers and messages to groups of customers.",
                     retention: "While the rule holds.", basis: "consent (marketing)"),
        DataCategory(category: "consents", purpose: "Prove what the customer allowed and when.",
                     retention: "As long as the profile, and the erasure audit afterwards (without personal data).", basis: "legal obligation"),
    ]
}
