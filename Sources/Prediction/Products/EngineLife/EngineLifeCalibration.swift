import Foundation

/// Split-conformal calibration of the remaining-cycles regressor, by band of prediction (Mondrian conformal): on engines
/// held out of training, the errors of predictions that fell in each 10-cycle band give the band's interval and the
/// share of those engines that failed within the horizon. Wear makes errors grow with the prediction, so one band's
/// errors say more about a prediction in it than all errors together.
public struct EngineLifeCalibration: Codable, Sendable, Equatable {
    public struct Band: Codable, Sendable, Equatable {
        /// Predictions in `[from, from + 10)` (the last band is open above).
        public let from: Double
        /// Added to a prediction for the interval's ends.
        public let lowerOffset: Double
        public let upperOffset: Double
        /// The share of held-out predictions in the band whose engine failed within the horizon.
        public let failureShare: Double
        /// How many held-out predictions the band was measured on (widened to its neighbours below 50).
        public let count: Int
    }

    public let level: Double
    public let horizon: Int
    public let bands: [Band]

    static let width = 10.0, minimumCount = 50

    /// Calibrates from held-out `predicted` remaining cycles and the `actual` ones (not capped).
    public init(predicted: [Double], actual: [Double], level: Double, horizon: Int) {
        self.level = level
        self.horizon = horizon
        let pairs = zip(predicted, actual).map { (predicted: $0, error: $1 - $0, actual: $1) }
        let top = Int((pairs.map(\.predicted).max() ?? 0) / Self.width)
        bands = (0...max(0, top)).map { index in
            var low = index, high = index
            func members() -> [(predicted: Double, error: Double, actual: Double)] {
                pairs.filter { Int($0.predicted / Self.width) >= low && Int($0.predicted / Self.width) <= high }
            }
            var chosen = members()
            while chosen.count < Self.minimumCount, low > 0 || high < top {
                low = max(0, low - 1)
                high = min(top, high + 1)
                chosen = members()
            }
            let errors = chosen.map(\.error).sorted()
            return Band(from: Double(index) * Self.width,
                        lowerOffset: Self.quantile(errors, (1 - level) / 2, upper: false),
                        upperOffset: Self.quantile(errors, 1 - (1 - level) / 2, upper: true),
                        failureShare: chosen.isEmpty ? 0 : Double(chosen.filter { $0.actual <= Double(horizon) }.count) / Double(chosen.count),
                        count: chosen.count)
        }
    }

    /// The conformal quantile of sorted errors: with n of them, the ⌈(n + 1)p⌉-th from below (or ⌊(n + 1)p⌋-th for a
    /// lower end), so that coverage holds on new engines exchangeable with the held-out ones.
    static func quantile(_ sorted: [Double], _ p: Double, upper: Bool) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let n = Double(sorted.count)
        let rank = upper ? Int((p * (n + 1)).rounded(.up)) : Int((p * (n + 1)).rounded(.down))
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }

    /// The band of a prediction.
    public func band(for predicted: Double) -> Band? {
        let index = min(bands.count - 1, max(0, Int(predicted / Self.width)))
        return bands.isEmpty ? nil : bands[index]
    }

    /// The interval around a prediction (never below zero) and the probability of failure within the horizon.
    public func interval(for predicted: Double) -> (lower: Double, upper: Double, failureProbability: Double) {
        guard let band = band(for: predicted) else { return (max(0, predicted), predicted, 0) }
        return (max(0, predicted + band.lowerOffset), max(0, predicted + band.upperOffset), band.failureShare)
    }
}
