import SkyportContracts
import SkyportDomain

/// What a prediction or an operator says about one flight, for the disruption it opens, changes or closes.
struct DisruptionChange: Sendable {
    /// What the cancellation-risk model said of the flight in the same pass: the change reads as it once the
    /// disruption's level is a cancellation-risk level.
    struct CancellationRisk: Sendable {
        let probability: Double
        let modelVersionID: String
        let reasons: [Disruption.Reason]
    }

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
    var cancellationRisk: CancellationRisk? = nil

    /// The change as the disruption records it at `level`: a cancellation-risk level carries the risk model's
    /// probability, version and reasons (the expected delay stays the delay model's).
    func recorded(at level: String, policy: DisruptionPolicy) -> DisruptionChange {
        guard policy.isCancellationRisk(level), let risk = cancellationRisk else { return self }
        return DisruptionChange(flightID: flightID, kind: .cancellationRisk, cause: cause, probability: risk.probability,
                                expectedDelayMinutes: expectedDelayMinutes, expectedDeparture: expectedDeparture, modelVersionID: risk.modelVersionID,
                                reasons: risk.reasons, actor: "model:\(risk.modelVersionID)", note: note)
    }
}
