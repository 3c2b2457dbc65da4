/// An airport the airline serves or knows of.
public struct Airport: Hashable, Sendable {
    public let code: AirportCode
    public let name: String
    public let latitude: Double
    public let longitude: Double
    /// IANA time zone identifier, e.g. `America/New_York`.
    public let timeZoneIdentifier: String

    public init(code: AirportCode, name: String, latitude: Double, longitude: Double, timeZoneIdentifier: String) {
        self.code = code
        self.name = name
        self.latitude = latitude
        self.longitude = longitude
        self.timeZoneIdentifier = timeZoneIdentifier
    }
}
