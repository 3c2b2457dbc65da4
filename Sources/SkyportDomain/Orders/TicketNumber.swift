/// A 13-digit electronic ticket number: the airline's 3-digit accounting code and a 10-digit serial.
public struct TicketNumber: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    /// Nil when the code is not three digits or the serial does not fit in ten digits.
    public init?(accountingCode: String, serial: Int64) {
        guard accountingCode.count == 3, accountingCode.allSatisfy(\.isASCII), accountingCode.allSatisfy(\.isNumber),
              serial >= 0, serial <= 9_999_999_999 else { return nil }
        let digits = String(serial)
        value = accountingCode + String(repeating: "0", count: 10 - digits.count) + digits
    }

    public var accountingCode: Substring { value.prefix(3) }
    public var serial: Substring { value.suffix(10) }
    public var description: String { value }
}
