import SkyportDomain
import Testing

@Suite struct AncillaryRulesTests {
    func usd(_ dollars: Int64) -> Money { Money(minorUnits: dollars * 100, currency: .usd) }

    @Test func seatPricesByZoneBrandAndLength() {
        func price(_ zone: SeatZone, _ miles: Int, _ brand: FareBrand = .standard, cabin: Cabin = .economy) -> Money {
            SeatPricing.price(zone: zone, cabin: cabin, brand: brand, distanceMiles: miles, currency: .usd)
        }
        #expect(price(.standard, 2_475) == usd(0))
        #expect([price(.front, 500), price(.front, 1_000), price(.front, 1_001), price(.front, 2_500), price(.front, 2_501)]
                == [usd(12), usd(12), usd(20), usd(20), usd(30)])
        #expect([price(.extraLegroom, 187), price(.extraLegroom, 2_475), price(.extraLegroom, 4_983)] == [usd(25), usd(45), usd(65)])
        // Economy Flex includes the front zone; business seats come with every business fare.
        #expect(price(.front, 2_475, .flex) == usd(0) && price(.extraLegroom, 2_475, .flex) == usd(45))
        #expect(price(.extraLegroom, 2_475, .business, cabin: .business) == usd(0))
        // Moving seats: a dearer seat pays the difference, a cheaper one refunds nothing.
        #expect(SeatPricing.due(moving: usd(20), to: usd(45)) == usd(25))
        #expect(SeatPricing.due(moving: usd(45), to: usd(0)) == usd(0))
    }

    @Test func bagAllowancesAndPrices() {
        #expect(FareBrand.allCases.map(BaggagePolicy.includedBags) == [0, 1, 1, 2, 2])
        func price(_ ordinal: Int, _ brand: FareBrand, _ miles: Int = 2_475) -> Money? {
            BaggagePolicy.price(ordinal: ordinal, brand: brand, distanceMiles: miles, currency: .usd)
        }
        #expect([price(1, .basic), price(2, .basic), price(3, .basic), price(4, .basic)] == [usd(35), usd(45), usd(150), nil])
        #expect([price(1, .standard), price(2, .standard)] == [usd(0), usd(45)])
        #expect([price(1, .business, 4_983), price(2, .business, 4_983), price(3, .business, 4_983)] == [usd(0), usd(0), usd(200)])
        #expect(price(0, .basic) == nil)
        #expect(BaggagePolicy.prices(adding: 2, existing: 1, included: 1, distanceMiles: 3_001, currency: .usd) == [usd(100), usd(200)])
        #expect(BaggagePolicy.prices(adding: 3, existing: 1, included: 1, distanceMiles: 500, currency: .usd) == nil)
        #expect(BagDeliveryStatus.allCases.filter(\.isRefundable) == [.booked])
    }

    @Test func refundsOfPaidItemsOnCancellation() {
        let basic = FareBrand.basic.conditions(currency: .usd), standard = FareBrand.standard.conditions(currency: .usd)
        func refund(_ kind: OrderServiceKind, _ conditions: FareConditions, delivery: BagDeliveryStatus? = nil, involuntary: Bool = false) -> Money {
            ServiceRefunds.onCancellation(kind: kind, paid: usd(45), delivery: delivery, conditions: conditions, involuntary: involuntary)
        }
        #expect(refund(.seat, basic) == usd(0))
        #expect(refund(.seat, standard) == usd(45))
        #expect(refund(.seat, basic, involuntary: true) == usd(45))
        #expect(refund(.checkedBag, basic, delivery: .booked) == usd(45))
        #expect(refund(.checkedBag, standard, delivery: .droppedOff) == usd(0))
        #expect(refund(.checkedBag, basic, delivery: .loaded, involuntary: true) == usd(45))
    }

    @Test func changeQuotesFollowTheFaresConditions() throws {
        let standard = FareBrand.standard.conditions(currency: .usd)
        let dearer = try ChangeQuote.quote(passengers: 2, oldFares: usd(500), newFares: usd(620), conditions: standard)
        #expect(dearer.changeFee == usd(0) && dearer.fareDifference == usd(120) && dearer.amountDue == usd(120) && dearer.refund == usd(0))
        let cheaper = try ChangeQuote.quote(passengers: 2, oldFares: usd(500), newFares: usd(430), conditions: standard)
        #expect(cheaper.amountDue == usd(0) && cheaper.refund == usd(70) && cheaper.fareDifference == Money(minorUnits: -7_000, currency: .usd))
        // A fee per passenger where a fare charges one; a non-refundable fare keeps a negative difference.
        let feeFare = FareConditions(refundable: false, cancellationPenalty: nil, changeable: true, changeFee: usd(75))
        let withFee = try ChangeQuote.quote(passengers: 3, oldFares: usd(900), newFares: usd(800), conditions: feeFare)
        #expect(withFee.changeFee == usd(225) && withFee.amountDue == usd(225) && withFee.refund == usd(0))
        #expect(throws: ChangeQuote.Refusal.notChangeable) {
            try ChangeQuote.quote(passengers: 1, oldFares: usd(100), newFares: usd(100), conditions: FareBrand.basic.conditions(currency: .usd))
        }
    }

    @Test func checkInOpensADayAheadAndClosesAnHourBefore() {
        let departure: Int64 = 1_000_000
        #expect(CheckInWindow.position(now: departure - 24 * 3_600 - 1, departure: departure) == .notYetOpen)
        #expect(CheckInWindow.position(now: departure - 24 * 3_600, departure: departure) == .open)
        #expect(CheckInWindow.position(now: departure - 3_600, departure: departure) == .open)
        #expect(CheckInWindow.position(now: departure - 3_599, departure: departure) == .closed)
        #expect(CheckInWindow.position(now: departure + 10, departure: departure) == .closed)
    }
}
