/// Luhn's mod-10 check, which card numbers and membership numbers carry in their last digit.
public enum Luhn {
    /// Whether `digits` (the check digit last) pass the check; false for anything but ASCII digits.
    public static func isValid(_ digits: String) -> Bool {
        guard let last = digits.last?.wholeNumberValue, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        return checkDigit(String(digits.dropLast())) == last
    }

    /// The digit that makes `payload` followed by it pass the check.
    public static func checkDigit(_ payload: String) -> Int {
        var sum = 0
        for (index, character) in payload.reversed().enumerated() {
            let digit = character.wholeNumberValue ?? 0
            if index % 2 == 0 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return (10 - sum % 10) % 10
    }
}
