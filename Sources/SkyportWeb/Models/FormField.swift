import SkyportDomain

/// One input of a form as a template shows it: its value as typed and its error, if any.
struct FormField {
    let name: String
    let value: String
    let error: String?

    init(_ name: String, _ value: String, errors: [String: String]) {
        self.name = name
        self.value = value
        error = errors[name]
    }
}

/// An option of a `<select>`.
struct SelectOption {
    let value: String
    let label: String
    let selected: Bool
}

/// Hidden inputs that carry state through a form.
struct HiddenField {
    let name: String
    let value: String
}

extension Visit {
    /// The issue in the visit's language: a translation of its code when there is one, else the
    /// engine's own (English) message.
    func message(for issue: ValidationIssue) -> String {
        strings.table["error." + issue.code.rawValue] ?? issue.message
    }

    /// Each issue's message under the form field `field` maps its engine field to; the first issue of a field wins.
    func fieldErrors(_ issues: [ValidationIssue], field: (String?) -> String) -> [String: String] {
        var errors: [String: String] = [:]
        for issue in issues where errors[field(issue.field)] == nil {
            errors[field(issue.field)] = message(for: issue)
        }
        return errors
    }

    func message(for error: ServiceError) -> String {
        strings.table["error." + error.code.rawValue] ?? error.message
    }
}
