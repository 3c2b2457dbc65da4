/// How members spend miles: award seats priced from a chart by distance and cabin (the fare's taxes still paid in
/// cash), and miles used for part of any fare at a fixed value. Part of the programme's rules (`config/loyalty.json`).
public struct MilesRedemption: Sendable, Equatable, Codable {
    /// One band of the award chart: flights up to `upToMiles` (the last band has none) cost these miles one way.
    public struct Band: Sendable, Equatable, Codable {
        public let upToMiles: Int?
        public let economy: Int
        public let business: Int

        public init(upToMiles: Int?, economy: Int, business: Int) {
            self.upToMiles = upToMiles
            self.economy = economy
            self.business = business
        }

        enum CodingKeys: String, CodingKey {
            case upToMiles = "up_to_miles", economy, business
        }
    }

    /// The award chart, shortest flights first.
    public let awardChart: [Band]
    /// Children pay this percentage of an award's miles, infants on a lap this one.
    public let childPercent: Int
    public let infantPercent: Int
    /// What 1,000 miles pay of a fare when used for part of it, in minor units of the fare's currency.
    public let paymentValuePerThousandMiles: Int64
    /// Miles used for part of a fare come in steps of this many, at least one step.
    public let paymentStepMiles: Int

    public init(awardChart: [Band], childPercent: Int, infantPercent: Int, paymentValuePerThousandMiles: Int64, paymentStepMiles: Int) {
        self.awardChart = awardChart
        self.childPercent = childPercent
        self.infantPercent = infantPercent
        self.paymentValuePerThousandMiles = paymentValuePerThousandMiles
        self.paymentStepMiles = paymentStepMiles
    }

    enum CodingKeys: String, CodingKey {
        case awardChart = "award_chart", childPercent = "child_percent", infantPercent = "infant_percent"
        case paymentValuePerThousandMiles = "payment_value_per_thousand_miles", paymentStepMiles = "payment_step_miles"
    }

    /// Skyport's published chart, one way per passenger: up to 500 miles 7,500 (business 15,000); to 1,500 12,500
    /// (25,000); to 3,000 17,500 (40,000); to 5,000 25,000 (60,000); beyond 35,000 (80,000). Children pay 75 %, infants
    /// on a lap 10 %. Miles pay 1 cent each towards a fare, in steps of 1,000.
    public static let standard = MilesRedemption(
        awardChart: [Band(upToMiles: 500, economy: 7_500, business: 15_000), Band(upToMiles: 1_500, economy: 12_500, business: 25_000),
                     Band(upToMiles: 3_000, economy: 17_500, business: 40_000), Band(upToMiles: 5_000, economy: 25_000, business: 60_000),
                     Band(upToMiles: nil, economy: 35_000, business: 80_000)],
        childPercent: 75, infantPercent: 10, paymentValuePerThousandMiles: 1_000, paymentStepMiles: 1_000)

    /// What's wrong with the rules, if anything (each a sentence naming the field).
    public var problems: [String] {
        var problems: [String] = []
        let limits = awardChart.map(\.upToMiles)
        if awardChart.isEmpty || limits.last! != nil || limits.dropLast().contains(nil) {
            problems.append("redemption.award_chart: bands end with one without up_to_miles")
        }
        let bounded = limits.compactMap { $0 }
        if zip(bounded, bounded.dropFirst()).contains(where: { $0 >= $1 }) || bounded.contains(where: { $0 <= 0 }) {
            problems.append("redemption.award_chart: up_to_miles grows from band to band")
        }
        if awardChart.contains(where: { !(1...1_000_000).contains($0.economy) || !(1...1_000_000).contains($0.business) }) {
            problems.append("redemption.award_chart: miles are 1 to 1000000")
        }
        if !(0...100).contains(childPercent) || !(0...100).contains(infantPercent) { problems.append("redemption: child_percent and infant_percent are 0 to 100") }
        if !(1...100_000).contains(paymentValuePerThousandMiles) { problems.append("redemption.payment_value_per_thousand_miles: 1 to 100000") }
        if !(1...100_000).contains(paymentStepMiles) { problems.append("redemption.payment_step_miles: 1 to 100000") }
        return problems
    }

    /// The miles an award costs one passenger of `type` on one flight.
    public func awardMiles(distanceMiles: Int, cabin: Cabin, passenger type: PassengerType) -> Int {
        let band = awardChart.first { $0.upToMiles.map { distanceMiles <= $0 } ?? true } ?? awardChart[awardChart.count - 1]
        let adult = cabin == .business ? band.business : band.economy
        switch type {
        case .adult: return adult
        case .child: return adult * childPercent / 100
        case .infantWithoutSeat: return adult * infantPercent / 100
        }
    }

    /// The miles an award costs the whole party over every flight.
    public func awardMiles(passengers: [PassengerType], distances: [Int], cabin: Cabin) -> Int {
        passengers.reduce(0) { total, type in total + distances.reduce(0) { $0 + awardMiles(distanceMiles: $1, cabin: cabin, passenger: type) } }
    }

    /// What `miles` pay towards a fare, in minor units (rounded down: a member never pays more miles than stated).
    public func paymentValue(ofMiles miles: Int) -> Int64 {
        Int64(miles) * paymentValuePerThousandMiles / 1_000
    }

    /// Why `miles` cannot pay part of a fare of `base` minor units, or nil when they can: a positive multiple of the
    /// step, worth no more than the fare before taxes (taxes are paid in cash).
    public func partPaymentProblem(miles: Int, base: Int64) -> String? {
        if miles <= 0 || miles % paymentStepMiles != 0 { return "Miles are used in steps of \(paymentStepMiles)." }
        if paymentValue(ofMiles: miles) > base { return "Miles pay at most the fare before taxes; taxes are paid by card." }
        return nil
    }
}
