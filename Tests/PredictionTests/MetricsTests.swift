import Foundation
import Prediction
import Testing

@Suite struct MetricsTests {
    @Test func aucOfPerfectReversedAndTiedScores() {
        let labels = [true, true, false, false]
        #expect(ClassifierMetrics(probabilities: [0.9, 0.8, 0.2, 0.1], labels: labels, threshold: 0.5).auc == 1)
        #expect(ClassifierMetrics(probabilities: [0.1, 0.2, 0.8, 0.9], labels: labels, threshold: 0.5).auc == 0)
        #expect(ClassifierMetrics(probabilities: [0.5, 0.5, 0.5, 0.5], labels: labels, threshold: 0.5).auc == 0.5)
        // One positive above both negatives, one between them: 3 of 4 pairs ordered.
        #expect(ClassifierMetrics(probabilities: [0.9, 0.4, 0.5, 0.1], labels: labels, threshold: 0.5).auc == 0.75)
    }

    @Test func averagePrecisionLogLossAndBrier() {
        let metrics = ClassifierMetrics(probabilities: [0.9, 0.6, 0.4, 0.1], labels: [true, false, true, false], threshold: 0.5)
        // Ranks 1 and 3 are positive: (1/1 + 2/3) / 2.
        #expect(abs(metrics.prAuc - (1 + 2.0 / 3) / 2) < 1e-12)
        #expect(abs(metrics.brier - (0.01 + 0.36 + 0.36 + 0.01) / 4) < 1e-12)
        let expectedLoss = -(log(0.9) + log(0.4) + log(0.4) + log(0.9)) / 4
        #expect(abs(metrics.logLoss - expectedLoss) < 1e-12)
        let confusion = metrics.confusion
        let counts: [Int] = [confusion.truePositives, confusion.falsePositives, confusion.trueNegatives, confusion.falseNegatives]
        #expect(counts == [1, 1, 1, 1])
        #expect(metrics.f1 == 0.5)
        #expect(metrics.positiveRate == 0.5)
    }

    @Test func calibrationBinsHoldTheirMembers() {
        let metrics = ClassifierMetrics(probabilities: [0.05, 0.05, 0.95, 1.0], labels: [false, true, true, true], threshold: 0.5)
        #expect(metrics.calibration.count == 10)
        #expect(metrics.calibration[0].count == 2 && metrics.calibration[0].observedRate == 0.5)
        #expect(metrics.calibration[9].count == 2 && metrics.calibration[9].observedRate == 1)
        #expect(metrics.calibration.map(\.count).reduce(0, +) == 4)
    }

    @Test func bestF1ThresholdSeparatesWhenItCan() {
        let threshold = ClassifierMetrics.bestF1Threshold(probabilities: [0.9, 0.8, 0.3, 0.2], labels: [true, true, false, false])
        #expect(threshold == 0.8)
    }

    @Test func regressionErrors() {
        let metrics = RegressionMetrics(predicted: [10, 20, 30], actual: [10, 30, 0])
        #expect(metrics.mae == 40.0 / 3)
        #expect(abs(metrics.rmse - (1000.0 / 3).squareRoot()) < 1e-12)
    }

    @Test func populationStabilityIsNearZeroForTheSameDataAndLargeForAShift() {
        let reference = (0..<10_000).map { Float($0 % 100) }
        let profile = FeatureProfile(values: reference, features: ["x"])
        let same = profile.stability(of: (0..<5_000).map { Float(($0 * 7) % 100) })
        #expect(same[0].psi < 0.01)
        let shifted = profile.stability(of: (0..<5_000).map { Float(60 + $0 % 40) })
        #expect(shifted[0].psi > 0.25)
        let missing = profile.stability(of: (0..<5_000).map { $0 % 2 == 0 ? Float.nan : Float($0 % 100) })
        #expect(missing[0].psi > 0.25)
    }
}
