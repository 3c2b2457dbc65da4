import SkyportDomain

/// What the schedule says about one departure: all of it is known when the flight is sold.
public struct ScheduledDeparture: Sendable, Equatable {
    /// The flight's id in its source (a live flight id, or the 2013 record's number).
    public let reference: String
    public let carrier: String
    public let flightNumber: Int
    public let origin: String
    public let destination: String
    /// Scheduled departure, seconds since 1970 (UTC).
    public let scheduledAt: Int64
    /// The scheduled departure's date and minute of day at the origin.
    public let localDate: LocalDate
    public let localMinuteOfDay: Int
    public let distanceMiles: Int
    public let tailNumber: String?
    public let aircraftSeats: Int?
    public let aircraftYearBuilt: Int?

    public init(reference: String, carrier: String, flightNumber: Int, origin: String, destination: String, scheduledAt: Int64,
                localDate: LocalDate, localMinuteOfDay: Int, distanceMiles: Int, tailNumber: String?,
                aircraftSeats: Int?, aircraftYearBuilt: Int?) {
        self.reference = reference
        self.carrier = carrier
        self.flightNumber = flightNumber
        self.origin = origin
        self.destination = destination
        self.scheduledAt = scheduledAt
        self.localDate = localDate
        self.localMinuteOfDay = localMinuteOfDay
        self.distanceMiles = distanceMiles
        self.tailNumber = tailNumber
        self.aircraftSeats = aircraftSeats
        self.aircraftYearBuilt = aircraftYearBuilt
    }

    /// Local midnight of the departure day, in seconds since 1970 (exact except across a DST change that day).
    var localDayStart: Int64 { scheduledAt - Int64(localMinuteOfDay) * 60 }
}

/// One observation of the weather at an airport. Units are those of the 2013 record the model learned from.
public struct WeatherReading: Sendable, Equatable {
    public let observedAt: Int64
    public let temperatureF: Double?
    public let dewPointF: Double?
    public let humidityPercent: Double?
    public let windDirectionDeg: Double?
    public let windSpeedMph: Double?
    public let windGustMph: Double?
    public let precipitationIn: Double?
    public let pressureMb: Double?
    public let visibilityMi: Double?

    public init(observedAt: Int64, temperatureF: Double?, dewPointF: Double?, humidityPercent: Double?, windDirectionDeg: Double?,
                windSpeedMph: Double?, windGustMph: Double?, precipitationIn: Double?, pressureMb: Double?, visibilityMi: Double?) {
        self.observedAt = observedAt
        self.temperatureF = temperatureF
        self.dewPointF = dewPointF
        self.humidityPercent = humidityPercent
        self.windDirectionDeg = windDirectionDeg
        self.windSpeedMph = windSpeedMph
        self.windGustMph = windGustMph
        self.precipitationIn = precipitationIn
        self.pressureMb = pressureMb
        self.visibilityMi = visibilityMi
    }
}

/// One departure from an airport as an operations log holds it: scheduled, and left (or not yet, or never).
public struct DepartureRecord: Sendable, Equatable {
    public let carrier: String
    public let flightNumber: Int
    public let destination: String
    public let tailNumber: String?
    public let scheduledAt: Int64
    /// When it left; nil while it has not (or when it was cancelled).
    public let departedAt: Int64?

    public init(carrier: String, flightNumber: Int, destination: String, tailNumber: String?, scheduledAt: Int64, departedAt: Int64?) {
        self.carrier = carrier
        self.flightNumber = flightNumber
        self.destination = destination
        self.tailNumber = tailNumber
        self.scheduledAt = scheduledAt
        self.departedAt = departedAt
    }

    /// Minutes late (negative: early), once it has left.
    public var delayMinutes: Double? { departedAt.map { Double($0 - scheduledAt) / 60 } }
}
