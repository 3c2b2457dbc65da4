/// What passengers of a disrupted flight are owed under US DOT and EU261 rules, per passenger.
///
/// - US (14 CFR 259.8 and the 2024 refund rule): a delay of 30 minutes or more, a cancellation or a
///   diversion must be told within 30 minutes; a passenger who refuses a cancellation or a change of more
///   than 3 hours (domestic) or 6 hours (international) is refunded.
/// - EU261 (flights from an EU airport, or to one on an EU airline): care (meals, calls) from a delay of 2,
///   3 or 4 hours by distance band; compensation of EUR 250 (up to 1,500 km), 400 (up to 3,500 km) or 600
///   (beyond) for a cancellation or an arrival 3 hours late or more, unless the cause is an extraordinary
///   circumstance such as weather; halved when the passenger is rerouted and arrives within 2, 3 or 4 hours
///   of the plan (not modelled here).
public struct PassengerRights: Sendable, Equatable, Codable {
    public struct Flight: Sendable, Equatable {
        public var distanceMiles: Int
        public var domestic: Bool
        public var departsFromEU: Bool
        public var arrivesInEUOnEUCarrier: Bool

        public init(distanceMiles: Int, domestic: Bool, departsFromEU: Bool = false, arrivesInEUOnEUCarrier: Bool = false) {
            self.distanceMiles = distanceMiles
            self.domestic = domestic
            self.departsFromEU = departsFromEU
            self.arrivesInEUOnEUCarrier = arrivesInEUOnEUCarrier
        }
    }

    /// US: passengers must be told (delay of 30 minutes or more, or a cancellation).
    public let mustNotify: Bool
    /// US: a passenger who does not accept the change may have their money back.
    public let refundIfDeclined: Bool
    /// EU261 applies to this flight.
    public let eu261Applies: Bool
    /// EU261 care (meals, refreshments, two calls) is owed.
    public let eu261CareOwed: Bool
    /// EU261 compensation per passenger in euros if the cause is not extraordinary; 0 when none is owed.
    public let eu261CompensationEUR: Int
    /// The cause is extraordinary (weather): no EU261 compensation, care still owed.
    public let extraordinary: Bool
    /// What is owed after the extraordinary-circumstances exemption.
    public var eu261CompensationOwedEUR: Int { extraordinary ? 0 : eu261CompensationEUR }

    /// The rights for a delay of `delayMinutes` (arrival assumed as late as departure) or a cancellation.
    public init(flight: Flight, cancelled: Bool, delayMinutes: Int, extraordinary: Bool) {
        let kilometres = Double(flight.distanceMiles) * 1.609344
        mustNotify = cancelled || delayMinutes >= 30
        refundIfDeclined = cancelled || delayMinutes > (flight.domestic ? 180 : 360)
        eu261Applies = flight.departsFromEU || flight.arrivesInEUOnEUCarrier
        let careFromMinutes = kilometres <= 1500 ? 120 : kilometres <= 3500 ? 180 : 240
        eu261CareOwed = eu261Applies && (cancelled || delayMinutes >= careFromMinutes)
        let band = kilometres <= 1500 ? 250 : kilometres <= 3500 ? 400 : 600
        eu261CompensationEUR = eu261Applies && (cancelled || delayMinutes >= 180) ? band : 0
        self.extraordinary = extraordinary
    }
}
