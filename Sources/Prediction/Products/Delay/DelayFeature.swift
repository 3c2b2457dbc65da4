/// The features of the delay model, in the order the model sees them.
///
/// Every feature is computed by `DelayFeatureBuilder` from what is known at the prediction's cut-off
/// (scheduled departure minus the lead time): the schedule, weather observed at or before the
/// cut-off, and departures that had left by then. Changing the order or meaning of a feature is a
/// new `DelayFeatureSchema.version`.
public enum DelayFeature: String, CaseIterable, Sendable {
    // The schedule: known when the flight is sold.
    case hourLocal = "hour_local"
    case weekday
    case month
    case dayOfYear = "day_of_year"
    case daysToHoliday = "days_to_holiday"
    case carrier
    case origin
    case destination
    case distanceMiles = "distance_miles"
    case aircraftSeats = "aircraft_seats"
    case aircraftAgeYears = "aircraft_age_years"
    case departuresScheduledSameHour = "departures_scheduled_same_hour"
    case departuresScheduledEarlierToday = "departures_scheduled_earlier_today"
    case aircraftLegOfDay = "aircraft_leg_of_day"
    // Weather at the origin: the latest observation at the cut-off, and its recent trend.
    case temperatureF = "temperature_f"
    case dewPointF = "dew_point_f"
    case humidityPercent = "humidity_percent"
    case windDirectionDeg = "wind_direction_deg"
    case windSpeedMph = "wind_speed_mph"
    case windGustMph = "wind_gust_mph"
    case precipitationIn = "precipitation_in"
    case pressureMb = "pressure_mb"
    case visibilityMi = "visibility_mi"
    case weatherAgeMinutes = "weather_age_minutes"
    case pressureChange3h = "pressure_change_3h"
    case temperatureChange3h = "temperature_change_3h"
    case windSpeedChange3h = "wind_speed_change_3h"
    case visibilityMin6h = "visibility_min_6h"
    case precipitationSum6h = "precipitation_sum_6h"
    case gustMax6h = "gust_max_6h"
    // Operations at the origin, as they stand at the cut-off.
    case departedLast2h = "departed_last_2h"
    case meanDelayDepartedLast2h = "mean_delay_departed_last_2h"
    case delayedShareDepartedLast2h = "delayed_share_departed_last_2h"
    case meanDelayDepartedLast6h = "mean_delay_departed_last_6h"
    case waitingDepartures = "waiting_departures"
    case longestWaitMinutes = "longest_wait_minutes"
    case carrierMeanDelayLast3h = "carrier_mean_delay_last_3h"
    case aircraftPreviousLegDelay = "aircraft_previous_leg_delay"
    case departuresScheduledBeforeFlight = "departures_scheduled_before_flight"
    case departureRateLast1h = "departure_rate_last_1h"
    case minutesSinceLastDeparture = "minutes_since_last_departure"
    case meanDelayDepartedToday = "mean_delay_departed_today"
    case routeMeanDelayLast6h = "route_mean_delay_last_6h"
    case carrierWaitingDepartures = "carrier_waiting_departures"
    // The last seven days before the departure day: how this flight, hour and airline have been running lately.
    case flightDelayedShare7d = "flight_delayed_share_7d"
    case flightMeanDelay7d = "flight_mean_delay_7d"
    case hourDelayedShare7d = "hour_delayed_share_7d"
    case carrierDelayedShare7d = "carrier_delayed_share_7d"
    case originDelayedShare7d = "origin_delayed_share_7d"

    /// Which family the feature belongs to: used to train the nested baselines.
    public enum Family: String, Sendable, CaseIterable {
        case schedule
        case weather
        case operations
        case recentHistory = "recent_history"
    }

    public var family: Family {
        switch self {
        case .hourLocal, .weekday, .month, .dayOfYear, .daysToHoliday, .carrier, .origin, .destination, .distanceMiles,
             .aircraftSeats, .aircraftAgeYears, .departuresScheduledSameHour, .departuresScheduledEarlierToday, .aircraftLegOfDay:
            return .schedule
        case .temperatureF, .dewPointF, .humidityPercent, .windDirectionDeg, .windSpeedMph, .windGustMph, .precipitationIn,
             .pressureMb, .visibilityMi, .weatherAgeMinutes, .pressureChange3h, .temperatureChange3h, .windSpeedChange3h,
             .visibilityMin6h, .precipitationSum6h, .gustMax6h:
            return .weather
        case .departedLast2h, .meanDelayDepartedLast2h, .delayedShareDepartedLast2h, .meanDelayDepartedLast6h, .waitingDepartures,
             .longestWaitMinutes, .carrierMeanDelayLast3h, .aircraftPreviousLegDelay, .departuresScheduledBeforeFlight,
             .departureRateLast1h, .minutesSinceLastDeparture, .meanDelayDepartedToday, .routeMeanDelayLast6h, .carrierWaitingDepartures:
            return .operations
        case .flightDelayedShare7d, .flightMeanDelay7d, .hourDelayedShare7d, .carrierDelayedShare7d, .originDelayedShare7d:
            return .recentHistory
        }
    }

    /// Position in the feature vector.
    public var index: Int { Self.indexByFeature[self]! }

    private static let indexByFeature: [DelayFeature: Int] = Dictionary(uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })
}
