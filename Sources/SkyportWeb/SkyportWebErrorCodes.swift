import SkyportDomain

/// The error codes SkyportWeb gives (its services' `ServiceError`s and `ValidationIssue`s).
extension ServiceError.Code {
    public static let ambiguousAirport = Self("ambiguous_airport")
    public static let invalidAdults = Self("invalid_adults")
    public static let invalidRange = Self("invalid_range")
    public static let tooManySeats = Self("too_many_seats")
    public static let unknownView = Self("unknown_view")
}
