import Foundation

/// How well probabilities separate delayed from on-time departures, on one period.
public struct ClassifierMetrics: Codable, Sendable, Equatable {
    public struct CalibrationBin: Codable, Sendable, Equatable {
        public let lower: Double
        public let upper: Double
        public let count: Int
        public let meanPredicted: Double
        public let observedRate: Double
    }

    public struct Confusion: Codable, Sendable, Equatable {
        public let threshold: Double
        public let truePositives: Int
        public let falsePositives: Int
        public let trueNegatives: Int
        public let falseNegatives: Int

        public var precision: Double { truePositives + falsePositives == 0 ? 0 : Double(truePositives) / Double(truePositives + falsePositives) }
        public var recall: Double { truePositives + falseNegatives == 0 ? 0 : Double(truePositives) / Double(truePositives + falseNegatives) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    }

    public let count: Int
    public let positiveRate: Double
    public let auc: Double
    /// Average precision: the area under the precision-recall curve, as a step function.
    public let prAuc: Double
    public let logLoss: Double
    public let brier: Double
    public let calibration: [CalibrationBin]
    /// At the threshold chosen beforehand (on the validation period).
    public let confusion: Confusion
    public let f1: Double

    /// Scores `probabilities` against `labels` (1 = delayed), with the confusion matrix at `threshold`.
    public init(probabilities: [Double], labels: [Bool], threshold: Double) {
        precondition(probabilities.count == labels.count)
        count = labels.count
        let positives = labels.filter { $0 }.count
        positiveRate = count == 0 ? 0 : Double(positives) / Double(count)
        let order = probabilities.indices.sorted { probabilities[$0] > probabilities[$1] }
        auc = Self.auc(order: order, probabilities: probabilities, labels: labels, positives: positives)
        prAuc = Self.averagePrecision(order: order, probabilities: probabilities, labels: labels, positives: positives)
        var loss = 0.0, squared = 0.0
        for (p, label) in zip(probabilities, labels) {
            let clipped = min(max(p, 1e-15), 1 - 1e-15)
            loss -= label ? log(clipped) : log(1 - clipped)
            squared += (p - (label ? 1 : 0)) * (p - (label ? 1 : 0))
        }
        logLoss = count == 0 ? 0 : loss / Double(count)
        brier = count == 0 ? 0 : squared / Double(count)
        calibration = (0..<10).map { bin in
            let lower = Double(bin) / 10, upper = Double(bin + 1) / 10
            let members = probabilities.indices.filter { probabilities[$0] >= lower && (probabilities[$0] < upper || bin == 9) }
            return CalibrationBin(lower: lower, upper: upper, count: members.count,
                                  meanPredicted: members.isEmpty ? 0 : members.map { probabilities[$0] }.reduce(0, +) / Double(members.count),
                                  observedRate: members.isEmpty ? 0 : Double(members.filter { labels[$0] }.count) / Double(members.count))
        }
        confusion = Self.confusion(probabilities: probabilities, labels: labels, threshold: threshold)
        f1 = confusion.f1
    }

    /// The threshold with the best F1 on these scores (used on the validation period only).
    public static func bestF1Threshold(probabilities: [Double], labels: [Bool]) -> Double {
        let order = probabilities.indices.sorted { probabilities[$0] > probabilities[$1] }
        let positives = labels.filter { $0 }.count
        var truePositives = 0, best = 0.0, bestThreshold = 0.5
        for (rank, index) in order.enumerated() {
            if labels[index] { truePositives += 1 }
            // Only between distinct scores is a threshold meaningful.
            if rank + 1 < order.count, probabilities[order[rank + 1]] == probabilities[index] { continue }
            let precision = Double(truePositives) / Double(rank + 1)
            let recall = positives == 0 ? 0 : Double(truePositives) / Double(positives)
            let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
            if f1 > best { best = f1; bestThreshold = probabilities[index] }
        }
        return bestThreshold
    }

    static func confusion(probabilities: [Double], labels: [Bool], threshold: Double) -> Confusion {
        var tp = 0, fp = 0, tn = 0, fn = 0
        for (p, label) in zip(probabilities, labels) {
            switch (p >= threshold, label) {
            case (true, true): tp += 1
            case (true, false): fp += 1
            case (false, false): tn += 1
            case (false, true): fn += 1
            }
        }
        return Confusion(threshold: threshold, truePositives: tp, falsePositives: fp, trueNegatives: tn, falseNegatives: fn)
    }

    /// Mann-Whitney AUC with ties counted as half.
    static func auc(order: [Int], probabilities: [Double], labels: [Bool], positives: Int) -> Double {
        let negatives = labels.count - positives
        guard positives > 0, negatives > 0 else { return 0.5 }
        var negativesBelow = Double(negatives), total = 0.0, start = 0
        while start < order.count {
            var end = start
            var groupPositives = 0, groupNegatives = 0
            while end < order.count, probabilities[order[end]] == probabilities[order[start]] {
                if labels[order[end]] { groupPositives += 1 } else { groupNegatives += 1 }
                end += 1
            }
            negativesBelow -= Double(groupNegatives)
            total += Double(groupPositives) * (negativesBelow + Double(groupNegatives) / 2)
            start = end
        }
        return total / (Double(positives) * Double(negatives))
    }

    static func averagePrecision(order: [Int], probabilities: [Double], labels: [Bool], positives: Int) -> Double {
        guard positives > 0 else { return 0 }
        var truePositives = 0, seen = 0, total = 0.0, start = 0
        while start < order.count {
            var end = start, groupPositives = 0
            while end < order.count, probabilities[order[end]] == probabilities[order[start]] {
                if labels[order[end]] { groupPositives += 1 }
                end += 1
            }
            truePositives += groupPositives
            seen = end
            total += Double(groupPositives) / Double(positives) * Double(truePositives) / Double(seen)
            start = end
        }
        return total
    }
}

/// How close predicted minutes are to the delays that happened.
public struct RegressionMetrics: Codable, Sendable, Equatable {
    public let count: Int
    public let mae: Double
    public let rmse: Double

    public init(predicted: [Double], actual: [Double]) {
        precondition(predicted.count == actual.count)
        count = actual.count
        let errors = zip(predicted, actual).map { $0 - $1 }
        mae = count == 0 ? 0 : errors.map(abs).reduce(0, +) / Double(count)
        rmse = count == 0 ? 0 : (errors.map { $0 * $0 }.reduce(0, +) / Double(count)).squareRoot()
    }
}
