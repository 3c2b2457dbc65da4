/// One itemized tax or fee on a fare.
public struct TaxLine: Hashable, Sendable {
    /// Two-character ticketing tax code, e.g. `US`, `ZP`.
    public let code: String
    public let name: String
    public let amount: Money

    public init(code: String, name: String, amount: Money) {
        self.code = code
        self.name = name
        self.amount = amount
    }
}
