import Foundation
import SkyportDomain

/// Renders a stored flight as an API segment, with local and UTC times.
struct FlightPresenter {
    let network: NetworkDirectory.Snapshot

    /// A slice of one flight (every flight here is non-stop).
    func slice(_ flight: ScheduledFlight, bookingClass: BookingClass) -> OfferView.Slice {
        let segment = segment(flight, bookingClass: bookingClass)
        return .init(origin: flight.origin, destination: flight.destination, departureDate: flight.departureDate,
                     duration: segment.duration, segments: [segment])
    }

    func segment(_ flight: ScheduledFlight, bookingClass: BookingClass) -> OfferView.Segment {
        let departs = Date(timeIntervalSince1970: TimeInterval(flight.departsAt))
        let arrives = Date(timeIntervalSince1970: TimeInterval(flight.arrivesAt))
        return .init(
            flightId: flight.id,
            marketingCarrier: flight.carrier,
            marketingCarrierName: network.carriers[flight.carrier] ?? flight.carrier,
            flightNumber: "\(flight.carrier)\(flight.flightNumber)",
            origin: flight.origin,
            destination: flight.destination,
            departingAt: APITime.utc(flight.departsAt),
            departingAtLocal: network.clocks[flight.origin]?.localISO(departs) ?? APITime.utc(flight.departsAt),
            arrivingAt: APITime.utc(flight.arrivesAt),
            arrivingAtLocal: network.clocks[flight.destination]?.localISO(arrives) ?? APITime.utc(flight.arrivesAt),
            duration: APITime.duration(minutes: Int(flight.arrivesAt - flight.departsAt) / 60),
            aircraft: flight.aircraftModel,
            cabinClass: flight.cabin,
            bookingClass: bookingClass.code,
            fareBasis: FareBasis.code(for: bookingClass))
    }
}
