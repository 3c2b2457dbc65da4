import Booking
import SkyportDomain

/// The seat and bag choices of each flight as a form shows them (the purchase page, a booking's seats and bags page):
/// a small picture of the cabin, then per passenger a seat list grouped by zone with prices, and a number of bags.
/// Lists rather than a clickable map, so that every choice works with a keyboard, a screen reader and without script.
struct ServiceChoices {
    struct Flight {
        let index: Int
        let heading: String
        let figure: Figure
        let seats: [SeatSelect]
        let bags: [BagSelect]
        let includedBags: String
    }

    /// The cabin drawn as rows of cells (decoration: the lists say everything it shows).
    struct Figure {
        let rows: [FigureRow]
        let legend: [LegendItem]
    }

    struct FigureRow {
        let number: Int
        let cells: [FigureCell]
    }

    struct FigureCell {
        let letter: String
        let kind: String
    }

    struct LegendItem {
        let kind: String
        let label: String
    }

    struct SeatSelect {
        let name: String
        let label: String
        let groups: [OptionGroup]
        let error: String?
    }

    struct OptionGroup {
        let label: String
        let options: [Option]
    }

    /// `price` in minor units, for the page's running total.
    struct Option {
        let value: String
        let label: String
        let selected: Bool
        let price: Int64
    }

    struct BagSelect {
        let name: String
        let label: String
        let options: [Option]
    }

    /// A passenger as the lists name them.
    struct Passenger {
        let index: Int
        let name: String
        let type: PassengerType
        /// The seat they have on each flight (by flight index), and the bags they bought.
        var seats: [Int: String] = [:]
        var bagsBought: [Int: Int] = [:]
    }

    /// `seat_<flight>_<passenger>` and `bags_<flight>_<passenger>`, the form's names.
    static func seatField(flight: Int, passenger: Int) -> String { "seat_\(flight)_\(passenger)" }
    static func bagField(flight: Int, passenger: Int) -> String { "bags_\(flight)_\(passenger)" }

    static func build(maps: [SeatMapView], bags: [FlightBagPrices], flightLabels: [String], passengers: [Passenger], form: FormData,
                      errors: [String: String], visit: Visit) -> [Flight] {
        let t = visit.strings, format = visit.format
        return maps.enumerated().map { index, map in
            let currency = CurrencyCode(map.cabins.first?.rows.first?.seats.first?.totalCurrency ?? "USD") ?? .usd
            func money(_ minor: Int64) -> String { format.money(Money(minorUnits: minor, currency: currency)) }
            let seats = map.cabins.flatMap(\.rows).flatMap(\.seats)
            let figure = Figure(
                rows: map.cabins.flatMap(\.rows).map { row in
                    let byLetter = Dictionary(row.seats.map { (String($0.designator.drop { $0.isNumber }), $0) }, uniquingKeysWith: { first, _ in first })
                    return FigureRow(number: row.number, cells: (map.cabins.first?.columns ?? []).map { column in
                        guard let column else { return FigureCell(letter: "", kind: "aisle") }
                        guard let seat = byLetter[column] else { return FigureCell(letter: "", kind: "none") }
                        let kind = seat.passengerId != nil ? "mine" : seat.status != .available ? "taken" : seat.zone.rawValue
                        return FigureCell(letter: column, kind: kind)
                    })
                },
                legend: ["extra_legroom", "front", "standard", "taken", "mine"].map { LegendItem(kind: $0, label: t["seats.legend." + $0]) })
            let seatSelects = passengers.filter { $0.type.takesSeat }.map { passenger -> SeatSelect in
                let name = seatField(flight: index, passenger: passenger.index)
                let current = form[name] ?? passenger.seats[index] ?? ""
                // What the passenger's seat is worth is credited: a move pays only the difference.
                let held = passenger.seats[index].flatMap { mine in seats.first { $0.designator == mine } }
                let credit = held.flatMap { Money(decimalString: $0.totalAmount, currency: currency)?.minorUnits } ?? 0
                let groups = [SeatZone.extraLegroom, .front, .standard].compactMap { zone -> OptionGroup? in
                    let free = seats.filter { $0.zone == zone && ($0.status == .available || $0.designator == current)
                        && !($0.exitRow && passenger.type != .adult) }
                    guard let first = free.first else { return nil }
                    let price = Money(decimalString: first.totalAmount, currency: currency)?.minorUnits ?? 0
                    let label = t["seats.zone." + zone.rawValue] + " · " + (price == 0 ? t["seats.free"] : "+" + money(price))
                    return OptionGroup(label: label, options: free.map { seat in
                        let price = Money(decimalString: seat.totalAmount, currency: currency)?.minorUnits ?? 0
                        return Option(value: seat.designator,
                                      label: seat.designator + " · " + t["seats.position." + seat.position.rawValue] + (seat.exitRow ? " · " + t["seats.exit_row"] : ""),
                                      selected: seat.designator == current, price: max(0, price - credit))
                    })
                }
                let none = OptionGroup(label: t["seats.no_choice_group"], options: [
                    Option(value: "", label: passenger.seats[index].map { t.format("seats.keep", ["seat": $0]) } ?? t["seats.no_choice"],
                           selected: current.isEmpty, price: 0)])
                return SeatSelect(name: name, label: passenger.name, groups: [none] + groups, error: errors[name])
            }
            let prices = bags.first { $0.flightId == map.flightId }
            let ladder = (prices?.prices ?? []).map { Money(decimalString: $0, currency: currency)?.minorUnits ?? 0 }
            let included = prices?.includedBags ?? 0
            let bagSelects = passengers.map { passenger -> BagSelect in
                let name = bagField(flight: index, passenger: passenger.index)
                let bought = passenger.bagsBought[index] ?? 0
                let chosen = Int(form[name] ?? "") ?? 0
                let room = max(0, ladder.count - included - bought)
                var options: [Option] = []
                var total: Int64 = 0
                for extra in 0...room {
                    if extra > 0 { total += ladder[included + bought + extra - 1] }
                    let label = extra == 0 ? t["bags.none_extra"] : t.format("bags.extra", ["n": "\(extra)", "price": money(total)])
                    options.append(Option(value: "\(extra)", label: label, selected: extra == chosen, price: total))
                }
                return BagSelect(name: name, label: passenger.name, options: options)
            }
            return Flight(index: index, heading: flightLabels[safe: index] ?? map.flightId, figure: figure, seats: seatSelects, bags: bagSelects,
                          includedBags: t.format("bags.included", ["n": "\(included)", "kg": "\(BaggagePolicy.bagWeightKilograms)"]))
        }
    }

