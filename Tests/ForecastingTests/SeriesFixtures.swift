import Foundation
import SkyportDomain

/// Series with known answers.
enum SeriesFixtures {
    /// Box and Jenkins's Series G: international airline passengers, thousands per month, January 1949 to
    /// December 1960 (Box, Jenkins and Reinsel, *Time Series Analysis*, 1976). The measured evaluation reads the copy
    /// fetched with pip and checked by SHA-256 (`ForecastSeriesFetcher`); the tests keep their own.
    static let airPassengers: [Double] = [
        112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140,
        145, 150, 178, 163, 172, 178, 199, 199, 184, 162, 146, 166, 171, 180, 193, 181, 183, 218, 230, 242, 209, 191, 172, 194,
        196, 196, 236, 235, 229, 243, 264, 272, 237, 211, 180, 201, 204, 188, 235, 227, 234, 264, 302, 293, 259, 229, 203, 229,
        242, 233, 267, 269, 270, 315, 364, 347, 312, 274, 237, 278, 284, 277, 317, 313, 318, 374, 413, 405, 355, 306, 271, 306,
        315, 301, 356, 348, 355, 422, 465, 467, 404, 347, 305, 336, 340, 318, 362, 348, 363, 435, 491, 505, 404, 359, 310, 337,
        360, 342, 406, 396, 420, 472, 548, 559, 463, 407, 362, 405, 417, 391, 419, 461, 472, 535, 622, 606, 508, 461, 390, 432,
    ]

    /// A level of 100 growing by 2 a month with a fixed monthly pattern, `months` long: trend times season, no noise.
    static func trendTimesSeason(months: Int) -> [Double] {
        (0..<months).map { month -> Double in
            let trend: Double = 100 + 2 * Double(month)
            return trend * season[month % 12]
        }
    }

    /// The same with the pattern added instead of multiplied.
    static func trendPlusSeason(months: Int) -> [Double] {
        (0..<months).map { month -> Double in
            let trend: Double = 100 + 2 * Double(month)
            return trend + 20 * (season[month % 12] - 1)
        }
    }

    /// Twelve factors averaging 1: a summer peak and a winter trough.
    static let season: [Double] = [0.85, 0.82, 0.95, 0.97, 0.99, 1.10, 1.22, 1.21, 1.04, 0.93, 0.84, 1.08]

    /// A seeded source of standard normal draws, so that noisy series are the same on every run.
    struct Seeded {
        var random: SeededRandom

        init(state: UInt64) {
            random = SeededRandom(seed: state)
        }

        /// A standard normal draw (Box–Muller).
        mutating func normal() -> Double {
            let u = Double.random(in: Double.ulpOfOne..<1, using: &random), v = Double.random(in: 0..<1, using: &random)
            return sqrt(-2 * log(u)) * cos(2 * .pi * v)
        }
    }
}
