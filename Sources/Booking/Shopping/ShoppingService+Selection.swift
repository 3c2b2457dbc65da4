import Foundation
import SkyportDomain
import SkyportStore

/// Shopping the way a web site does it: each slice listed on its own, then the picked flights
/// priced together into one signed offer.
extension ShoppingService {
    /// Every flight of each slice with the price of each brand of the cabin.
    public func fareGrid(_ input: OfferRequestInput) async throws -> FareGrid {
        let request = try await prepare(input)
        let search = request.search, builder = request.builder, brands = search.cabin.brands
        let slices = try await flightsOnSale(request).map { flights in
            flights.map { flight in
                FareGrid.Row(flight: builder.segment(flight), departsAt: flight.departsAt,
                             durationMinutes: Int(flight.arrivesAt - flight.departsAt) / 60,
                             fares: brands.map { builder.fare(brand: $0, flight: flight, search: search) })
            }
        }
        return FareGrid(search: search, slices: slices)
    }

    /// The lowest fare of the first slice on each date `days` either side of its departure date.
    /// The search itself must be valid; the neighbouring dates need not be on sale.
    public func lowestFares(_ input: OfferRequestInput, days: Int = 3) async throws -> [DayFare] {
        try await lowestFares(input, dayOffsets: -days...days)
    }

    /// The lowest fare of the first slice on each of `days` dates from its departure date: a fare calendar, as
    /// airline sites show a month of prices (nil where nothing is on sale that day).
    public func fareCalendar(_ input: OfferRequestInput, days: Int) async throws -> [DayFare] {
        try await lowestFares(input, dayOffsets: 0...(max(1, days) - 1))
    }

    private func lowestFares(_ input: OfferRequestInput, dayOffsets: ClosedRange<Int>) async throws -> [DayFare] {
        let request = try await prepare(input)
        let search = request.search, builder = request.builder, brands = search.cabin.brands, cutoff = request.cutoff
        guard let slice = search.slices.first else { return [] }
        let dates = dayOffsets.map { slice.departureDate.adding(days: $0) }
        let flights = try await database.read { sql in
            try await ScheduledFlight.onSale(origin: slice.origin.value, destination: slice.destination.value, from: dates[0].iso,
                                             through: dates[dates.count - 1].iso, cabin: search.cabin, departingAfter: cutoff, on: sql)
        }
        var lowest: [String: Money] = [:]
        for flight in flights {
            for brand in brands {
                guard let total = builder.fare(brand: brand, flight: flight, search: search)?.total else { continue }
                if let known = lowest[flight.departureDate], known.minorUnits <= total.minorUnits { continue }
                lowest[flight.departureDate] = total
            }
        }
        return dates.map { DayFare(date: $0, lowest: lowest[$0.iso]) }
    }

    /// One signed offer for exactly the picked flights (one per slice of `input`, in order), all in one brand.
    public func offer(_ input: OfferRequestInput, selections: [FareSelection]) async throws -> OfferView {
        let request = try await prepare(input)
        let search = request.search, cutoff = request.cutoff
        guard selections.count == search.slices.count else {
            throw ServiceError(.invalid, code: .invalidSelection, message: "Pick one flight for each direction of the trip.", field: "selections")
        }
        guard let brand = selections.first?.brand, selections.allSatisfy({ $0.brand == brand }), brand.cabin == search.cabin else {
            throw ServiceError(.invalid, code: .mixedFareBrands, message: "Pick the same fare type for every flight of the trip.", field: "selections")
        }
        let flights = try await database.read { sql in
            var flights: [ScheduledFlight] = []
            for (selection, slice) in zip(selections, search.slices) {
                guard let flight = try await ScheduledFlight.find(id: selection.flightID, cabin: search.cabin, on: sql),
                      flight.origin == slice.origin.value, flight.destination == slice.destination.value,
                      flight.departureDate == slice.departureDate.iso else {
                    throw ServiceError(.notFound, code: .flightNotFound, message: "The picked flight is not part of this search.", field: "selections")
                }
                guard flight.departsAt > cutoff else {
                    throw ServiceError(.conflict, code: .flightClosed, message: "The picked flight has closed for sale.", field: "selections")
                }
                flights.append(flight)
            }
            return flights
        }
        guard let candidate = request.builder.candidate(brand: brand, flights: flights, search: search) else {
            throw ServiceError(.conflict, code: .soldOut, message: "The picked fare has just sold out.", field: "selections")
        }
        return request.builder.render(candidate, search: search, requestID: Identifier.make(prefix: "orq"), expiresAt: request.offerExpiry)
    }

    /// The flights of each slice still on sale, earliest first.
    func flightsOnSale(_ request: ShoppingRequest) async throws -> [[ScheduledFlight]] {
        try await database.read { sql in
            var result: [[ScheduledFlight]] = []
            for slice in request.search.slices {
                result.append(try await ScheduledFlight.onSale(origin: slice.origin.value, destination: slice.destination.value,
                                                               date: slice.departureDate.iso, cabin: request.search.cabin,
                                                               departingAfter: request.cutoff, on: sql))
            }
            return result
        }
    }

    /// The moment, the validated search and an offer builder over the current network.
    func prepare(_ input: OfferRequestInput) async throws -> ShoppingRequest {
        let now = clock.now
        let snapshot = try await network.current()
        return ShoppingRequest(now: now, search: try SearchValidator(network: snapshot, now: now).validate(input),
                               builder: OfferBuilder(network: snapshot, tokens: tokens, pricing: pricing))
    }
}

/// One shopping call's moment, validated search and offer builder.
struct ShoppingRequest {
    let now: Date
    let search: Search
    let builder: OfferBuilder

    /// Flights departing at or before this (epoch seconds) are no longer sold.
    var cutoff: Int64 { ShoppingService.salesCutoff(at: now) }
    /// Offers made now are honoured until this (epoch seconds).
    var offerExpiry: Int64 { Int64(now.addingTimeInterval(ShoppingService.offerLifetime).timeIntervalSince1970) }
}
