import XGBoost

/// Trains one booster round by round and stops when the validation metric has not improved for a while.
struct EarlyStoppingTrainer {
    /// One line of progress: the round and the metric on both sets.
    struct Round: Sendable {
        let round: Int
        let train: Double
        let validation: Double
    }

    struct Outcome {
        /// The booster cut at its best round.
        let booster: Booster
        let bestRound: Int
        let bestValidation: Double
        let roundsRun: Int
    }

    let parameters: [(String, String)]
    let maxRounds: Int
    let patience: Int
    /// The metric early stopping watches, lower is better (e.g. `logloss`, `rmse`).
    let metric: String
    /// Asked before each round: true ends the training with `TrainingStopped`.
    var shouldStop: @Sendable () -> Bool = { false }

    func train(_ training: DMatrix, validation: DMatrix, featureNames: [String], progress: (Round) -> Void) throws -> Outcome {
        let booster = try Booster(trainingOn: [training, validation], parameters: parameters + [("eval_metric", metric)])
        var best = Double.infinity, bestRound = 0, round = 0
        while round < maxRounds {
            if shouldStop() { throw TrainingStopped() }
            try booster.update(iteration: round, training: training)
            let scores = try booster.evaluate(iteration: round, on: [("train", training), ("valid", validation)])
            let score = scores["valid-\(metric)"] ?? .infinity
            progress(Round(round: round, train: scores["train-\(metric)"] ?? .nan, validation: score))
            if score < best {
                best = score
                bestRound = round
            } else if round - bestRound >= patience {
                break
            }
            round += 1
        }
        let kept = try booster.sliced(rounds: bestRound + 1)
        try kept.setFeatureNames(featureNames)
        return Outcome(booster: kept, bestRound: bestRound, bestValidation: best, roundsRun: min(round + 1, maxRounds))
    }
}

/// A training ended before it finished because its instance is shutting down; the job can be restarted.
public struct TrainingStopped: Error, CustomStringConvertible {
    public var description: String { "the training stopped because its instance is shutting down" }
}
