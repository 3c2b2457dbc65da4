import Foundation

/// Readable phrases for the features that pushed a prediction up, built from SHAP contributions.
public enum ReasonPhrases {
    /// A phrase for `feature` at `value`, about a departure from `origin` by `carrier`.
    public static func phrase(_ feature: DelayFeature, value: Float, origin: String, carrier: String) -> String {
        let v = Double(value)
        let at = "at \(origin)"
        func knots(_ mph: Double) -> Int { Int((mph * 0.868976).rounded()) }
        switch feature {
        case .windGustMph, .gustMax6h: return "gusts \(knots(v)) kt \(at)\(feature == .gustMax6h ? " in the last 6 h" : "")"
        case .windSpeedMph: return "wind \(knots(v)) kt \(at)"
        case .windSpeedChange3h: return "wind \(v >= 0 ? "up" : "down") \(abs(knots(v))) kt in 3 h \(at)"
        case .windDirectionDeg: return "wind from \(Int(v))° \(at)"
        case .visibilityMi, .visibilityMin6h: return "visibility \(format(v)) mi \(at)\(feature == .visibilityMin6h ? " (lowest in 6 h)" : "")"
        case .precipitationIn: return "\(format(v)) in of precipitation in the last hour \(at)"
        case .precipitationSum6h: return "\(format(v)) in of precipitation in 6 h \(at)"
        case .pressureMb: return "pressure \(Int(v.rounded())) hPa \(at)"
        case .pressureChange3h: return "pressure \(v < 0 ? "falling" : "rising") \(format(abs(v))) hPa in 3 h \(at)"
        case .temperatureF: return "temperature \(Int(v.rounded())) °F \(at)"
        case .temperatureChange3h: return "temperature \(v < 0 ? "down" : "up") \(Int(abs(v).rounded())) °F in 3 h \(at)"
        case .dewPointF: return "dew point \(Int(v.rounded())) °F \(at)"
        case .humidityPercent: return "humidity \(Int(v.rounded()))% \(at)"
        case .weatherAgeMinutes: return "latest weather report \(Int(v)) min old \(at)"
        case .departedLast2h: return "\(Int(v)) departures in the last 2 h \(at)"
        case .meanDelayDepartedLast2h: return "departures in the last 2 h averaged \(Int(v.rounded())) min late \(at)"
        case .delayedShareDepartedLast2h: return "\(Int((v * 100).rounded()))% of departures in the last 2 h left 15+ min late \(at)"
        case .meanDelayDepartedLast6h: return "departures in the last 6 h averaged \(Int(v.rounded())) min late \(at)"
        case .waitingDepartures: return "\(Int(v)) departures already delayed \(at)"
        case .longestWaitMinutes: return "a departure has waited \(Int(v)) min past its time \(at)"
        case .carrierMeanDelayLast3h: return "\(carrier) departures averaged \(Int(v.rounded())) min late in the last 3 h \(at)"
        case .aircraftPreviousLegDelay: return "the aircraft's previous flight is \(Int(v.rounded())) min late"
        case .departuresScheduledBeforeFlight: return "\(Int(v)) departures scheduled ahead of it \(at)"
        case .departuresScheduledSameHour: return "\(Int(v)) departures scheduled in the same hour \(at)"
        case .departuresScheduledEarlierToday: return "\(Int(v)) departures earlier in the day \(at)"
        case .aircraftLegOfDay: return "the aircraft's flight number \(Int(v)) of the day"
        case .departureRateLast1h: return "only \(Int((v * 100).rounded()))% of the last hour's departures have left \(at)"
        case .minutesSinceLastDeparture: return "no departure for \(Int(v)) min \(at)"
        case .meanDelayDepartedToday: return "departures today averaged \(Int(v.rounded())) min late \(at)"
        case .routeMeanDelayLast6h: return "flights on this route averaged \(Int(v.rounded())) min late in the last 6 h"
        case .carrierWaitingDepartures: return "\(Int(v)) \(carrier) departures already delayed \(at)"
        case .flightDelayedShare7d: return "this flight left 15+ min late on \(Int((v * 100).rounded()))% of the last 7 days"
        case .flightMeanDelay7d: return "this flight averaged \(Int(v.rounded())) min late over the last 7 days"
        case .hourDelayedShare7d: return "\(Int((v * 100).rounded()))% of departures at this hour were 15+ min late in the last 7 days \(at)"
        case .carrierDelayedShare7d: return "\(Int((v * 100).rounded()))% of \(carrier) departures were 15+ min late in the last 7 days \(at)"
        case .originDelayedShare7d: return "\(Int((v * 100).rounded()))% of departures were 15+ min late in the last 7 days \(at)"
        case .hourLocal: return String(format: "departure at %02d:%02d", Int(v), Int((v - v.rounded(.down)) * 60))
        case .weekday: return "a \(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][max(0, min(6, Int(v) - 1))])"
        case .month: return "in \(DateFormatter().monthSymbols[max(0, min(11, Int(v) - 1))])"
        case .dayOfYear: return "day \(Int(v)) of the year"
        case .daysToHoliday: return v == 0 ? "a public holiday" : "\(Int(abs(v))) days \(v > 0 ? "before" : "after") a public holiday"
        case .carrier: return "operated by \(carrier)"
        case .origin: return "departing \(origin)"
        case .destination: return "the destination"
        case .distanceMiles: return "a \(Int(v))-mile flight"
        case .aircraftSeats: return "a \(Int(v))-seat aircraft"
        case .aircraftAgeYears: return "an aircraft \(Int(v)) years old"
        }
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value).replacingOccurrences(of: #"0+$"#, with: "", options: .regularExpression)
    }
}
