import Foundation
import SkyportDomain

/// Turns an `OfferRequestInput` into a `Search`, or reports every problem with it.
struct SearchValidator {
    let network: NetworkDirectory.Snapshot
    let now: Date

    func validate(_ input: OfferRequestInput) throws -> Search {
        var issues: [ValidationIssue] = []
        var slices: [Search.Slice] = []
        let rawSlices = input.slices ?? []
        if input.slices == nil {
            issues.append(.init(code: .missingField, field: "slices", message: "Give one slice for a one-way trip or two for a round trip."))
        } else if !(1...2).contains(rawSlices.count) {
            issues.append(.init(code: .invalidSlices, field: "slices", message: "Give one slice for a one-way trip or two for a round trip."))
        }
        for (index, slice) in rawSlices.prefix(2).enumerated() {
            let field = "slices[\(index)]"
            let origin = airport(slice.origin, field: "\(field).origin", issues: &issues)
            let destination = airport(slice.destination, field: "\(field).destination", issues: &issues)
            if let origin, let destination, origin == destination {
                issues.append(.init(code: .sameOriginAndDestination, field: "\(field).destination", message: "The destination must differ from the origin."))
            }
            let date = departureDate(slice.departureDate, origin: origin, field: "\(field).departure_date", issues: &issues)
            if let origin, let destination, let date {
                slices.append(.init(origin: origin, destination: destination, departureDate: date))
            }
        }
        if slices.count == 2, slices[1].departureDate < slices[0].departureDate {
            issues.append(.init(code: .returnBeforeDeparture, field: "slices[1].departure_date", message: "The return date is before the outbound date."))
        }

        var passengers: [PassengerType] = []
        if let raw = input.passengers {
            for (index, passenger) in raw.enumerated() {
                if let type = passenger.type.flatMap(PassengerType.init(rawValue:)) {
                    passengers.append(type)
                } else {
                    issues.append(.init(code: .invalidPassengerType, field: "passengers[\(index)].type",
                                        message: "A passenger type is adult, child or infant_without_seat."))
                }
            }
            if passengers.count == raw.count { issues += PassengerMix.issues(for: passengers) }
        } else {
            issues.append(.init(code: .missingField, field: "passengers", message: "List the passengers, e.g. [{\"type\":\"adult\"}]."))
        }

        let cabin = Cabin(rawValue: input.cabinClass ?? "economy")
        if cabin == nil {
            issues.append(.init(code: .invalidCabinClass, field: "cabin_class", message: "The cabin class is economy or business."))
        }
        let maxOffers = input.maxOffers ?? 50
        if !(1...200).contains(maxOffers) {
            issues.append(.init(code: .invalidMaxOffers, field: "max_offers", message: "max_offers is between 1 and 200."))
        }
        guard issues.isEmpty, let cabin else { throw ValidationFailure(issues) }
        return Search(slices: slices, passengers: passengers, cabin: cabin, maxOffers: maxOffers)
    }

    private func airport(_ raw: String?, field: String, issues: inout [ValidationIssue]) -> AirportCode? {
        guard let raw else {
            issues.append(.init(code: .missingField, field: field, message: "An IATA airport code is needed."))
            return nil
        }
        guard let code = AirportCode(raw) else {
            issues.append(.init(code: .invalidAirportCode, field: field, message: "'\(raw)' is not a three-letter IATA airport code."))
            return nil
        }
        guard network.airports[code.value] != nil else {
            issues.append(.init(code: .unknownAirport, field: field, message: "No airport has the code \(code)."))
            return nil
        }
        return code
    }

    private func departureDate(_ raw: String?, origin: AirportCode?, field: String, issues: inout [ValidationIssue]) -> LocalDate? {
        guard let raw else {
            issues.append(.init(code: .missingField, field: field, message: "A departure date (YYYY-MM-DD) is needed."))
            return nil
        }
        guard let date = LocalDate(iso: raw) else {
            issues.append(.init(code: .invalidDate, field: field, message: "'\(raw)' is not a date in the form YYYY-MM-DD."))
            return nil
        }
        let today = (origin.flatMap { network.clocks[$0.value] } ?? .utc).localDate(of: now)
        if date < today {
            issues.append(.init(code: .departureDateInPast, field: field, message: "\(date) is in the past at the origin."))
            return nil
        }
        if let last = network.lastScheduledDate, date > last {
            issues.append(.init(code: .departureDateBeyondSchedule, field: field, message: "Flights are on sale until \(last)."))
            return nil
        } else if network.lastScheduledDate == nil {
            issues.append(.init(code: .departureDateBeyondSchedule, field: field, message: "No flights are on sale yet."))
            return nil
        }
        return date
    }
}
