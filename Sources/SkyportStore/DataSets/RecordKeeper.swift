import SkyportDomain

/// Keeps the 2013 record that the network data set carries beside the network: the departures as they went and the
/// hourly weather (the ML platform's history). The network importer reads the data set and hands the record's files to
/// it, so that the module that owns the record's tables is the one that writes them.
public protocol RecordKeeper: Sendable {
    /// Keeps the departures of `flights` (of `days` only, when given) with the seats and year built of their aircraft
    /// from `aircraft`; returns how many departures the files hold for the period.
    func keepFlights(_ flights: CSVTable, aircraft: CSVTable, on days: ClosedRange<LocalDate>?) async throws -> Int

    /// Keeps the hourly observations of `weather` (observed in `period` only, when given); returns how many.
    func keepWeather(_ weather: CSVTable, observedIn period: Range<Int64>?) async throws -> Int
}
