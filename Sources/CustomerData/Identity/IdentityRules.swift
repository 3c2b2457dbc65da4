import Foundation

/// How identifiers are cleaned and how many of each type one profile may hold.
public struct IdentityRules: Sendable, Equatable {
    /// The most identifiers of each type on one profile. One user id and one loyalty number: two of them
    /// mean two people (a shared computer), never one.
    public var limits: [IdentifierType: Int]
    /// Values that identify nobody (lowercased); analytics libraries and forms send them for "unknown".
    public var blockedValues: Set<String>
    /// The country calling code assumed for a phone number written without `+` (1: North America).
    public var defaultCallingCode: String

    public static let standard = IdentityRules(
        limits: [.userID: 1, .loyaltyNumber: 1, .email: 5, .phone: 5, .anonymousID: 100],
        blockedValues: ["", "null", "undefined", "anonymous", "0", "-1", "none", "unknown", "n/a", "nil"],
        defaultCallingCode: "1")

    public init(limits: [IdentifierType: Int], blockedValues: Set<String>, defaultCallingCode: String) {
        self.limits = limits
        self.blockedValues = blockedValues
        self.defaultCallingCode = defaultCallingCode
    }

    public func limit(_ type: IdentifierType) -> Int { limits[type] ?? 1 }

    /// The identifier in its canonical form, or nil when the value is blocked or malformed:
    /// emails trimmed and lowercased, phones in E.164 (`+12125550100`), ids trimmed.
    public func normalize(_ type: IdentifierType, _ raw: String) -> CustomerIdentifier? {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !blockedValues.contains(trimmed.lowercased()), trimmed.count <= 200 else { return nil }
        switch type {
        case .email:
            let email = trimmed.lowercased()
            let parts = email.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
                  !email.contains(where: \.isWhitespace), !blockedValues.contains(email) else { return nil }
            return CustomerIdentifier(.email, email)
        case .phone:
            return phone(trimmed).map { CustomerIdentifier(.phone, $0) }
        case .loyaltyNumber:
            return CustomerIdentifier(.loyaltyNumber, trimmed.uppercased().filter { !$0.isWhitespace && $0 != "-" })
        case .userID, .anonymousID:
            return CustomerIdentifier(type, trimmed)
        }
    }

    /// E.164: `+`, a country code and at most 15 digits in all. Spaces, dots, dashes and parentheses are
    /// dropped; `00` is read as `+`; a national number gets the default calling code.
    func phone(_ raw: String) -> String? {
        var text = raw.filter { !" .-()/".contains($0) }
        if text.hasPrefix("00") { text = "+" + text.dropFirst(2) }
        let international = text.hasPrefix("+")
        let digits = international ? String(text.dropFirst()) : text
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let full = international ? digits : defaultCallingCode + (digits.hasPrefix(defaultCallingCode) && digits.count == 11 ? String(digits.dropFirst(defaultCallingCode.count)) : digits)
        guard (8...15).contains(full.count), !full.hasPrefix("0"), Set(full.dropFirst()).count > 1 else { return nil }
        return "+" + full
    }
}
