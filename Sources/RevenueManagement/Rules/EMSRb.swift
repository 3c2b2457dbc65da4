import Forecasting
import Foundation

/// The demand still to come for one fare class of a flight's nested ladder, and the fare it pays.
public struct ClassDemand: Sendable, Equatable {
    public let fare: Double
    public let mean: Double
    public let standardDeviation: Double

    public init(fare: Double, mean: Double, standardDeviation: Double) {
        self.fare = fare
        self.mean = mean
        self.standardDeviation = standardDeviation
    }
}

/// Belobaba's expected marginal seat revenue heuristic, version b (EMSR-b), for nested fare classes with independent
/// normal demand.
///
/// For each class `j` (highest fare first), the classes above it are pooled into one: their demands add (means and
/// variances), their fare is the demand-weighted average. Seats are protected for the pool while the chance of selling
/// the last protected one to it, times its fare, beats class `j + 1`'s fare (Littlewood's rule on the pool):
/// `P(D₁…ⱼ > yⱼ) = fⱼ₊₁ / f̄₁…ⱼ`. Talluri and van Ryzin, *The Theory and Practice of Revenue Management* (2004), §2.2.4.
public enum EMSRb {
    /// The protection levels `y₁ … yₙ₋₁`: seats held for classes `1…j` against class `j + 1` and below. `classes` are
    /// ordered by fare, highest first. A level is never negative and never falls as `j` grows.
    public static func protectionLevels(_ classes: [ClassDemand]) -> [Double] {
        guard classes.count > 1 else { return [] }
        var levels: [Double] = []
        var mean = 0.0, variance = 0.0, revenue = 0.0
        for j in 0..<(classes.count - 1) {
            mean += classes[j].mean
            variance += classes[j].standardDeviation * classes[j].standardDeviation
            revenue += classes[j].fare * classes[j].mean
            let next = classes[j + 1].fare
            var level = 0.0
            if mean > 0 {
                let pooledFare = revenue / mean
                let ratio = next / pooledFare
                if ratio < 1 {
                    level = variance > 0 ? mean + variance.squareRoot() * NormalDistribution.quantile(1 - ratio) : mean
                }
            }
            levels.append(max(level, levels.last ?? 0, 0))
        }
        return levels
    }

    /// Nested booking limits, highest class first: how many of the `capacity` seats classes `j` and below may take,
    /// `capacity − y_{j−1}` rounded to whole seats (the top class may take them all). Limits never rise down the ladder.
    public static func bookingLimits(capacity: Int, classes: [ClassDemand]) -> [Int] {
        let levels = protectionLevels(classes)
        return [capacity] + levels.map { max(0, capacity - Int($0.rounded())) }
    }
}

extension EMSRb {
    /// The bid price: the expected marginal revenue of the last of `remainingSeats` seats, the most any pool of the
    /// top classes would pay for it times the chance that pool's demand reaches it,
    /// `maxⱼ f̄₁…ⱼ · P(D₁…ⱼ ≥ remainingSeats)` (normal demand, continuity-corrected). A fare below it is worth less than
    /// keeping the seat. `classes` are highest fare first.
    public static func bidPrice(remainingSeats: Int, classes: [ClassDemand]) -> Double {
        guard remainingSeats > 0 else { return classes.first?.fare ?? 0 }
        var mean = 0.0, variance = 0.0, revenue = 0.0, best = 0.0
        for demand in classes {
            mean += demand.mean
            variance += demand.standardDeviation * demand.standardDeviation
            revenue += demand.fare * demand.mean
            guard mean > 0 else { continue }
            let threshold = Double(remainingSeats) - 0.5
            let chance = variance > 0 ? 0.5 * erfc((threshold - mean) / (variance.squareRoot() * 2.0.squareRoot())) : (mean >= threshold ? 1 : 0)
            best = max(best, revenue / mean * chance)
        }
        return best
    }
}
