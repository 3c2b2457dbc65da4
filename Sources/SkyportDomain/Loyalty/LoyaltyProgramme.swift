/// The loyalty programme's rules: what a flight earns, the tiers and what they give, when miles expire, how long a flown
/// trip can be claimed, and what a mile is worth in the books. `standard` is Skyport's published table; an airline
/// gives its own in `config/loyalty.json` (`SKYPORT_LOYALTY_CONFIG`).
public struct LoyaltyProgramme: Sendable, Equatable, Codable {
    /// A tier: reached by qualifying miles or segments flown in a calendar year, held through the next year.
    public struct Tier: Sendable, Equatable, Codable {
        /// `blue`, `silver`, `gold`, `platinum`.
        public let name: String
        public let qualifyingMiles: Int
        public let qualifyingSegments: Int
        /// Bonus miles on every flight, as a percentage of the miles it earns (bonus miles do not qualify).
        public let bonusPercent: Int
        /// Checked bags included on top of the fare's.
        public let extraBags: Int
        public let lounge: Bool

        public init(name: String, qualifyingMiles: Int, qualifyingSegments: Int, bonusPercent: Int, extraBags: Int, lounge: Bool) {
            self.name = name
            self.qualifyingMiles = qualifyingMiles
            self.qualifyingSegments = qualifyingSegments
            self.bonusPercent = bonusPercent
            self.extraBags = extraBags
            self.lounge = lounge
        }

        enum CodingKeys: String, CodingKey {
            case name, qualifyingMiles = "qualifying_miles", qualifyingSegments = "qualifying_segments", bonusPercent = "bonus_percent"
            case extraBags = "extra_bags", lounge
        }
    }

    /// The percentage of the flown distance each booking class earns (a class not listed earns nothing).
    public let earningPercent: [String: Int]
    /// The least a flight in an earning class earns.
    public let minimumMilesPerFlight: Int
    /// From the lowest (reached by everyone) up.
    public let tiers: [Tier]
    /// Miles expire this many months after they were earned.
    public let expiryMonths: Int
    /// A flown trip can be claimed by ticket number this many days after its flight.
    public let retroClaimDays: Int
    /// What the books defer per 1,000 miles earned, in minor units of the fare's currency (IFRS 15's stand-alone selling
    /// price of a mile, estimated by the airline).
    public let deferredValuePerThousandMiles: Int64
    /// Award seats and miles towards fares.
    public let redemption: MilesRedemption

    public init(earningPercent: [String: Int], minimumMilesPerFlight: Int, tiers: [Tier], expiryMonths: Int, retroClaimDays: Int,
                deferredValuePerThousandMiles: Int64, redemption: MilesRedemption = .standard) {
        self.earningPercent = earningPercent
        self.minimumMilesPerFlight = minimumMilesPerFlight
        self.tiers = tiers
        self.expiryMonths = expiryMonths
        self.retroClaimDays = retroClaimDays
        self.deferredValuePerThousandMiles = deferredValuePerThousandMiles
        self.redemption = redemption
    }

    enum CodingKeys: String, CodingKey {
        case earningPercent = "earning_percent", minimumMilesPerFlight = "minimum_miles_per_flight", tiers, expiryMonths = "expiry_months"
        case retroClaimDays = "retro_claim_days", deferredValuePerThousandMiles = "deferred_value_per_thousand_miles", redemption
    }

