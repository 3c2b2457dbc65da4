import SkyportDomain
import Testing
@testable import RevenueManagement

@Suite struct EMSRbTests {
    /// Four nested classes with independent normal demand (Talluri and van Ryzin, 2004, §2.2.4, the example their
    /// EMSR tables use): fares 1050, 567, 534, 520; means 17.3, 45.1, 39.6, 34.0; standard deviations 5.8, 15.0, 13.2,
    /// 11.3. EMSR-b protects 16.7, 50.9 and 83.2 seats. By hand, the second: classes 1–2 pool a mean of 62.4, a standard
    /// deviation of √(5.8² + 15²) = 16.08 and a fare of (1050·17.3 + 567·45.1)/62.4 = 700.9; 534/700.9 = 0.762, so
    /// y₂ = 62.4 + 16.08·Φ⁻¹(0.238) = 62.4 − 11.46 = 50.9.
    static let fourClasses = [
        ClassDemand(fare: 1050, mean: 17.3, standardDeviation: 5.8), ClassDemand(fare: 567, mean: 45.1, standardDeviation: 15.0),
        ClassDemand(fare: 534, mean: 39.6, standardDeviation: 13.2), ClassDemand(fare: 520, mean: 34.0, standardDeviation: 11.3),
    ]

    @Test func fourClassesMatchThePublishedProtectionLevels() {
        let levels = EMSRb.protectionLevels(Self.fourClasses)
        #expect(levels.count == 3)
        for (level, published) in zip(levels, [16.7, 50.9, 83.2]) {
            #expect(abs(level - published) < 0.05, "\(levels)")
        }
        #expect(EMSRb.bookingLimits(capacity: 100, classes: Self.fourClasses) == [100, 83, 49, 17])
    }

    /// Two classes reduce to Littlewood's rule, P(D₁ > y₁) = f₂/f₁: with fares 100 and 60 and the full fare's demand
    /// N(40, 10²), y₁ = 40 + 10·Φ⁻¹(0.4) = 37.47; the first two classes above give 16.7.
    @Test func twoClassesFollowLittlewoodsRule() {
        let levels = EMSRb.protectionLevels([ClassDemand(fare: 100, mean: 40, standardDeviation: 10), ClassDemand(fare: 60, mean: 80, standardDeviation: 20)])
        #expect(abs(levels[0] - 37.47) < 0.01)
        #expect(abs(EMSRb.protectionLevels(Array(Self.fourClasses.prefix(2)))[0] - 16.7) < 0.05)
        // A discount fare worth as much as the full fare protects nothing; no demand, nothing either.
        #expect(EMSRb.protectionLevels([ClassDemand(fare: 100, mean: 40, standardDeviation: 10), ClassDemand(fare: 100, mean: 5, standardDeviation: 1)]) == [0])
        #expect(EMSRb.protectionLevels([ClassDemand(fare: 100, mean: 0, standardDeviation: 0), ClassDemand(fare: 50, mean: 5, standardDeviation: 1)]) == [0])
    }

    /// Whatever the forecasts, limits are nested: the top class may sell every seat and each class below at most what
    /// the one above may, never below zero.
    @Test func bookingLimitsAreAlwaysNested() {
        var random = SeededRandom(seed: 7)
        for _ in 0..<500 {
            var fare = 1_000.0
            let classes = (0..<Int.random(in: 2...8, using: &random)).map { _ -> ClassDemand in
                fare *= Double.random(in: 0.5...1, using: &random)
                let mean = Double.random(in: 0...80, using: &random)
                return ClassDemand(fare: fare, mean: mean, standardDeviation: Double.random(in: 0...30, using: &random))
            }
            let capacity = Int.random(in: 1...300, using: &random)
            let limits = EMSRb.bookingLimits(capacity: capacity, classes: classes)
            #expect(limits.first == capacity)
            #expect(zip(limits, limits.dropFirst()).allSatisfy { $0 >= $1 } && limits.allSatisfy { $0 >= 0 })
        }
    }
}
