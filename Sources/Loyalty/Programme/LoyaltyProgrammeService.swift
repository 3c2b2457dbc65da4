import Foundation
import SQLKit
import SkyportContracts
import SkyportDomain
import SkyportStore

/// The programme for members and the airline: enrolment from a customer account, the member's miles, tier and
/// statement, retro-claims of flown trips by ticket number, and operators' lookup by membership number.
public struct LoyaltyProgrammeService: Sendable {
    let database: any Database
    /// The rules it runs by.
    public let programme: LoyaltyProgramme
    /// Seconds since 1970.
    let now: @Sendable () -> Int64

    /// Miles towards a fare are used in steps of this many.
    public var paymentStepMiles: Int { programme.redemption.paymentStepMiles }
    /// What 1,000 miles pay towards a fare, minor units.
    public var paymentValuePerThousandMiles: Int64 { programme.redemption.paymentValuePerThousandMiles }

    public init(database: any Database, programme: LoyaltyProgramme, now: @escaping @Sendable () -> Int64) {
        self.database = database
        self.programme = programme
        self.now = now
    }

    /// A member as they and operators see them.
    public struct MemberView: Encodable, Sendable, Equatable {
        public struct Tier: Encodable, Sendable, Equatable {
            public let name: String
            public let bonusPercent: Int
            public let extraBags: Int
            public let lounge: Bool
        }

        public struct Progress: Encodable, Sendable, Equatable {
            /// The next tier's name.
            public let tier: String
            public let milesToGo: Int
            public let segmentsToGo: Int
        }

        public struct Expiring: Encodable, Sendable, Equatable {
            public let miles: Int
            /// `YYYY-MM-DD`.
            public let on: String
        }

        public let membershipNumber: String
        /// As printed: `123 456 789 7`.
        public let printedNumber: String
        public let givenName: String
        public let familyName: String
        public let tier: Tier
        public let balance: Int
        public let qualifyingMiles: Int
        public let qualifyingSegments: Int
        public let nextTier: Progress?
        public let expiringNext: Expiring?
        /// `YYYY-MM-DD`.
        public let memberSince: String
    }

    /// One movement of a member's miles.
    public struct StatementLine: Encodable, Sendable, Equatable {
        public let kind: MilesMovementKind
        public let miles: Int
        public let balanceAfter: Int
        public let ticketNumber: String?
        public let description: String
        /// `YYYY-MM-DD`.
        public let date: String
    }

