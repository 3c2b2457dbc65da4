import SkyportDomain
import Testing

@Suite struct CouponStatusTests {
    @Test func aCouponIsCheckedInBoardedAndFlown() {
        #expect(CouponStatus.open.after(.checkIn)?.after(.board)?.after(.depart) == .flown)
    }

    @Test func aPassengerWhoDoesNotBoardIsANoShowAndMayStillBeRefundedTheTaxes() {
        #expect(CouponStatus.open.after(.depart) == .noShow && CouponStatus.checkedIn.after(.depart) == .noShow)
        #expect(CouponStatus.noShow.after(.refund) == .refunded)
    }

    @Test func changesAndRefundsHappenBeforeBoardingOnly() {
        #expect(CouponStatus.open.after(.exchange) == .exchanged && CouponStatus.checkedIn.after(.exchange) == .exchanged)
        #expect(CouponStatus.checkedIn.after(.cancelCheckIn) == .open)
        for event in [CouponStatus.Event.refund, .exchange, .checkIn, .cancelCheckIn] {
            #expect(CouponStatus.boarded.after(event) == nil, "\(event)")
        }
    }

    /// Final statuses take no event; every other status has a way forward.
    @Test func finalStatusesAreFinal() {
        for status in CouponStatus.allCases {
            let moves = CouponStatus.Event.allCases.compactMap { status.after($0) }
            if status.isFinal {
                #expect(moves.isEmpty, "\(status)")
            } else {
                #expect(!moves.isEmpty, "\(status)")
            }
        }
        #expect(CouponStatus.flown.after(.board) == nil && CouponStatus.refunded.after(.refund) == nil)
    }
}
