import Testing
@testable import SkyportDomain

@Suite struct DisruptionPolicyTests {
    let policy = DisruptionPolicy.standard

    func open(_ level: String, minutes: Int, cause: OpenDisruption.Cause = .predicted) -> OpenDisruption {
        OpenDisruption(level: level, cause: cause, expectedDelayMinutes: minutes)
    }

    @Test(arguments: [
        (29, 0.9, nil), (30, 0.49, nil), (30, 0.5, "delay"), (89, 0.99, "delay"), (90, 0.59, "delay"), (90, 0.6, "major_delay"),
        (179, 0.7, "major_delay"), (180, 0.6, "severe_delay"), (600, 1.0, "severe_delay"),
    ] as [(Int, Double, String?)])
    func levelsAtTheirBoundaries(minutes: Int, probability: Double, expected: String?) {
        #expect(policy.level(for: DelayEstimate(probability: probability, minutes: minutes))?.name == expected)
    }

    @Test func aPredictionOpensRaisesAndUpdates() {
        #expect(policy.assess(nil, prediction: .init(probability: 0.4, minutes: 60)) == DisruptionDecision.none)
        #expect(policy.assess(nil, prediction: .init(probability: 0.7, minutes: 45)) == .open(level: "delay"))
        #expect(policy.assess(open("delay", minutes: 45), prediction: .init(probability: 0.8, minutes: 100)) == .raise(level: "major_delay"))
        #expect(policy.assess(open("delay", minutes: 45), prediction: .init(probability: 0.8, minutes: 59)) == .none)  // under the step
        #expect(policy.assess(open("delay", minutes: 45), prediction: .init(probability: 0.8, minutes: 60)) == .update)
    }

    @Test func levelsComeDownOnlyWellBelow() {
        // 85 minutes is below major_delay's 90 but within the 10-minute hysteresis: the level holds.
        #expect(policy.assess(open("major_delay", minutes: 95), prediction: .init(probability: 0.8, minutes: 85)) == DisruptionDecision.none)
        #expect(policy.assess(open("major_delay", minutes: 95), prediction: .init(probability: 0.8, minutes: 79)) == .lower(level: "delay"))
        #expect(policy.assess(open("delay", minutes: 35), prediction: .init(probability: 0.8, minutes: 25)) == DisruptionDecision.none)
        #expect(policy.assess(open("delay", minutes: 35), prediction: .init(probability: 0.8, minutes: 19)) == .close(reason: .predictionCleared))
        #expect(policy.assess(open("delay", minutes: 35), prediction: .init(probability: 0.3, minutes: 40)) == .close(reason: .predictionCleared))
    }

    @Test func declarationsStandAgainstPredictions() {
        let declared = open("severe_delay", minutes: 200, cause: .declared)
        #expect(policy.assess(declared, prediction: .init(probability: 0.1, minutes: 0)) == DisruptionDecision.none)
        #expect(policy.assess(open(DisruptionPolicy.cancelledLevel, minutes: 0, cause: .declared), prediction: .init(probability: 0.1, minutes: 0)) == DisruptionDecision.none)
        #expect(policy.assess(nil, declaredDelayMinutes: 95) == .open(level: "major_delay"))
        #expect(policy.assess(nil, declaredDelayMinutes: 20) == DisruptionDecision.none)
        #expect(policy.assess(open("delay", minutes: 40), declaredDelayMinutes: 200) == .raise(level: "severe_delay"))
        #expect(policy.assess(declared, declaredDelayMinutes: 40) == .lower(level: "delay"))
        #expect(policy.assess(declared, declaredDelayMinutes: 5) == .close(reason: .declaredOnTime))
        #expect(policy.rank(DisruptionPolicy.cancelledLevel) > policy.rank("severe_delay"))
    }

    @Test func aBrokenPolicyIsExplained() {
        #expect(policy.problems.isEmpty)
        var broken = policy
        broken.levels = [.init(name: "Delay", minutes: 30, minimumProbability: 1.5), .init(name: "b", minutes: 30, minimumProbability: 0.5)]
        broken.horizonHours = 0
        #expect(broken.problems.count == 4)
    }
}
