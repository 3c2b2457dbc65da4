import Booking
import SkyportDomain

/// Flights as pages show them: local times, duration, flight number, carrier and aircraft.
enum ItineraryView {
    struct Slice {
        let direction: String
        let date: String
        let route: String
        let segments: [Segment]
    }

    struct Segment {
        let departTime: String
        let arriveTime: String
        let nextDay: Bool
        let origin: String
        let destination: String
        let flightNumber: String
        let carrier: String
        let aircraft: String?
        let duration: String
    }

    static func slices(_ slices: [OfferView.Slice], visit: Visit) -> [Slice] {
        let t = visit.strings, format = visit.format
        return slices.enumerated().map { index, slice in
            let departs = slice.segments.first.flatMap { format.localDateTime($0.departingAtLocal) }
            return Slice(
                direction: t[index == 0 ? "itinerary.outbound" : "itinerary.inbound"],
                date: departs.map { format.longDate($0.date) } ?? slice.departureDate,
                route: "\(slice.origin) → \(slice.destination)",
                segments: slice.segments.map { segment($0, format: format) })
        }
    }

    /// One flight in local times, with a "+1" when it lands on a later local date.
    static func segment(_ segment: OfferView.Segment, format: LocaleFormat) -> Segment {
        let departs = format.localDateTime(segment.departingAtLocal), arrives = format.localDateTime(segment.arrivingAtLocal)
        return Segment(departTime: departs?.time ?? segment.departingAtLocal, arriveTime: arrives?.time ?? segment.arrivingAtLocal,
                       nextDay: (arrives?.date).map { $0 > (departs?.date ?? $0) } ?? false,
                       origin: segment.origin, destination: segment.destination, flightNumber: segment.flightNumber,
                       carrier: segment.marketingCarrierName, aircraft: segment.aircraft,
                       duration: format.duration(minutes: minutes(segment.duration)))
    }

    /// Minutes of an ISO 8601 duration such as `PT5H30M`.
    static func minutes(_ duration: String) -> Int {
        var total = 0, number = 0
        for character in duration {
            if let digit = character.wholeNumberValue { number = number * 10 + digit; continue }
            if character == "H" { total += number * 60 } else if character == "M" { total += number }
            number = 0
        }
        return total
    }
}
