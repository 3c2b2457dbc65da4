import Booking
import Foundation
import SkyportDomain
import SkyportHTTP

/// The search as the form and the results page carry it in their query string.
struct SearchQuery: Sendable, Equatable {
    var from = ""
    var to = ""
    var roundTrip = false
    var depart = ""
    var returnDate = ""
    var adults = 1
    var children = 0
    var infants = 0
    var cabin = "economy"
    var sort = "price"

    static let sorts = ["price", "departure", "duration"]

    init() {}

    init(_ query: [String: String]) {
        from = query["from"]?.trimmingCharacters(in: .whitespaces) ?? ""
        to = query["to"]?.trimmingCharacters(in: .whitespaces) ?? ""
        roundTrip = query["trip"] == "round_trip"
        depart = query["depart"] ?? ""
        returnDate = query["return"] ?? ""
        adults = Int(query["adults"] ?? "") ?? 1
        children = Int(query["children"] ?? "") ?? 0
        infants = Int(query["infants"] ?? "") ?? 0
        cabin = query["cabin"] == "business" ? "business" : "economy"
        sort = Self.sorts.contains(query["sort"] ?? "") ? query["sort"]! : "price"
    }

    /// The query string that repeats this search (without a leading `?`).
    var encoded: String {
        var items = [("from", from), ("to", to), ("trip", roundTrip ? "round_trip" : "one_way"), ("depart", depart)]
        if roundTrip { items.append(("return", returnDate)) }
        items += [("adults", "\(adults)"), ("children", "\(children)"), ("infants", "\(infants)"), ("cabin", cabin)]
        if sort != "price" { items.append(("sort", sort)) }
        return items.map { "\($0)=\(URLQuery.escape($1))" }.joined(separator: "&")
    }

    /// The search with the outbound date moved.
    func departing(_ date: LocalDate) -> SearchQuery {
        var copy = self
        copy.depart = date.iso
        if roundTrip, let back = LocalDate(iso: returnDate), back < date { copy.returnDate = date.iso }
        return copy
    }

    /// Who travels, as the results and the fare calendar say it: "2 adults, 1 child".
    func travellers(_ t: Strings) -> String {
        [(adults, "adult"), (children, "child"), (infants, "infant")].filter { $0.0 > 0 }
            .map { t.format("count." + $0.1, ["n": "\($0.0)"]) }.joined(separator: ", ")
    }

    func sorted(by sort: String) -> SearchQuery {
        var copy = self
        copy.sort = sort
        return copy
    }

    /// The engine's search input, with free-text airports resolved against the served airports.
    /// Issues found here (ambiguous or unknown airports, passenger counts) come back by form field.
    func offerRequest(airports: [Airport]) -> (input: OfferRequestInput, errors: [String: ValidationIssue]) {
        var errors: [String: ValidationIssue] = [:]
        let origin = Self.resolve(from, field: "from", airports: airports, errors: &errors)
        let destination = Self.resolve(to, field: "to", airports: airports, errors: &errors)
        if !(1...9).contains(adults) {
            errors["adults"] = .init(code: .invalidAdults, field: "adults", message: "From 1 to 9 adults.")
        }
        if !(0...8).contains(children) || adults + children > 9 {
            errors["children"] = .init(code: .tooManySeats, field: "children", message: "At most 9 seated passengers.")
        }
        if infants < 0 || infants > adults {
            errors["infants"] = .init(code: .tooManyInfants, field: "infants", message: "One infant per adult at most.")
        }
        var slices = [OfferRequestInput.Slice(origin: origin, destination: destination, departureDate: depart.isEmpty ? nil : depart)]
        if roundTrip {
            slices.append(.init(origin: destination, destination: origin, departureDate: returnDate.isEmpty ? nil : returnDate))
        }
        let passengers = Array(repeating: "adult", count: max(0, min(adults, 9))) + Array(repeating: "child", count: max(0, min(children, 8)))
            + Array(repeating: "infant_without_seat", count: max(0, min(infants, 9)))
        return (OfferRequestInput(slices: slices, passengers: passengers.map { .init(type: $0) }, cabinClass: cabin), errors)
    }

    /// The form field an engine issue belongs to.
    static func formField(of engineField: String?) -> String {
        switch engineField ?? "" {
        case "slices[0].origin", "slices[1].destination": return "from"
        case "slices[0].destination", "slices[1].origin": return "to"
        case "slices[0].departure_date", "slices": return "depart"
        case "slices[1].departure_date": return "return"
        case "cabin_class": return "cabin"
        default: return "adults"
        }
    }

    /// A code, or a city or airport name that matches exactly one served airport.
    private static func resolve(_ text: String, field: String, airports: [Airport], errors: inout [String: ValidationIssue]) -> String? {
        guard !text.isEmpty else { return nil }
        if text.count == 3, airports.contains(where: { $0.code.value == text.uppercased() }) { return text.uppercased() }
        let matches = AirportSearch.matches(text, in: airports)
        if matches.count == 1 || matches.first.map({ $0.code.value == text.uppercased() }) == true { return matches[0].code.value }
        if matches.isEmpty {
            errors[field] = .init(code: .unknownAirport, field: field, message: "No airport we fly to matches '\(text)'.")
        } else {
            let codes = matches.prefix(5).map { "\($0.name) (\($0.code.value))" }.joined(separator: ", ")
            errors[field] = .init(code: .ambiguousAirport, field: field, message: "Several airports match: \(codes). Pick one.")
        }
        return nil
    }

}
