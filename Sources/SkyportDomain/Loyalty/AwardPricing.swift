extension LoyaltyProgramme {
    /// An award's fares for `passengers` over flights of `distances` in `cabin`: each passenger's flight costs the
    /// chart's miles and is worth what those miles carry in the books (their deferred value, which IFRS 15 recognizes
    /// when the award is flown); the per-flight fees are paid in cash.
    public func awardPricing(passengers: [PassengerType], distances: [Int], cabin: Cabin, pricing: FarePricing) -> (miles: Int, fares: ItineraryPricing) {
        var miles = 0
        let fares = passengers.map { type in
            distances.map { distance in
                let flightMiles = redemption.awardMiles(distanceMiles: distance, cabin: cabin, passenger: type)
                miles += flightMiles
                return pricing.awardFare(for: type, value: Money(minorUnits: deferredValue(ofMiles: flightMiles), currency: pricing.currency))
            }
        }
        return (miles, ItineraryPricing(fares: fares, currency: pricing.currency))
    }
}
