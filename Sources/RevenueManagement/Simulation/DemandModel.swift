import Foundation
import SkyportDomain

/// A simulated booking request: a passenger who arrives some days before departure, qualifies for the fare classes
/// from `lowestClass` up (the fences of cheaper fares keep them out), and will pay up to `highestClass`'s fare.
public struct BookingRequest: Sendable, Equatable {
    /// Days before departure, fractional (60.0 is sixty days before).
    public let daysBeforeDeparture: Double
    /// Index into the fare ladder, cheapest first.
    public let lowestClass: Int
    public let highestClass: Int
}

/// How passengers ask for one flight: a documented simulation, not observed demand (no airline's booking data is
/// public).
///
/// - Each fare class has a passenger type whose mean number of requests is its share of `demandFactor × capacity`.
/// - A flight-level factor (gamma, coefficient of variation `flightVariation`) scales every type together, and each
///   type's count is Poisson around that: demand is overdispersed and correlated across classes, as it is in airline data.
/// - Departure weekdays differ (`weekdayFactors`, Monday first); fewer people book at weekends: a request drawn on a
///   Saturday or Sunday is kept with probability `weekendBookingFactor` and otherwise drawn again.
/// - Arrival days before departure are exponential with the type's mean (`meanDaysBefore`), truncated at `horizonDays`:
///   low fares book early, high fares late.
/// - Sell-up: when their class is closed, passengers step up one class at a time with probability `sellUp[type]` each
///   step (decided when they arrive), so each has a highest class they would pay.
public struct DemandModel: Sendable {
    /// Each class's share of the flight's expected demand, cheapest class first (sums to 1).
    public var classShares: [Double]
    /// Mean days before departure at which each class's passengers arrive.
    public var meanDaysBefore: [Double]
    /// The chance that a passenger accepts one more class up, per step, by type.
    public var sellUp: [Double]
    /// Expected requests over capacity (1.0: as many as there are seats).
    public var demandFactor: Double
    public var flightVariation: Double
    /// Monday … Sunday, averaging 1.
    public var weekdayFactors: [Double]
    public var weekendBookingFactor: Double
    public var horizonDays: Double

    /// The six economy classes V Q H M B Y: a plausible mix for a domestic trunk route (documented in docs/revenue.md).
    public static func economy(demandFactor: Double) -> DemandModel {
        DemandModel(classShares: [0.30, 0.22, 0.17, 0.13, 0.10, 0.08],
                    meanDaysBefore: [42, 34, 26, 19, 12, 7],
                    sellUp: [0.30, 0.30, 0.35, 0.40, 0.45, 0.50],
                    demandFactor: demandFactor, flightVariation: 0.2,
                    weekdayFactors: [1.10, 0.90, 0.90, 1.05, 1.15, 0.80, 1.10],
                    weekendBookingFactor: 0.7, horizonDays: 90)
    }

    /// The requests for one departure of `capacity` seats on ISO weekday `weekday` (1 Monday … 7 Sunday), earliest first.
    /// `random` is the simulation's seeded source.
    public func requests(capacity: Int, weekday: Int, using random: inout some RandomNumberGenerator) -> [BookingRequest] {
        let level = demandFactor * Double(capacity) * weekdayFactors[(weekday - 1) % 7]
        let flightFactor = Distributions.gamma(mean: 1, coefficientOfVariation: flightVariation, using: &random)
        var requests: [BookingRequest] = []
        for type in classShares.indices {
            let count = Distributions.poisson(mean: level * classShares[type] * flightFactor, using: &random)
            var made = 0
            while made < count {
                let days = min(horizonDays, -log(1 - Double.random(in: 0..<1, using: &random)) * meanDaysBefore[type])
                let bookingWeekday = ((weekday - 1 - Int(days.rounded(.up))) % 7 + 7) % 7
                if bookingWeekday >= 5 && Double.random(in: 0..<1, using: &random) > weekendBookingFactor { continue }
                var highest = type
                while highest < classShares.count - 1 && Double.random(in: 0..<1, using: &random) < sellUp[type] { highest += 1 }
                requests.append(BookingRequest(daysBeforeDeparture: days, lowestClass: type, highestClass: highest))
                made += 1
            }
        }
        return requests.sorted { $0.daysBeforeDeparture > $1.daysBeforeDeparture }
    }
}

/// Seeded draws the simulation needs (the standard library has uniform ones only).
public enum Distributions {
    /// Knuth's multiplication method for small means, a rounded normal approximation above 60.
    public static func poisson(mean: Double, using random: inout some RandomNumberGenerator) -> Int {
        guard mean > 0 else { return 0 }
        if mean > 60 { return max(0, Int((mean + mean.squareRoot() * normal(using: &random)).rounded())) }
        let limit = exp(-mean)
        var product = Double.random(in: 0..<1, using: &random), count = 0
        while product > limit {
            count += 1
            product *= Double.random(in: 0..<1, using: &random)
        }
        return count
    }

    /// A standard normal draw (Box–Muller).
    public static func normal(using random: inout some RandomNumberGenerator) -> Double {
        let u = Double.random(in: Double.ulpOfOne..<1, using: &random), v = Double.random(in: 0..<1, using: &random)
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }

    /// A gamma draw with this mean and coefficient of variation (Marsaglia and Tsang; shapes above 1 only, which a
    /// coefficient of variation below 1 gives).
    public static func gamma(mean: Double, coefficientOfVariation: Double, using random: inout some RandomNumberGenerator) -> Double {
        guard coefficientOfVariation > 0 else { return mean }
        let shape = 1 / (coefficientOfVariation * coefficientOfVariation), scale = mean / shape
        let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            let x = normal(using: &random)
            let v = pow(1 + c * x, 3)
            guard v > 0 else { continue }
            let u = Double.random(in: Double.ulpOfOne..<1, using: &random)
            if log(u) < 0.5 * x * x + d - d * v + d * log(v) { return d * v * scale }
        }
    }
}
