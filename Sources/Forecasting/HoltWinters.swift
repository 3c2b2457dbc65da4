import Foundation

/// Holt-Winters exponential smoothing: a level, an additive trend and a season of `seasonLength` steps, each
/// updated by its own smoothing weight after every observation.
///
/// The weights and the initial level and trend are chosen by the smallest sum of squared one-step errors
/// (Nelder–Mead); the initial season comes from the first seasons' ratios (or differences) to their trend line.
/// Prediction intervals use the variance of the equivalent additive-error state-space model (Hyndman et al., 2008,
/// class 1), on relative errors when the season is multiplicative.
struct HoltWinters: FittedForecaster {
    enum Seasonality: Sendable { case additive, multiplicative }

    /// The smoothing weights, each in (0, 1).
    struct Weights: Sendable, Equatable {
        let level: Double
        let trend: Double
        let season: Double
    }

    /// Where the smoothing stands after an observation. `season[i]` is the factor of the steps whose position in
    /// the cycle is `i`.
    struct State: Sendable, Equatable {
        var level: Double
        var trend: Double
        var season: [Double]
    }

    let method: ForecastMethod
    let seasonality: Seasonality
    let scale: ErrorScale
    let weights: Weights
    /// The state after the last observation.
    let final: State
    /// How many observations it was fitted on (the cycle position of the next step).
    let count: Int
    /// The variance of one-step errors (relative ones for a multiplicative season).
    let errorVariance: Double

    var seasonLength: Int { final.season.count }

    func forecast(horizon: Int, level: Double) -> [ForecastPoint] {
        let means = (0..<horizon).map { step in
            let trended = final.level + Double(step + 1) * final.trend
            let factor = final.season[(count + step) % seasonLength]
            return seasonality == .multiplicative ? trended * factor : trended + factor
        }
        var cumulative = 0.0
        let deviations = (0..<horizon).map { step -> Double in
            if step > 0 {
                let seasonal = step % seasonLength == 0 ? weights.season * (1 - weights.level) : 0
                let coefficient = weights.level * (1 + Double(step) * weights.trend) + seasonal
                cumulative += coefficient * coefficient
            }
            return sqrt(errorVariance * (1 + cumulative))
        }
        return scale.points(means: means, deviations: deviations, level: level)
    }

    /// The model fitted to `values`; `method` and `scale` say what it is and what scale `values` are on.
    static func fit(_ values: [Double], seasonLength: Int, seasonality: Seasonality, method: ForecastMethod,
                    scale: ErrorScale? = nil) -> HoltWinters {
        let start = initialState(values, seasonLength: seasonLength, seasonality: seasonality)
        let spread = max(abs(start.level) * 0.05, 1e-9)
        func decode(_ point: [Double]) -> (Weights, State) {
            var state = start
            state.level += point[3] * spread
            state.trend += point[4] * spread / Double(seasonLength)
            return (Weights(level: Bounded.value(point[0]), trend: Bounded.value(point[1]), season: Bounded.value(point[2])), state)
        }
        let search = NelderMead(maximumEvaluations: 3_000)
        var best: (point: [Double], value: Double)?
        for (level, trend, season) in [(0.2, 0.05, 0.1), (0.6, 0.1, 0.3)] {
            let from = [Bounded.unbounded(level), Bounded.unbounded(trend), Bounded.unbounded(season), 0, 0]
            let found = search.minimize({ point in
                let (weights, state) = decode(point)
                return run(values, weights: weights, from: state, seasonality: seasonality).squaredError
            }, from: from)
            if best == nil || found.value < best!.value { best = found }
        }
        let (weights, state) = decode(best!.point)
        let smoothed = run(values, weights: weights, from: state, seasonality: seasonality)
        let parameters = 5.0
        let variance = smoothed.scaledSquaredError / max(1, Double(values.count) - parameters)
        return HoltWinters(method: method, seasonality: seasonality,
                           scale: scale ?? (seasonality == .multiplicative ? .relative : .absolute),
                           weights: weights, final: smoothed.final, count: values.count, errorVariance: variance)
    }

    /// Smooths `values` from `initial` (the state before the first observation).
    static func run(_ values: [Double], weights: Weights, from initial: State, seasonality: Seasonality)
        -> (final: State, squaredError: Double, scaledSquaredError: Double) {
        var state = initial
        let seasonLength = initial.season.count
        var squaredError = 0.0, scaledSquaredError = 0.0
        for (index, value) in values.enumerated() {
            let position = index % seasonLength
            let factor = state.season[position]
            let trended = state.level + state.trend
            let forecast = seasonality == .multiplicative ? trended * factor : trended + factor
            let error = value - forecast
            squaredError += error * error
            let scaled = seasonality == .multiplicative ? error / forecast : error
            scaledSquaredError += scaled * scaled
            let previousLevel = state.level
            let deseasonalized = seasonality == .multiplicative ? value / factor : value - factor
            state.level = weights.level * deseasonalized + (1 - weights.level) * trended
            state.trend = weights.trend * (state.level - previousLevel) + (1 - weights.trend) * state.trend
            let observedFactor = seasonality == .multiplicative ? value / state.level : value - state.level
            state.season[position] = weights.season * observedFactor + (1 - weights.season) * factor
        }
        return (state, squaredError, scaledSquaredError)
    }

    /// The state before the first observation, from up to the first three full seasons: the trend from their means,
    /// the season from each step's ratio (or difference) to that trend line, normalized.
    static func initialState(_ values: [Double], seasonLength: Int, seasonality: Seasonality) -> State {
        let seasons = min(3, values.count / seasonLength)
        let means = (0..<seasons).map { season in
            values[(season * seasonLength)..<((season + 1) * seasonLength)].reduce(0, +) / Double(seasonLength)
        }
        let trend = seasons > 1 ? (means[seasons - 1] - means[0]) / Double((seasons - 1) * seasonLength) : 0
        let middle = Double(seasonLength - 1) / 2
        var season = [Double](repeating: 0, count: seasonLength)
        for position in 0..<seasonLength {
            var sum = 0.0
            for cycle in 0..<seasons {
                let line = means[cycle] + trend * (Double(position) - middle)
                let value = values[cycle * seasonLength + position]
                sum += seasonality == .multiplicative ? value / line : value - line
            }
            season[position] = sum / Double(seasons)
        }
        let average = season.reduce(0, +) / Double(seasonLength)
        season = season.map { seasonality == .multiplicative ? $0 / average : $0 - average }
        return State(level: means[0] - trend * (middle + 1), trend: trend, season: season)
    }
}
