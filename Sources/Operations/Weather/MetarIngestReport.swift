import SkyportDomain

/// What became of a batch of METAR lines.
public struct MetarIngestReport: Sendable, Codable, Equatable {
    /// A line that could not be read: its number (from 1), the text and why.
    public struct Rejection: Sendable, Codable, Equatable {
        public let line: Int
        public let report: String
        public let code: ServiceError.Code
        public let message: String
    }

    /// New observations stored.
    public var stored = 0
    /// Corrections (`COR`) that replaced an earlier report of the same station and time.
    public var corrected = 0
    /// Reports already stored (weather services repeat the last hours in every file).
    public var duplicates = 0
    /// Reports of stations that are not Skyport airports, by station.
    public var ignoredStations: [String] = []
    public var rejected: [Rejection] = []
    /// The airports that got a new or corrected observation.
    public var airports: [String] = []

    enum CodingKeys: String, CodingKey {
        case stored, corrected, duplicates, rejected, airports
        case ignoredStations = "ignored_stations"
    }
}
