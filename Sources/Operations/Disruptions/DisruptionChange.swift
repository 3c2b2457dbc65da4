import SkyportContracts
import SkyportDomain

/// What a prediction or an operator says about one flight, for the disruption it opens, changes or closes.
struct DisruptionChange: Sendable {
    let flightID: String
    let kind: DisruptionKind
    let cause: OpenDisruption.Cause
    let probability: Double?
    let expectedDelayMinutes: Int
    let expectedDeparture: Int64
    let modelVersionID: String?
    let reasons: [Disruption.Reason]
    let actor: String
    let note: String?
}
