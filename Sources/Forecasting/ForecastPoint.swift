import Foundation

/// One step of a forecast: the point forecast and its prediction interval.
public struct ForecastPoint: Sendable, Equatable, Codable {
    public let value: Double
    public let lower: Double
    public let upper: Double

    public init(value: Double, lower: Double, upper: Double) {
        self.value = value
        self.lower = lower
        self.upper = upper
    }
}

/// A fitted forecaster: it forecasts the steps after the data it was fitted on.
public protocol FittedForecaster: Sendable {
    var method: ForecastMethod { get }
    /// Point forecasts and `level` prediction intervals (0.8, 0.95) for the next `horizon` steps.
    func forecast(horizon: Int, level: Double) -> [ForecastPoint]
}

/// How a model's forecast errors spread, on the scale it was fitted on.
enum ErrorScale {
    /// Errors in the series' own units.
    case absolute
    /// Errors as a share of the forecast (multiplicative seasonality).
    case relative
    /// The model was fitted on the logarithm of the series: means and errors are on that scale.
    case logarithm

    /// Points from means and standard deviations on this scale, with intervals at `level`.
    func points(means: [Double], deviations: [Double], level: Double) -> [ForecastPoint] {
        let z = NormalDistribution.quantile(0.5 + level / 2)
        return zip(means, deviations).map { mean, deviation in
            switch self {
            case .absolute: ForecastPoint(value: mean, lower: mean - z * deviation, upper: mean + z * deviation)
            case .relative: ForecastPoint(value: mean, lower: mean * (1 - z * deviation), upper: mean * (1 + z * deviation))
            case .logarithm: ForecastPoint(value: exp(mean), lower: exp(mean - z * deviation), upper: exp(mean + z * deviation))
            }
        }
    }
}

/// The standard normal distribution's quantiles (Acklam's rational approximation, relative error below 1.2e-9).
public enum NormalDistribution {
    /// The value below which a standard normal variable falls with probability `p` (0 < p < 1).
    public static func quantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "a probability strictly between 0 and 1")
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        if p < low {
            let q = sqrt(-2 * log(p))
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        if p > 1 - low { return -quantile(1 - p) }
        let q = p - 0.5, r = q * q
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }
}
