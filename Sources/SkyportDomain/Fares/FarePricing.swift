/// The price of one passenger on one flight.
public struct PassengerFare: Hashable, Sendable {
    public let passengerType: PassengerType
    public let base: Money
    public let taxes: [TaxLine]

    public var taxTotal: Money { taxes.map(\.amount).sum(in: base.currency) }
    public var total: Money { base + taxTotal }
}

/// How fares are computed from distance, booking class and passenger type.
///
/// - Lowest economy fare: USD 39 plus USD 0.08 per great-circle mile, rounded up to a whole dollar.
/// - Lowest business fare: four times the lowest economy fare.
/// - A booking class costs its ladder percentage of its cabin's lowest fare, rounded up to a whole dollar.
/// - Children pay 75% of the adult base fare; infants without a seat 10%.
/// - US taxes per enplanement: 7.5% transportation tax (US) on the base fare, USD 5.30 flight segment
///   tax (ZP), USD 5.60 September 11th security fee (AY), USD 4.50 passenger facility charge (XF).
///   Infants without a seat pay only the percentage tax.
public struct FarePricing: Sendable {
    public let currency: CurrencyCode

    public init(currency: CurrencyCode = .usd) {
        self.currency = currency
    }

    /// The lowest fare of `cabin` for an adult flying `distanceMiles`.
    public func cabinFloor(cabin: Cabin, distanceMiles: Int) -> Money {
        let economy = Money(minorUnits: 3_900 + 8 * Int64(max(0, distanceMiles)), currency: currency).roundedUpToWholeUnits()
        return cabin == .economy ? economy : economy * 4
    }

    /// The adult base fare of `bookingClass` on a flight of `distanceMiles`.
    public func adultBase(bookingClass: BookingClass, distanceMiles: Int) -> Money {
        cabinFloor(cabin: bookingClass.cabin, distanceMiles: distanceMiles)
            .scaled(by: bookingClass.pricePercent, over: 100)
            .roundedUpToWholeUnits()
    }

    /// Base fare and itemized taxes for one passenger on one flight.
    public func fare(for type: PassengerType, bookingClass: BookingClass, distanceMiles: Int) -> PassengerFare {
        let adult = adultBase(bookingClass: bookingClass, distanceMiles: distanceMiles)
        let base: Money
        switch type {
        case .adult: base = adult
        case .child: base = adult.scaled(by: 75, over: 100)
        case .infantWithoutSeat: base = adult.scaled(by: 10, over: 100)
        }
        let taxes = [TaxLine(code: "US", name: "US Transportation Tax", amount: base.scaled(by: 75, over: 1000))] + flightFees(for: type)
        return PassengerFare(passengerType: type, base: base, taxes: taxes)
    }

    /// An award's fare for one passenger on one flight: worth `value` in the books, paid with miles, so that only the
    /// per-flight fees are owed in cash (the percentage tax is on amounts paid for transportation, and none is).
    public func awardFare(for type: PassengerType, value: Money) -> PassengerFare {
        PassengerFare(passengerType: type, base: value, taxes: flightFees(for: type))
    }

    /// The fees charged per enplanement, which a passenger without a seat does not pay.
    private func flightFees(for type: PassengerType) -> [TaxLine] {
        guard type.takesSeat else { return [] }
        return [TaxLine(code: "ZP", name: "US Flight Segment Tax", amount: Money(minorUnits: 530, currency: currency)),
                TaxLine(code: "AY", name: "September 11th Security Fee", amount: Money(minorUnits: 560, currency: currency)),
                TaxLine(code: "XF", name: "Passenger Facility Charge", amount: Money(minorUnits: 450, currency: currency))]
    }
}
