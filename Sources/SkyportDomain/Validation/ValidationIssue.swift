/// A precise reason why input was refused: a machine code, the offending field and a message.
public struct ValidationIssue: Error, Hashable, Sendable {
    /// Stable snake_case code, e.g. `invalid_email` (`.invalidEmail`).
    public let code: ServiceError.Code
    /// Path of the field in the request, e.g. `passengers[1].family_name`; nil when not tied to a field.
    public let field: String?
    public let message: String

    public init(code: ServiceError.Code, field: String?, message: String) {
        self.code = code
        self.field = field
        self.message = message
    }
}

/// One or more validation issues, reported together so that a form can show them all at once.
public struct ValidationFailure: Error, Sendable {
    public let issues: [ValidationIssue]

    public init(_ issues: [ValidationIssue]) {
        self.issues = issues
    }
}
