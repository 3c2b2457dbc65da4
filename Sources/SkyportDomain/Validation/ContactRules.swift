/// Formats of contact details and passenger names.
public enum ContactRules {
    /// Names as they can be printed on a ticket: 1-30 ASCII letters, with spaces, hyphens or
    /// apostrophes between letters.
    public static func isValidName(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard (1...30).contains(scalars.count), let first = scalars.first, let last = scalars.last,
              isLetter(first), isLetter(last) else { return false }
        var previousWasSeparator = false
        for scalar in scalars {
            if isLetter(scalar) {
                previousWasSeparator = false
            } else if scalar == " " || scalar == "-" || scalar == "'" {
                if previousWasSeparator { return false }
                previousWasSeparator = true
            } else {
                return false
            }
        }
        return true
    }

    /// A practical email check: one `@`, a non-empty local part, a dotted domain, no spaces, at most 254 characters.
    public static func normalizedEmail(_ raw: String) -> String? {
        let email = raw.trimmingSpaces().lowercased()
        guard email.utf8.count <= 254, !email.contains(where: { $0.isWhitespace || $0.isNewline }) else { return nil }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64 else { return nil }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }),
              labels.allSatisfy({ $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } }),
              let tld = labels.last, tld.count >= 2, tld.allSatisfy(\.isLetter) else { return nil }
        return email
    }

    /// An E.164 number (`+` and 8 to 15 digits, the first not zero); spaces, dots, hyphens and
    /// parentheses are removed first. Nil when it does not fit.
    public static func normalizedPhone(_ raw: String) -> String? {
        let kept = raw.filter { !" .-()".contains($0) }
        guard kept.hasPrefix("+") else { return nil }
        let digits = kept.dropFirst()
        guard (8...15).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              digits.first != "0" else { return nil }
        return kept
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        (scalar >= "A" && scalar <= "Z") || (scalar >= "a" && scalar <= "z")
    }
}

extension String {
    func trimmingSpaces() -> String {
        var view = Substring(self)
        while view.first?.isWhitespace == true { view = view.dropFirst() }
        while view.last?.isWhitespace == true { view = view.dropLast() }
        return String(view)
    }
}
