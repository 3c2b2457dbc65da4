import SkyportDomain

/// How an order is paid: the classes its tickets are booked in, what they are worth, and how much of that miles pay.
/// Without miles it is the offer as priced. An award books the award class of each flight, its fares paid with the
/// chart's miles and worth their deferred value in the books, the per-flight fees in cash. Miles for part of a fare pay
/// their value towards the fare before taxes.
struct PurchasePayment: Sendable {
    let classes: [BookingClass]
    let price: ItineraryPricing
    let miles: Int
    /// What the miles pay, in the fare's currency (nothing without miles).
    let milesValue: Money

    /// The plan for `use` over the offer's flights and classes, or the reason it cannot be.
    static func plan(_ use: MilesUse?, claims: OfferClaims, flights: [ScheduledFlight], classes: [BookingClass], price: ItineraryPricing,
                     pricing: FarePricing, loyalty: LoyaltyProgramme?) throws -> PurchasePayment {
        guard let use else { return PurchasePayment(classes: classes, price: price, miles: 0, milesValue: .zero(price.currency)) }
        guard let loyalty else {
            throw ServiceError(.invalid, code: .paymentMethodNotAccepted, message: "Miles are not accepted here.", field: "payment.miles")
        }
        switch use {
        case .award:
            guard let awardClasses = awardClasses(cabin: claims.cabin, brand: claims.brand, passengers: claims.passengers, flights: flights) else {
                throw ServiceError(.conflict, code: .awardNotAvailable,
                                   message: "Award seats are not open on every flight of this offer; pay by card or search again.", field: "offer_id")
            }
            let award = loyalty.awardPricing(passengers: claims.passengers, distances: flights.map(\.distanceMiles), cabin: claims.cabin, pricing: pricing)
            return PurchasePayment(classes: awardClasses, price: award.fares, miles: award.miles, milesValue: award.fares.base)
        case .part(_, let miles):
            if let problem = loyalty.redemption.partPaymentProblem(miles: miles, base: price.base.minorUnits) {
                throw ValidationFailure([.init(code: .invalidMiles, field: "payment.miles.amount", message: problem)])
            }
            return PurchasePayment(classes: classes, price: price, miles: miles,
                                   milesValue: Money(minorUnits: loyalty.redemption.paymentValue(ofMiles: miles), currency: price.currency))
        }
    }

    /// The award classes of `flights` for an offer of `brand` when it is the cabin's first brand (the one awards
    /// replace) and every flight has award seats for the party; nil otherwise.
    static func awardClasses(cabin: Cabin, brand: FareBrand, passengers: [PassengerType], flights: [ScheduledFlight]) -> [BookingClass]? {
        guard brand == cabin.brands.first else { return nil }
        let seats = passengers.filter(\.takesSeat).count
        let award = FareLadder.award(in: cabin)
        guard flights.allSatisfy({ $0.availability.available(in: award) >= max(1, seats) }) else { return nil }
        return flights.map { _ in award }
    }
}
