import Foundation
import Prediction
import SkyportDomain
import Testing

/// The engine-life model on the standard FD001 protocol, trained quickly: it beats the training mean and the
/// cycles-only booster on the test engines, its interval covers about its level of them, and the probability of
/// failure within 30 cycles separates the engines that failed within 30 from the rest.
@Suite struct EngineLifeTrainerTests {
    @Test func trainsOnTheStandardProtocolAndBeatsItsBaselines() async throws {
        var configuration = EngineLifeConfiguration()
        configuration.booster.learningRate = 0.1
        configuration.booster.maxRounds = 300
        configuration.booster.earlyStoppingRounds = 30
        let result = try await EngineLifeTrainer(data: try await EngineDataSetTests.shipped()).train(configuration)
        let evaluation = result.evaluation
        #expect(evaluation.testEngines == 100 && evaluation.training.heldOutEngines == 20)
        #expect(evaluation.model.rmse < 20, "RMSE \(evaluation.model.rmse)")
        #expect(evaluation.model.rmse < evaluation.cyclesOnly.rmse && evaluation.model.rmse < evaluation.trainingMean.rmse)
        #expect(evaluation.model.phm08Score < evaluation.trainingMean.phm08Score)
        #expect(evaluation.interval.covered >= 0.8, "coverage \(evaluation.interval.covered)")
        #expect(evaluation.failureWithinHorizon.auc > 0.9)
        #expect(result.calibration.bands.allSatisfy { $0.lowerOffset <= 0 && $0.upperOffset >= 0 && $0.count >= 50 })
        #expect(result.draft.modelName == "engine-life" && result.draft.files.keys.sorted() == ["remaining-cycles"])
        #expect(result.draft.parameters["calibration"] != nil)
    }

    @Test func theConformalQuantileKeepsItsPromiseOnExchangeableErrors() {
        // Errors 1...100 around a prediction of 50: the 90 % band must hold at least 90 % of them.
        let errors = (1...100).map { Double($0) - 50.5 }
        let calibration = EngineLifeCalibration(predicted: Array(repeating: 50, count: 100), actual: errors.map { 50 + $0 }, level: 0.9, horizon: 30)
        let interval = calibration.interval(for: 50)
        let inside = errors.filter { 50 + $0 >= interval.lower && 50 + $0 <= interval.upper }.count
        #expect(inside >= 90)
        #expect(abs(interval.failureProbability - 0.3) < 0.01)
    }
}
