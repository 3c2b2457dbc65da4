/// A member's miles as lots: each accrual is a lot that expires on its own date; redemptions take the lots that expire
/// first, so a member never loses miles they could have spent.
public struct MilesLots: Sendable, Equatable {
    public struct Lot: Sendable, Equatable {
        public let id: String
        public let expiresAt: Int64
        public var remaining: Int
        /// The books' value of the lot's miles when earned, minor units (what an expiry or a redemption releases).
        public var remainingValue: Int64

        public init(id: String, expiresAt: Int64, remaining: Int, remainingValue: Int64) {
            self.id = id
            self.expiresAt = expiresAt
            self.remaining = remaining
            self.remainingValue = remainingValue
        }
    }

    /// Miles taken from one lot, and the share of its value they carry.
    public struct Take: Sendable, Equatable {
        public let lotID: String
        public let miles: Int
        public let value: Int64

        public init(lotID: String, miles: Int, value: Int64) {
            self.lotID = lotID
            self.miles = miles
            self.value = value
        }
    }

    public private(set) var lots: [Lot]

    public init(_ lots: [Lot]) {
        self.lots = lots.sorted { ($0.expiresAt, $0.id) < ($1.expiresAt, $1.id) }
    }

    /// Miles not yet spent or expired at `now`.
    public func balance(at now: Int64) -> Int {
        lots.filter { $0.expiresAt > now }.reduce(0) { $0 + $1.remaining }
    }

    /// Takes `miles` from the lots still valid at `now`, soonest to expire first; nil (and nothing taken) when there are
    /// not enough.
    public mutating func redeem(_ miles: Int, at now: Int64) -> [Take]? {
        guard miles > 0, balance(at: now) >= miles else { return nil }
        var left = miles
        var takes: [Take] = []
        for index in lots.indices where lots[index].expiresAt > now && lots[index].remaining > 0 && left > 0 {
            let taken = min(left, lots[index].remaining)
            // The value leaves in proportion, and the last miles of a lot take what is left of its value.
            let value = taken == lots[index].remaining ? lots[index].remainingValue
                : lots[index].remainingValue * Int64(taken) / Int64(lots[index].remaining)
            lots[index].remaining -= taken
            lots[index].remainingValue -= value
            takes.append(Take(lotID: lots[index].id, miles: taken, value: value))
            left -= taken
        }
        return takes
    }

    /// Expires every lot whose date has come by `now` with miles left; returns what each lost.
    public mutating func expire(at now: Int64) -> [Take] {
        var takes: [Take] = []
        for index in lots.indices where lots[index].expiresAt <= now && lots[index].remaining > 0 {
            takes.append(Take(lotID: lots[index].id, miles: lots[index].remaining, value: lots[index].remainingValue))
            lots[index].remaining = 0
            lots[index].remainingValue = 0
        }
        return takes
    }

    /// What a redemption took from one lot, and what has come back to it since.
    public struct Drawn: Sendable, Equatable {
        public let lotID: String
        public let expiresAt: Int64
        public let miles: Int
        public let value: Int64
        public let returnedMiles: Int
        public let returnedValue: Int64

        public init(lotID: String, expiresAt: Int64, miles: Int, value: Int64, returnedMiles: Int, returnedValue: Int64) {
            self.lotID = lotID
            self.expiresAt = expiresAt
            self.miles = miles
            self.value = value
            self.returnedMiles = returnedMiles
            self.returnedValue = returnedValue
        }
    }

    /// Gives `miles` back to the lots a redemption drew them from, the lots that expire last first (the member keeps
    /// them longest); each lot's value comes back in proportion, and a lot's last miles bring back the rest of what it
    /// gave. Nil when more is asked than is still out.
    public static func giveBack(_ miles: Int, to drawn: [Drawn]) -> [Take]? {
        guard miles >= 0, miles <= drawn.reduce(0, { $0 + $1.miles - $1.returnedMiles }) else { return nil }
        var left = miles
        var takes: [Take] = []
        for lot in drawn.sorted(by: { ($0.expiresAt, $0.lotID) > ($1.expiresAt, $1.lotID) }) where left > 0 {
            let out = lot.miles - lot.returnedMiles
            guard out > 0 else { continue }
            let back = min(left, out)
            let value = back == out ? lot.value - lot.returnedValue : lot.value * Int64(back) / Int64(lot.miles)
            takes.append(Take(lotID: lot.lotID, miles: back, value: value))
            left -= back
        }
        return takes
    }
}
