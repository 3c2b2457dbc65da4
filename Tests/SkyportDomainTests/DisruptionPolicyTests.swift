import Foundation
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

    /// Risk levels rank between the delay levels and a declared cancellation, win over any delay level, and come down
    /// only once the probability is 0.1 below them.
    @Test func cancellationRiskLevelsRankAboveDelaysAndComeDownOnlyWellBelow() {
        #expect(policy.rank("severe_delay") < policy.rank("cancellation_possible"))
        #expect(policy.rank("cancellation_possible") < policy.rank("cancellation_likely"))
        #expect(policy.rank("cancellation_likely") < policy.rank(DisruptionPolicy.cancelledLevel))
        let severe = DelayEstimate(probability: 0.9, minutes: 200)
        #expect(policy.target(for: severe, cancellationProbability: 0.29) == "severe_delay")
        #expect(policy.target(for: severe, cancellationProbability: 0.3) == "cancellation_possible")
        #expect(policy.target(for: .init(probability: 0.1, minutes: 0), cancellationProbability: 0.55) == "cancellation_likely")
        #expect(policy.assess(nil, prediction: .init(probability: 0.1, minutes: 0), cancellationProbability: 0.31) == .open(level: "cancellation_possible"))
        #expect(policy.assess(open("delay", minutes: 40), prediction: .init(probability: 0.6, minutes: 40), cancellationProbability: 0.5)
                == .raise(level: "cancellation_likely"))
        // 0.45 is below "likely" but not 0.1 below: it stays; 0.39 comes down to "possible"; 0.15 to the delay level.
        let likely = open("cancellation_likely", minutes: 40)
        let delayed = DelayEstimate(probability: 0.6, minutes: 40)
        #expect(policy.assess(likely, prediction: delayed, cancellationProbability: 0.45) == DisruptionDecision.none)
        #expect(policy.assess(likely, prediction: delayed, cancellationProbability: 0.39) == .lower(level: "cancellation_possible"))
        #expect(policy.assess(open("cancellation_possible", minutes: 40), prediction: delayed, cancellationProbability: 0.15) == .lower(level: "delay"))
        #expect(policy.assess(open("cancellation_possible", minutes: 5), prediction: .init(probability: 0.1, minutes: 5), cancellationProbability: 0.1)
                == .close(reason: .predictionCleared))
        // A declared cancellation stands against any risk.
        #expect(policy.assess(open(DisruptionPolicy.cancelledLevel, minutes: 0, cause: .declared), prediction: delayed, cancellationProbability: 0.01)
                == DisruptionDecision.none)
    }

    @Test func aPolicyWithoutRiskLevelsActsOnDelaysOnlyAndBadRiskLevelsAreExplained() throws {
        let old = #"{"levels": [{"name": "delay", "minutes": 30, "minimum_probability": 0.5}], "hysteresis_minutes": 10, "horizon_hours": 6, "rescore_interval_seconds": 180, "update_step_minutes": 15}"#
        let decoded = try JSONDecoder().decode(DisruptionPolicy.self, from: Data(old.utf8))
        #expect(decoded.cancellationRiskLevels.isEmpty && decoded.problems.isEmpty)
        #expect(decoded.assess(nil, prediction: .init(probability: 0.1, minutes: 0), cancellationProbability: 0.99) == DisruptionDecision.none)
        var broken = policy
        broken.cancellationRiskLevels = [.init(name: "delay", minimumProbability: 0.4), .init(name: "cancelled", minimumProbability: 0.3),
                                         .init(name: "x", minimumProbability: 0)]
        #expect(broken.problems.count == 5, "\(broken.problems)")
    }
}

@Suite struct RetryScheduleTests {
    @Test func backoffDoublesUpToTheCapThenStops() {
        let schedule = RetrySchedule.standard
        #expect((1...8).map { schedule.delay(afterAttempt: $0) } == [30, 60, 120, 240, 480, 960, 1920, nil])
        let capped = RetrySchedule(attempts: 20, firstDelaySeconds: 30, maximumDelaySeconds: 600)
        #expect(capped.delay(afterAttempt: 10) == 600 && capped.delay(afterAttempt: 19) == 600 && capped.delay(afterAttempt: 20) == nil)
        #expect(schedule.delay(afterAttempt: 0) == nil)
    }
}

@Suite struct PassengerRightsTests {
    let domestic = PassengerRights.Flight(distanceMiles: 2475, domestic: true)

    @Test(arguments: [(29, false, false), (30, true, false), (180, true, false), (181, true, true)])
    func usRulesAtTheirBoundaries(minutes: Int, notify: Bool, refund: Bool) {
        let rights = PassengerRights(flight: domestic, cancelled: false, delayMinutes: minutes, extraordinary: true)
        #expect(rights.mustNotify == notify && rights.refundIfDeclined == refund)
        #expect(!rights.eu261Applies && rights.eu261CompensationOwedEUR == 0)
    }

    @Test func internationalWaitsSixHoursAndCancellationsAlwaysRefund() {
        let international = PassengerRights.Flight(distanceMiles: 3459, domestic: false)
        #expect(!PassengerRights(flight: international, cancelled: false, delayMinutes: 360, extraordinary: false).refundIfDeclined)
        #expect(PassengerRights(flight: international, cancelled: false, delayMinutes: 361, extraordinary: false).refundIfDeclined)
        #expect(PassengerRights(flight: domestic, cancelled: true, delayMinutes: 0, extraordinary: false).refundIfDeclined)
    }

    @Test(arguments: [(900, 119, false, 0), (900, 120, true, 0), (900, 180, true, 250), (2000, 179, false, 0), (2000, 180, true, 400),
                      (2500, 239, false, 600), (2500, 240, true, 600)])
    func eu261ByDistanceBand(miles: Int, minutes: Int, care: Bool, compensation: Int) {
        // 900 mi is 1,448 km; 2,000 mi 3,219 km; 2,500 mi 4,023 km.
        let flight = PassengerRights.Flight(distanceMiles: miles, domestic: false, departsFromEU: true)
        let rights = PassengerRights(flight: flight, cancelled: false, delayMinutes: minutes, extraordinary: false)
        #expect(rights.eu261Applies && rights.eu261CompensationOwedEUR == compensation)
        #expect(rights.eu261CareOwed == care)
    }

    @Test func weatherExemptsCompensationNotCare() {
        let flight = PassengerRights.Flight(distanceMiles: 900, domestic: false, departsFromEU: true)
        let rights = PassengerRights(flight: flight, cancelled: true, delayMinutes: 0, extraordinary: true)
        #expect(rights.eu261CareOwed && rights.eu261CompensationEUR == 250 && rights.eu261CompensationOwedEUR == 0)
    }
}
