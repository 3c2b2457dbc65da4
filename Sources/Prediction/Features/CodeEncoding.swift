/// Airline and airport codes as numbers a tree can split on, with no vocabulary to ship with the model:
/// the code read as a base-36 number ("JFK" and "B6" always map to the same value).
public enum CodeEncoding {
    public static func value(of code: String) -> Double? {
        guard !code.isEmpty, code.count <= 4 else { return nil }
        var total = 0
        for character in code.uppercased() {
            guard let digit = character.hexDigitValue ?? letterValue(character) else { return nil }
            total = total * 36 + digit
        }
        return Double(total)
    }

    private static func letterValue(_ character: Character) -> Int? {
        guard let ascii = character.asciiValue, ascii >= 65, ascii <= 90 else { return nil }
        return Int(ascii - 65) + 10
    }
}
