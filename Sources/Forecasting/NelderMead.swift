import Foundation

/// The Nelder–Mead simplex method: minimizes a function of a few unbounded variables without derivatives.
///
/// Bounded parameters (smoothing weights, moving-average coefficients) are mapped onto the real line by their
/// callers, so the search itself needs no constraints.
public struct NelderMead: Sendable {
    /// Evaluations allowed before the best point so far is returned.
    public var maximumEvaluations: Int
    /// The search stops when the simplex's values differ by less than this.
    public var tolerance: Double

    public init(maximumEvaluations: Int = 2_000, tolerance: Double = 1e-10) {
        self.maximumEvaluations = maximumEvaluations
        self.tolerance = tolerance
    }

    /// The point of smallest `objective` found from `start`, and its value. `step` sizes the first simplex.
    public func minimize(_ objective: ([Double]) -> Double, from start: [Double], step: Double = 0.5) -> (point: [Double], value: Double) {
        let dimensions = start.count
        // A non-finite value (a parameter set that diverges) ranks below every finite one.
        func value(_ point: [Double]) -> Double {
            let result = objective(point)
            return result.isFinite ? result : .greatestFiniteMagnitude
        }
        var simplex: [(point: [Double], value: Double)] = [(start, value(start))]
        for index in 0..<dimensions {
            var vertex = start
            vertex[index] += step
            simplex.append((vertex, value(vertex)))
        }
        var evaluations = dimensions + 1
        while evaluations < maximumEvaluations {
            simplex.sort { $0.value < $1.value }
            if abs(simplex[dimensions].value - simplex[0].value) <= tolerance * (abs(simplex[0].value) + tolerance) { break }
            let worst = simplex[dimensions]
            var centroid = [Double](repeating: 0, count: dimensions)
            for vertex in simplex.dropLast() {
                for index in 0..<dimensions { centroid[index] += vertex.point[index] / Double(dimensions) }
            }
            func along(_ factor: Double) -> [Double] {
                (0..<dimensions).map { centroid[$0] + factor * (worst.point[$0] - centroid[$0]) }
            }
            let reflected = along(-1)
            let reflectedValue = value(reflected)
            evaluations += 1
            if reflectedValue < simplex[0].value {
                let expanded = along(-2)
                let expandedValue = value(expanded)
                evaluations += 1
                simplex[dimensions] = expandedValue < reflectedValue ? (expanded, expandedValue) : (reflected, reflectedValue)
            } else if reflectedValue < simplex[dimensions - 1].value {
                simplex[dimensions] = (reflected, reflectedValue)
            } else {
                let contracted = reflectedValue < worst.value ? along(-0.5) : along(0.5)
                let contractedValue = value(contracted)
                evaluations += 1
                if contractedValue < min(reflectedValue, worst.value) {
                    simplex[dimensions] = (contracted, contractedValue)
                } else {
                    let best = simplex[0].point
                    for index in 1...dimensions {
                        let shrunk = (0..<dimensions).map { best[$0] + 0.5 * (simplex[index].point[$0] - best[$0]) }
                        simplex[index] = (shrunk, value(shrunk))
                    }
                    evaluations += dimensions
                }
            }
        }
        return simplex.min { $0.value < $1.value }!
    }
}

/// Maps between a bounded interval and the real line, for unconstrained searches.
enum Bounded {
    /// The value in `(lower, upper)` for the unbounded `x`.
    static func value(_ x: Double, lower: Double = 0, upper: Double = 1) -> Double {
        lower + (upper - lower) / (1 + exp(-x))
    }

    /// The unbounded point for `value` in `(lower, upper)`.
    static func unbounded(_ value: Double, lower: Double = 0, upper: Double = 1) -> Double {
        let share = min(max((value - lower) / (upper - lower), 1e-6), 1 - 1e-6)
        return log(share / (1 - share))
    }
}
