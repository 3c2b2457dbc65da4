/// A sign-up form as received: every field optional so that each gets its own error. The password is chosen
/// later, on the page the emailed link opens (`AccountService.completeSignUp`).
public struct SignUpInput: Sendable {
    public var email: String?
    public var givenName: String?
    public var familyName: String?
    public var preferredLanguage: String?

    public init(email: String?, givenName: String?, familyName: String?, preferredLanguage: String? = nil) {
        self.email = email
        self.givenName = givenName
        self.familyName = familyName
        self.preferredLanguage = preferredLanguage
    }
}

/// The editable part of a profile.
public struct ProfileInput: Sendable {
    public var givenName: String?
    public var familyName: String?
    public var phone: String?
    public var preferredLanguage: String?

    public init(givenName: String?, familyName: String?, phone: String?, preferredLanguage: String?) {
        self.givenName = givenName
        self.familyName = familyName
        self.phone = phone
        self.preferredLanguage = preferredLanguage
    }
}

/// Password rules: long enough to resist guessing, short enough for bcrypt (72 bytes).
public enum PasswordRules {
    public static let minimumLength = 10
    public static let maximumBytes = 72
}
