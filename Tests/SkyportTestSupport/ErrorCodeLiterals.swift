import SkyportDomain

/// Tests name error codes by their wire text, as clients see them (`#expect(error.code == "offer_expired")`).
/// Production code cannot: this conformance exists only where test support is imported, so every module's code
/// stays a named constant the compiler checks.
extension ServiceError.Code: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) {
        self.init(value)
    }
}