    /// A file written before awards existed has no `redemption`: it gets the standard chart.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(earningPercent: try container.decode([String: Int].self, forKey: .earningPercent),
                  minimumMilesPerFlight: try container.decode(Int.self, forKey: .minimumMilesPerFlight),
                  tiers: try container.decode([Tier].self, forKey: .tiers), expiryMonths: try container.decode(Int.self, forKey: .expiryMonths),
                  retroClaimDays: try container.decode(Int.self, forKey: .retroClaimDays),
                  deferredValuePerThousandMiles: try container.decode(Int64.self, forKey: .deferredValuePerThousandMiles),
                  redemption: try container.decodeIfPresent(MilesRedemption.self, forKey: .redemption) ?? .standard)
    }

    /// Skyport's published table: business J 150 %, C and D 125 %; economy flex Y and B 100 %, standard M and H 75 %,
    /// basic Q 50 % and V 25 %; at least 500 miles a flight; Silver at 25,000 miles or 30 segments, Gold at 50,000 or 60,
    /// Platinum at 75,000 or 100; miles last 36 months; trips can be claimed for 180 days; a mile is deferred at 1.2 cents; awards
    /// and miles towards fares as `MilesRedemption.standard`.
    public static let standard = LoyaltyProgramme(
        earningPercent: ["J": 150, "C": 125, "D": 125, "Y": 100, "B": 100, "M": 75, "H": 75, "Q": 50, "V": 25],
        minimumMilesPerFlight: 500,
        tiers: [Tier(name: "blue", qualifyingMiles: 0, qualifyingSegments: 0, bonusPercent: 0, extraBags: 0, lounge: false),
                Tier(name: "silver", qualifyingMiles: 25_000, qualifyingSegments: 30, bonusPercent: 25, extraBags: 1, lounge: false),
                Tier(name: "gold", qualifyingMiles: 50_000, qualifyingSegments: 60, bonusPercent: 50, extraBags: 1, lounge: true),
                Tier(name: "platinum", qualifyingMiles: 75_000, qualifyingSegments: 100, bonusPercent: 100, extraBags: 2, lounge: true)],
        expiryMonths: 36, retroClaimDays: 180, deferredValuePerThousandMiles: 1_200)

    /// What's wrong with the rules, if anything (each a sentence naming the field).
    public var problems: [String] {
        var problems: [String] = []
        if earningPercent.values.contains(where: { !(0...1_000).contains($0) }) { problems.append("earning_percent: 0 to 1000 per class") }
        if earningPercent.keys.contains(where: { $0.count != 1 || !$0.allSatisfy(\.isUppercase) }) { problems.append("earning_percent: classes are one capital letter") }
        if !(0...10_000).contains(minimumMilesPerFlight) { problems.append("minimum_miles_per_flight: 0 to 10000") }
        if tiers.isEmpty || tiers[0].qualifyingMiles != 0 || tiers[0].qualifyingSegments != 0 {
            problems.append("tiers: the first tier is everyone's (0 miles, 0 segments)")
        }
        if zip(tiers, tiers.dropFirst()).contains(where: { $0.qualifyingMiles >= $1.qualifyingMiles || $0.qualifyingSegments >= $1.qualifyingSegments }) {
            problems.append("tiers: each tier needs more miles and segments than the one before")
        }
        if Set(tiers.map(\.name)).count != tiers.count { problems.append("tiers: names are unique") }
        if !(1...240).contains(expiryMonths) { problems.append("expiry_months: 1 to 240") }
        if !(0...3_650).contains(retroClaimDays) { problems.append("retro_claim_days: 0 to 3650") }
        if !(0...100_000).contains(deferredValuePerThousandMiles) { problems.append("deferred_value_per_thousand_miles: 0 to 100000") }
        if earningPercent.keys.contains(where: { FareLadder.isAward($0) }) { problems.append("earning_percent: award classes earn nothing") }
        return problems + redemption.problems
    }

    /// The miles a flight earns before any tier bonus: its distance times its class's percentage, at least the minimum;
    /// nothing for a class that earns nothing.
    public func baseMiles(distanceMiles: Int, bookingClass: String) -> Int {
        guard let percent = earningPercent[bookingClass], percent > 0 else { return 0 }
        return max(minimumMilesPerFlight, distanceMiles * percent / 100)
    }

    /// The bonus a tier adds to `baseMiles`.
    public func bonusMiles(_ baseMiles: Int, tier: Tier) -> Int {
        baseMiles * tier.bonusPercent / 100
    }

    /// The tier a member holds given what they flew this calendar year and the last (a tier reached is kept through the
    /// next year).
    public func tier(thisYear: (miles: Int, segments: Int), lastYear: (miles: Int, segments: Int)) -> Tier {
        func reached(_ year: (miles: Int, segments: Int)) -> Int {
            tiers.lastIndex { year.miles >= $0.qualifyingMiles || year.segments >= $0.qualifyingSegments } ?? 0
        }
        return tiers[max(reached(thisYear), reached(lastYear))]
    }

    /// The books' value of `miles`, in minor units, rounded half up.
    public func deferredValue(ofMiles miles: Int) -> Int64 {
        (Int64(miles) * deferredValuePerThousandMiles + 500) / 1_000
    }
}
