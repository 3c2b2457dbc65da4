/// A customer with an account: the profile they keep and the key their orders are filed under.
public struct Customer: Sendable, Hashable, Decodable {
    public let id: String
    /// Lower-cased; unique across accounts.
    public let email: String
    public let givenName: String
    public let familyName: String
    /// E.164, when given.
    public let phone: String?
    /// `en` or `ko`, when the customer chose one.
    public let preferredLanguage: String?
    public let createdAt: Int64

    enum CodingKeys: String, CodingKey {
        case id, email, phone
        case givenName = "given_name", familyName = "family_name", preferredLanguage = "preferred_language", createdAt = "created_at"
    }

    static let columns = "id, email, given_name, family_name, phone, preferred_language, created_at"
}
