import Foundation
import SQLKit
import SkyportContracts
import SkyportDomain
import SkyportStore

/// Crediting a flown flight to a member, in the caller's transaction: qualifying miles and a segment for its year, the
/// base miles and the tier's bonus as two statement lines, a lot that expires with the programme's period, and
/// `loyalty.miles_earned` for revenue accounting to defer their value.
struct MilesAccrual: Sendable {
    let programme: LoyaltyProgramme

    /// The tier a member holds at `now` from what they flew this year and last.
    func tier(memberID: String, at now: Int64, on sql: any SQLDatabase) async throws -> LoyaltyProgramme.Tier {
        let year = AccountingPeriod.day(of: now).year
        return programme.tier(thisYear: try await MilesStore.qualifying(memberID: memberID, year: year, on: sql),
                              lastYear: try await MilesStore.qualifying(memberID: memberID, year: year - 1, on: sql))
    }

    /// Credits the flight to the member; the miles credited, or nil when it was credited before or earns nothing.
    @discardableResult
    func credit(_ flight: LoyaltyFlightRow, to member: MemberRow, flownAt: Int64, claimed: Bool, at now: Int64, on sql: any SQLDatabase) async throws -> Int? {
        let base = programme.baseMiles(distanceMiles: flight.distance_miles, bookingClass: flight.booking_class)
        guard base > 0, try await LoyaltyFlightStore.credit(ticket: flight.ticket_number, segment: flight.segment_position, memberID: member.id, on: sql) else {
            return nil
        }
        let held = try await tier(memberID: member.id, at: flownAt, on: sql)
        let bonus = programme.bonusMiles(base, tier: held)
        let year = AccountingPeriod.day(of: flownAt).year
        try await MilesStore.addQualifying(memberID: member.id, year: year, miles: base, segments: 1, on: sql)
        guard let balance = try await MemberStore.move(member.id, by: base + bonus, at: now, on: sql) else { return nil }
        let route = "\(flight.origin)–\(flight.destination) \(flight.flight_date), class \(flight.booking_class)"
        try await MilesStore.record(memberID: member.id, kind: claimed ? .retroClaim : .accrual, miles: base, balanceAfter: balance - bonus,
                                    ticketNumber: flight.ticket_number, segmentPosition: flight.segment_position,
                                    description: "\(route): \(flight.distance_miles) miles flown", at: now, on: sql)
        if bonus > 0 {
            try await MilesStore.record(memberID: member.id, kind: .tierBonus, miles: bonus, balanceAfter: balance, ticketNumber: flight.ticket_number,
                                        segmentPosition: flight.segment_position, description: "\(held.name.capitalized) bonus, \(held.bonusPercent) %",
                                        at: now, on: sql)
        }
        let value = programme.deferredValue(ofMiles: base + bonus)
        let expiresAt = Int64(AccountingPeriod.day(of: flownAt).adding(months: programme.expiryMonths).daysSinceEpoch) * 86_400 + flownAt % 86_400
        try await MilesStore.addLot(memberID: member.id, miles: base + bonus, value: value, currency: flight.currency, earnedAt: flownAt,
                                    expiresAt: expiresAt, on: sql)
        try await Outbox.append(topic: .milesEarned, aggregateID: member.id, payload: MilesEarnedEvent(
            memberID: member.id, coupon: CouponReference(ticketNumber: flight.ticket_number, segmentPosition: flight.segment_position),
            miles: base + bonus, value: value, currency: flight.currency, earnedAt: now), on: sql, at: Date(timeIntervalSince1970: TimeInterval(now)))
        return base + bonus
    }

    /// Expires the lots whose date has come by `now`, a batch at a time; returns how many lots.
    func expire(at now: Int64, limit: Int, on sql: any SQLDatabase) async throws -> Int {
        let lots = try await MilesStore.expired(at: now, limit: limit, on: sql)
        for (memberID, memberLots) in Dictionary(grouping: lots, by: \.member_id).sorted(by: { $0.key < $1.key }) {
            for (currency, inCurrency) in Dictionary(grouping: memberLots, by: \.currency).sorted(by: { $0.key < $1.key }) {
                var lots = MilesLots(inCurrency.map { .init(id: $0.id, expiresAt: $0.expires_at, remaining: $0.remaining, remainingValue: $0.remaining_value) })
                let expired = lots.expire(at: now)
                for take in expired { try await MilesStore.setLot(take.lotID, remaining: 0, remainingValue: 0, on: sql) }
                let miles = expired.reduce(0) { $0 + $1.miles }, value = expired.reduce(Int64(0)) { $0 + $1.value }
                guard miles > 0 else { continue }
                guard let balance = try await MemberStore.move(memberID, by: -miles, at: now, on: sql) else { continue }
                try await MilesStore.record(memberID: memberID, kind: .expiry, miles: -miles, balanceAfter: balance, ticketNumber: nil, segmentPosition: nil,
                                            description: "Miles earned \(programme.expiryMonths) months ago expired", at: now, on: sql)
                try await Outbox.append(topic: .milesExpired, aggregateID: memberID, payload: MilesExpiredEvent(
                    memberID: memberID, miles: miles, value: value, currency: currency, expiredAt: now),
                    on: sql, at: Date(timeIntervalSince1970: TimeInterval(now)))
            }
        }
        return lots.count
    }
}
