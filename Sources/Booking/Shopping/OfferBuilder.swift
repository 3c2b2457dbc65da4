import Foundation
import SkyportDomain

/// Builds offers (and their signed ids) for one fare brand over the flights of each slice.
struct OfferBuilder {
    let network: NetworkDirectory.Snapshot
    let tokens: OfferToken
    let pricing: FarePricing
    /// The loyalty programme's award chart and valuation, where members can pay with miles.
    var loyalty: LoyaltyProgramme?

    /// One priced choice on one slice: a flight in the cheapest open class of the brand.
    fileprivate struct Choice {
        let flight: ScheduledFlight
        let bookingClass: BookingClass
        let seatsLeft: Int
    }

    /// A priced combination of one choice per slice, before it is rendered.
    struct Candidate {
        let brand: FareBrand
        fileprivate let choices: [Choice]
        let price: ItineraryPricing
        /// Sort keys, computed once.
        let total: Int64
        let firstDeparture: Int64

        fileprivate init(brand: FareBrand, choices: [Choice], price: ItineraryPricing) {
            self.brand = brand
            self.choices = choices
            self.price = price
            total = price.total.minorUnits
            firstDeparture = choices.first?.flight.departsAt ?? 0
        }
    }

    /// Every combination of the brand's open choices on each slice, priced but not yet rendered
    /// (a round trip can have thousands; only the best are rendered and signed).
    func candidates(brand: FareBrand, flightsPerSlice: [[ScheduledFlight]], search: Search) -> [Candidate] {
        let choicesPerSlice: [[Choice]] = flightsPerSlice.map { flights in
            flights.compactMap { flight in
                guard let open = flight.availability.cheapestOpenClass(of: brand, seats: search.seatsNeeded) else { return nil }
                return Choice(flight: flight, bookingClass: open, seatsLeft: flight.availability.available(in: open))
            }
        }
        var combinations: [[Choice]] = [[]]
        for choices in choicesPerSlice {
            combinations = combinations.flatMap { prefix in choices.map { prefix + [$0] } }
        }
        return combinations.filter { !$0.isEmpty }.map { choices in
            Candidate(brand: brand, choices: choices, price: ItineraryPricing(
                passengers: search.passengers, segments: choices.map { ($0.flight.distanceMiles, $0.bookingClass) }, pricing: pricing))
        }
    }

    func render(_ candidate: Candidate, search: Search, requestID: String, expiresAt: Int64) -> OfferView {
        offer(brand: candidate.brand, choices: candidate.choices, price: candidate.price, search: search, requestID: requestID, expiresAt: expiresAt)
    }

    private func offer(brand: FareBrand, choices: [Choice], price: ItineraryPricing, search: Search, requestID: String, expiresAt: Int64) -> OfferView {
        let claims = OfferClaims(
            offerRequestID: requestID, expiresAt: expiresAt, cabin: search.cabin, brand: brand, passengers: search.passengers,
            segments: choices.map { .init(flightID: $0.flight.id, bookingClass: $0.bookingClass.code) },
            totalMinorUnits: price.total.minorUnits, currency: price.currency.code)
        let seatsLeft = choices.map(\.seatsLeft).min() ?? 0
        return OfferView(
            id: tokens.encode(claims),
            expiresAt: APITime.utc(expiresAt),
            cabinClass: search.cabin.rawValue,
            fareBrand: brand.rawValue,
            fareBrandName: brand.displayName,
            conditions: .init(brand.conditions(currency: pricing.currency)),
            baseAmount: price.base.decimalString,
            taxAmount: price.taxes.decimalString,
            totalAmount: price.total.decimalString,
            totalCurrency: price.currency.code,
            passengers: passengerPrices(search.passengers, price: price),
            slices: choices.map { FlightPresenter(network: network).slice($0.flight, bookingClass: $0.bookingClass) },
            availableSeats: seatsLeft <= 9 ? seatsLeft : nil,
            award: award(brand: brand, flights: choices.map(\.flight), search: search))
    }

    /// The offer's price as an award, where its flights have award seats.
    private func award(brand: FareBrand, flights: [ScheduledFlight], search: Search) -> OfferView.Award? {
        guard let loyalty, PurchasePayment.awardClasses(cabin: search.cabin, brand: brand, passengers: search.passengers, flights: flights) != nil else {
            return nil
        }
        let award = loyalty.awardPricing(passengers: search.passengers, distances: flights.map(\.distanceMiles), cabin: search.cabin, pricing: pricing)
        return OfferView.Award(miles: award.miles, cashAmount: award.fares.taxes.decimalString, cashCurrency: award.fares.currency.code)
    }

    private func passengerPrices(_ passengers: [PassengerType], price: ItineraryPricing) -> [OfferView.PassengerPrice] {
        PassengerType.allCases.compactMap { type in
            guard let index = passengers.firstIndex(of: type) else { return nil }
            let fares = price.fares[index]
            var taxes: [String: (String, Money)] = [:]
            var order: [String] = []
            for line in fares.flatMap(\.taxes) {
                if let existing = taxes[line.code] {
                    taxes[line.code] = (existing.0, existing.1 + line.amount)
                } else {
                    taxes[line.code] = (line.name, line.amount)
                    order.append(line.code)
                }
            }
            let base = fares.map(\.base).sum(in: price.currency), tax = fares.map(\.taxTotal).sum(in: price.currency)
            return .init(type: type.rawValue, count: passengers.filter { $0 == type }.count,
                         baseAmount: base.decimalString, taxAmount: tax.decimalString, totalAmount: (base + tax).decimalString,
                         taxes: order.map { .init(code: $0, name: taxes[$0]!.0, amount: taxes[$0]!.1.decimalString) })
        }
    }
}

extension OfferBuilder {
    /// The brand's cheapest open fare on one flight for the whole party, or nil when it is closed.
    func fare(brand: FareBrand, flight: ScheduledFlight, search: Search) -> FareGrid.Fare? {
        guard let open = flight.availability.cheapestOpenClass(of: brand, seats: search.seatsNeeded) else { return nil }
        let price = ItineraryPricing(passengers: search.passengers, segments: [(flight.distanceMiles, open)], pricing: pricing)
        let seatsLeft = flight.availability.available(in: open)
        return FareGrid.Fare(brand: brand, total: price.total, seatsLeft: seatsLeft <= 9 ? seatsLeft : nil)
    }

    /// The candidate for exactly these flights (one per slice) in one brand, or nil when a flight has no open fare.
    func candidate(brand: FareBrand, flights: [ScheduledFlight], search: Search) -> Candidate? {
        var choices: [Choice] = []
        for flight in flights {
            guard let open = flight.availability.cheapestOpenClass(of: brand, seats: search.seatsNeeded) else { return nil }
            choices.append(Choice(flight: flight, bookingClass: open, seatsLeft: flight.availability.available(in: open)))
        }
        return Candidate(brand: brand, choices: choices, price: ItineraryPricing(
            passengers: search.passengers, segments: choices.map { ($0.flight.distanceMiles, $0.bookingClass) }, pricing: pricing))
    }

    /// A flight as a results page shows it.
    func segment(_ flight: ScheduledFlight) -> OfferView.Segment {
        FlightPresenter(network: network).segment(flight, bookingClass: FareLadder.classes(in: Cabin(rawValue: flight.cabin) ?? .economy)[0])
    }
}
