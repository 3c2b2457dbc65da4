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
        let days = dates.map { AvailabilityCache.MarketDay(origin: slice.origin.value, destination: slice.destination.value, date: $0.iso, cabin: search.cabin.rawValue) }
        let flights = try await flights(on: days, versions: try await versions(of: days)).joined().filter { $0.departsAt > cutoff }
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

    /// The flights of each slice still on sale, earliest first, read through the availability cache.
    /// `versions`, when the caller has read them already, are its market-days' (in `marketDays` order).
    func flightsOnSale(_ request: ShoppingRequest, versions known: [InventoryVersion]? = nil) async throws -> [[ScheduledFlight]] {
        let days = Self.marketDays(of: request.search)
        let versions: [InventoryVersion]
        if let known { versions = known } else { versions = try await self.versions(of: days) }
        return try await flights(on: days, versions: versions).map { $0.filter { $0.departsAt > request.cutoff } }
    }

    /// Each slice's market, date and cabin.
    static func marketDays(of search: Search) -> [AvailabilityCache.MarketDay] {
        search.slices.map { .init(origin: $0.origin.value, destination: $0.destination.value, date: $0.departureDate.iso, cabin: search.cabin.rawValue) }
    }

    /// The inventory version of each market and date, read before anything cached under it is used: what is read
    /// after it is at least as new, so an entry is never newer than its version says.
    func versions(of days: [AvailabilityCache.MarketDay]) async throws -> [InventoryVersion] {
        try await database.read { sql in
            var versions: [InventoryVersion] = []
            for day in days {
                versions.append(try await InventoryStore.version(origin: day.origin, destination: day.destination, date: day.date, cabin: day.cabin, on: sql))
            }
            return versions
        }
    }

    /// Every scheduled flight of each day (before the sales cut-off), from the cache where it holds the day at its
    /// version, else from the database (and then kept).
    func flights(on days: [AvailabilityCache.MarketDay], versions: [InventoryVersion]) async throws -> [[ScheduledFlight]] {
        var found = zip(days, versions).map { cache.flights($0, version: $1) }
        let missing = found.indices.filter { found[$0] == nil }
        guard !missing.isEmpty else { return found.map { $0! } }
        let read = try await database.read { sql in
            var read: [Int: [ScheduledFlight]] = [:]
            for index in missing {
                let day = days[index]
                read[index] = try await ScheduledFlight.onSale(origin: day.origin, destination: day.destination, date: day.date,
                                                               cabin: Cabin(rawValue: day.cabin) ?? .economy, departingAfter: .min, on: sql)
            }
            return read
        }
        for (index, flights) in read {
            cache.store(flights, for: days[index], version: versions[index])
            found[index] = flights
        }
        return found.map { $0! }
    }

    /// The moment, the validated search and an offer builder over the current network.
    func prepare(_ input: OfferRequestInput) async throws -> ShoppingRequest {
        let now = clock.now
        let snapshot = try await network.current()
        return ShoppingRequest(now: now, search: try SearchValidator(network: snapshot, now: now).validate(input),
                               builder: OfferBuilder(network: snapshot, tokens: tokens, pricing: pricing, loyalty: loyalty))
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