    /// Whether two family names are the same passenger's (case and accents aside).
    static func sameName(_ first: String, _ second: String) -> Bool {
        func folded(_ name: String) -> String { name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).filter(\.isLetter) }
        return !folded(first).isEmpty && folded(first) == folded(second)
    }

    // MARK: - Members

    /// Enrols the customer under a new membership number and tells the customer data platform (`loyalty.member_enrolled`).
    public func enrol(customerID: String, givenName: String, familyName: String, email: String) async throws -> MemberView {
        let now = now()
        let id = Identifier.make(prefix: "mem")
        try await database.transaction { sql in
            if try await MemberStore.member(customerID: customerID, on: sql) != nil {
                throw ServiceError(.conflict, code: .alreadyMember, message: "This account is already a member.")
            }
            for _ in 0..<8 {
                let number = MembershipNumber(serial: Int.random(in: 100_000_000...999_999_999))
                guard try await MemberStore.insert(id: id, number: number, customerID: customerID, givenName: givenName, familyName: familyName, email: email,
                                                   at: now, on: sql) else { continue }
                try await Outbox.append(topic: .memberEnrolled, aggregateID: id, payload: MemberEnrolledEvent(
                    memberID: id, membershipNumber: number.digits, customerID: customerID, email: email, enrolledAt: now),
                    on: sql, at: Date(timeIntervalSince1970: TimeInterval(now)))
                return
            }
            throw ServiceError(.conflict, code: .alreadyMember, message: "This account is already a member.")
        }
        guard let view = try await member(customerID: customerID) else {
            throw ServiceError(.notFound, code: .memberNotFound, message: "The new member could not be read back.")
        }
        return view
    }

    /// The customer's membership; nil when they are not a member.
    public func member(customerID: String) async throws -> MemberView? {
        try await database.read { sql in
            guard let row = try await MemberStore.member(customerID: customerID, on: sql) else { return nil }
            return try await view(row, on: sql)
        }
    }

    /// The customer's latest movements, newest first (1 to 500).
    public func statement(customerID: String, limit: Int = 50) async throws -> [StatementLine] {
        try await database.read { sql in
            guard let row = try await MemberStore.member(customerID: customerID, on: sql) else {
                throw ServiceError(.notFound, code: .memberNotFound, message: "This account is not a member.")
            }
            return try await Self.lines(memberID: row.id, limit: max(1, min(limit, 500)), on: sql)
        }
    }

    /// A member and their latest movements by membership number (for operators).
    public func lookup(number text: String) async throws -> (member: MemberView, statement: [StatementLine]) {
        guard let number = MembershipNumber(text) else {
            throw ServiceError(.invalid, code: .invalidMembershipNumber, message: "A membership number is ten digits, the last a check digit.", field: "number")
        }
        return try await database.read { sql in
            guard let row = try await MemberStore.member(number: number, on: sql) else {
                throw ServiceError(.notFound, code: .memberNotFound, message: "No member has this number.", field: "number")
            }
            return (try await view(row, on: sql), try await Self.lines(memberID: row.id, limit: 100, on: sql))
        }
    }

    // MARK: - Retro-claims

    /// Credits the member for the flights of a ticket in their name flown within the claim window and not credited yet;
    /// returns the miles credited.
    public func claim(customerID: String, ticketNumber text: String) async throws -> Int {
        let ticket = text.filter { !$0.isWhitespace && $0 != "-" }
        guard ticket.count == 13, ticket.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw ServiceError(.invalid, code: .invalidTicketNumber, message: "An e-ticket number is 13 digits.", field: "ticket_number")
        }
        let now = now()
        let accrual = MilesAccrual(programme: programme)
        return try await database.transaction { sql in
            guard let member = try await MemberStore.member(customerID: customerID, locking: database.engine == .postgres, on: sql) else {
                throw ServiceError(.notFound, code: .memberNotFound, message: "Join the programme first.")
            }
            let flown = try await LoyaltyFlightStore.flights(ticket: ticket, on: sql).filter { $0.status == "flown" }
            guard !flown.isEmpty else {
                throw ServiceError(.notFound, code: .claimNotFound, message: "No flown trip has this ticket number.", field: "ticket_number")
            }
            guard flown.allSatisfy({ Self.sameName($0.family_name, member.family_name) }) else {
                throw ServiceError(.conflict, code: .claimNameMismatch, message: "This ticket is in another passenger's name.", field: "ticket_number")
            }
            let open = flown.filter { $0.credited_member_id == nil }
            guard !open.isEmpty else {
                throw ServiceError(.conflict, code: .claimAlreadyCredited, message: "The miles of this trip were credited already.", field: "ticket_number")
            }
            let window = Int64(programme.retroClaimDays) * 86_400
            let timely = open.filter { ($0.flown_at ?? 0) >= now - window }
            guard !timely.isEmpty else {
                throw ServiceError(.conflict, code: .claimTooLate,
                                   message: "Trips can be claimed within \(programme.retroClaimDays) days of the flight.", field: "ticket_number")
            }
            var credited = 0
            for flight in timely {
                credited += try await accrual.credit(flight, to: member, flownAt: flight.flown_at ?? now, claimed: true, at: now, on: sql) ?? 0
            }
            return credited
        }
    }

    // MARK: - Views

    private func view(_ row: MemberRow, on sql: any SQLDatabase) async throws -> MemberView {
        let now = now()
        let year = AccountingPeriod.day(of: now).year
        let thisYear = try await MilesStore.qualifying(memberID: row.id, year: year, on: sql)
        let lastYear = try await MilesStore.qualifying(memberID: row.id, year: year - 1, on: sql)
        let tier = programme.tier(thisYear: thisYear, lastYear: lastYear)
        let next = programme.tiers.first { $0.qualifyingMiles > tier.qualifyingMiles }.map {
            MemberView.Progress(tier: $0.name, milesToGo: max(0, $0.qualifyingMiles - thisYear.miles), segmentsToGo: max(0, $0.qualifyingSegments - thisYear.segments))
        }
        let lots = try await MilesStore.lots(memberID: row.id, on: sql).filter { $0.expires_at > now }
        let soonest = lots.first.map { first in
            MemberView.Expiring(miles: lots.filter { $0.expires_at == first.expires_at }.reduce(0) { $0 + $1.remaining },
                                on: AccountingPeriod.day(of: first.expires_at).iso)
        }
        let number = MembershipNumber(row.membership_number)
        return MemberView(membershipNumber: row.membership_number, printedNumber: number?.description ?? row.membership_number, givenName: row.given_name,
                          familyName: row.family_name,
                          tier: .init(name: tier.name, bonusPercent: tier.bonusPercent, extraBags: tier.extraBags, lounge: tier.lounge),
                          balance: row.balance, qualifyingMiles: thisYear.miles, qualifyingSegments: thisYear.segments, nextTier: next,
                          expiringNext: soonest, memberSince: AccountingPeriod.day(of: row.enrolled_at).iso)
    }

    private static func lines(memberID: String, limit: Int, on sql: any SQLDatabase) async throws -> [StatementLine] {
        try await MilesStore.statement(memberID: memberID, limit: limit, on: sql).map {
            StatementLine(kind: $0.kind, miles: $0.miles, balanceAfter: $0.balance_after, ticketNumber: $0.ticket_number, description: $0.description,
                          date: AccountingPeriod.day(of: $0.occurred_at).iso)
        }
    }
}

extension LoyaltyProgrammeService: MemberBenefitsProvider {
    /// The member's tier's benefits now; nil when the account is not a member's or the tier gives nothing.
    public func benefits(customerID: String) async throws -> MemberBenefits? {
        guard let tier = try await member(customerID: customerID)?.tier, tier.extraBags > 0 || tier.lounge else { return nil }
        return MemberBenefits(tier: tier.name, extraBags: tier.extraBags, lounge: tier.lounge)
    }
}
