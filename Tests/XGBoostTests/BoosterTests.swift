import Foundation
import Testing
import XGBoost

/// A learnable toy problem: the label is 1 when x0 + x1 > 1, with x2 pure noise.
private func toyData(rows: Int, seed: UInt64) -> (values: [Float], labels: [Float]) {
    var state = seed
    func next() -> Float {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Float(state >> 40) / Float(1 << 24)
    }
    var values: [Float] = []
    var labels: [Float] = []
    for _ in 0..<rows {
        let x0 = next(), x1 = next(), x2 = next()
        values += [x0, x1, x2]
        labels.append(x0 + x1 > 1 ? 1 : 0)
    }
    return (values, labels)
}

private func trainedBooster(rounds: Int = 20) throws -> (Booster, DMatrix) {
    let data = toyData(rows: 400, seed: 7)
    let matrix = try DMatrix(values: data.values, rows: 400, columns: 3, labels: data.labels, featureNames: ["x0", "x1", "noise"])
    let booster = try Booster(trainingOn: [matrix], parameters: [
        ("objective", "binary:logistic"), ("eval_metric", "auc"), ("max_depth", "3"), ("seed", "1"), ("nthread", "1"),
    ])
    for round in 0..<rounds { try booster.update(iteration: round, training: matrix) }
    try booster.setFeatureNames(["x0", "x1", "noise"])
    return (booster, matrix)
}

@Suite struct BoosterTests {
    @Test func trainsAModelThatLearnsTheRule() throws {
        let (booster, matrix) = try trainedBooster()
        let scores = try booster.evaluate(iteration: 19, on: [("train", matrix)])
        #expect((scores["train-auc"] ?? 0) > 0.95)
        let probabilities = try booster.predict(matrix)
        #expect(probabilities.count == 400)
        #expect(probabilities.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(try booster.rounds == 20)
        #expect(try booster.featureCount == 3)
    }

    @Test(arguments: [Booster.Format.ubj, .json])
    func savedAndLoadedModelsPredictIdentically(format: Booster.Format) throws {
        let (booster, matrix) = try trainedBooster()
        try booster.setAttribute("best_iteration", "19")
        let saved = try booster.save(format: format)
        let loaded = try Booster(model: saved)
        #expect(try loaded.predict(matrix) == booster.predict(matrix))
        #expect(try loaded.featureNames == ["x0", "x1", "noise"])
        #expect(try loaded.attribute("best_iteration") == "19")
        #expect(try loaded.attribute("absent") == nil)
        if format == .json { #expect(saved.first == UInt8(ascii: "{")) }
    }

    @Test func contributionsAddUpToTheMargin() throws {
        let (booster, matrix) = try trainedBooster()
        let contributions = try booster.predict(matrix, kind: .contributions)
        let margins = try booster.predict(matrix, kind: .margin)
        #expect(contributions.count == 400 * 4)
        for row in 0..<400 {
            let sum = contributions[(row * 4)..<(row * 4 + 4)].reduce(0, +)
            #expect(abs(sum - margins[row]) < 1e-3)
        }
        // The noise column carries far less than the two real ones.
        let meanAbs = (0..<3).map { column in (0..<400).map { abs(contributions[$0 * 4 + column]) }.reduce(0, +) / 400 }
        #expect(meanAbs[2] < meanAbs[0] / 3)
    }

    @Test func slicingKeepsTheFirstRounds() throws {
        let (booster, matrix) = try trainedBooster()
        let firstFive = try booster.sliced(rounds: 5)
        #expect(try firstFive.rounds == 5)
        #expect(try firstFive.predict(matrix) == booster.predict(matrix, rounds: 5))
    }

    @Test func anUnknownObjectiveFailsWithXGBoostsMessage() throws {
        let data = toyData(rows: 10, seed: 1)
        let matrix = try DMatrix(values: data.values, rows: 10, columns: 3, labels: data.labels)
        let booster = try Booster(trainingOn: [matrix], parameters: [("objective", "binary:nonsense")])
        let error = try #require(throws: XGBoostError.self) { try booster.update(iteration: 0, training: matrix) }
        #expect(error.function == "XGBoosterUpdateOneIter")
        #expect(error.message.contains("nonsense"))
    }

    @Test func aBadParameterValueIsASwiftError() throws {
        let data = toyData(rows: 10, seed: 1)
        let matrix = try DMatrix(values: data.values, rows: 10, columns: 3, labels: data.labels)
        #expect(throws: XGBoostError.self) {
            let booster = try Booster(trainingOn: [matrix], parameters: [("max_depth", "deep")])
            try booster.update(iteration: 0, training: matrix)
        }
    }

    @Test func malformedInputsAreRefusedBeforeTheCall() throws {
        #expect(throws: XGBoostError.self) { try DMatrix(values: [1, 2, 3], rows: 2, columns: 2) }
        #expect(throws: XGBoostError.self) { try DMatrix(values: [1, 2], rows: 1, columns: 2, labels: [1, 0]) }
        #expect(throws: XGBoostError.self) { try Booster(model: Data("not a model".utf8)) }
        #expect(throws: XGBoostError.self) { try Booster(model: Data()) }
    }

    @Test func missingValuesAreAccepted() throws {
        let (booster, _) = try trainedBooster()
        let row = try DMatrix(values: [.nan, 0.9, .nan], rows: 1, columns: 3)
        let prediction = try booster.predict(row)
        #expect(prediction.count == 1 && prediction[0].isFinite)
    }
}