    /// The seats and bags a submitted form asks for (passengers by index at purchase, by id later).
    static func requests(_ form: FormData, flights: [String], passengers: Int, passengerIDs: [String]? = nil)
        -> (seats: [ServiceRequestInput.Seat], bags: [ServiceRequestInput.Bags]) {
        var seats: [ServiceRequestInput.Seat] = [], bags: [ServiceRequestInput.Bags] = []
        for (flight, flightID) in flights.enumerated() {
            for passenger in 0..<passengers {
                let id = passengerIDs?[safe: passenger]
                if let seat = form.trimmed(seatField(flight: flight, passenger: passenger)), !seat.isEmpty {
                    seats.append(.init(passengerIndex: id == nil ? passenger : nil, passengerId: id, flightId: flightID, designator: seat))
                }
                if let count = form[bagField(flight: flight, passenger: passenger)].flatMap({ Int($0) }), count > 0 {
                    bags.append(.init(passengerIndex: id == nil ? passenger : nil, passengerId: id, flightId: flightID, quantity: count))
                }
            }
        }
        return (seats, bags)
    }

    /// The form field of a seat or bag issue (`seats[0].designator` → the first request's list), by the requests made.
    static func formField(_ field: String?, requests: (seats: [ServiceRequestInput.Seat], bags: [ServiceRequestInput.Bags]), flights: [String],
                          passengerIDs: [String]? = nil) -> String? {
        guard let field else { return nil }
        for (prefix, isSeat) in [("seats[", true), ("bags[", false)] where field.hasPrefix(prefix) {
            guard let close = field.firstIndex(of: "]"), let index = Int(field[field.index(field.startIndex, offsetBy: prefix.count)..<close]) else { return nil }
            let flightID = isSeat ? requests.seats[safe: index]?.flightId : requests.bags[safe: index]?.flightId
            let passenger = isSeat ? (requests.seats[safe: index]?.passengerIndex ?? requests.seats[safe: index]?.passengerId.flatMap { passengerIDs?.firstIndex(of: $0) })
                : (requests.bags[safe: index]?.passengerIndex ?? requests.bags[safe: index]?.passengerId.flatMap { passengerIDs?.firstIndex(of: $0) })
            guard let flightID, let flight = flights.firstIndex(of: flightID), let passenger else { return nil }
            return isSeat ? seatField(flight: flight, passenger: passenger) : bagField(flight: flight, passenger: passenger)
        }
        return nil
    }
}
