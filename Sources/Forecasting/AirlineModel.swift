import Foundation

/// Box and Jenkins's airline model, SARIMA(0,1,1)(0,1,1) with period `m`:
/// `(1 − B)(1 − Bᵐ) yₜ = (1 + θB)(1 + ΘBᵐ) εₜ`.
///
/// The differenced series is a moving average of order `m + 1`; its Gaussian likelihood is computed exactly with
/// the innovations algorithm (Brockwell and Davis, 1991, §5.2), with the variance concentrated out, and maximized over
/// invertible θ and Θ. Forecasts are the exact finite-sample predictors of the differenced series, integrated back;
/// interval variances come from the model's ψ-weights.
struct AirlineModel: FittedForecaster {
    let method: ForecastMethod
    let scale: ErrorScale
    /// The values it was fitted on (on the model's scale).
    let values: [Double]
    let seasonLength: Int
    /// θ, the non-seasonal moving-average coefficient.
    let theta: Double
    /// Θ, the seasonal moving-average coefficient.
    let seasonalTheta: Double
    /// σ², the innovations' variance at the maximum.
    let variance: Double

    /// The coefficients of `(1 + θB)(1 + ΘBᵐ)`, from lag 0 to `m + 1`.
    static func movingAverage(theta: Double, seasonalTheta: Double, seasonLength: Int) -> [Double] {
        var coefficients = [Double](repeating: 0, count: seasonLength + 2)
        coefficients[0] = 1
        coefficients[1] += theta
        coefficients[seasonLength] += seasonalTheta
        coefficients[seasonLength + 1] += theta * seasonalTheta
        return coefficients
    }

    /// `(1 − B)(1 − Bᵐ) yₜ` for every step that has a season and a step before it.
    static func differenced(_ values: [Double], seasonLength: Int) -> [Double] {
        guard values.count > seasonLength + 1 else { return [] }
        return ((seasonLength + 1)..<values.count).map {
            values[$0] - values[$0 - 1] - values[$0 - seasonLength] + values[$0 - seasonLength - 1]
        }
    }

    /// The innovations algorithm for a moving average with unit innovation variance, over `count` steps: the
    /// one-step coefficients `θ[n][j]` (j = 1…q) and the relative one-step variances `r[n]`.
    static func innovations(movingAverage b: [Double], count: Int) -> (coefficients: [[Double]], variances: [Double]) {
        let order = b.count - 1
        let autocovariance = (0...order).map { lag in (0...(order - lag)).reduce(0.0) { $0 + b[$1] * b[$1 + lag] } }
        func gamma(_ lag: Int) -> Double { lag <= order ? autocovariance[lag] : 0 }
        var coefficients = [[Double]](repeating: [Double](repeating: 0, count: order + 1), count: count)
        var variances = [Double](repeating: 0, count: count)
        // The recursion converges to the moving average's own coefficients (an invertible one), so once rows have
        // stopped changing for longer than the seasonal lag (within a season they pause, then move again at the next
        // seasonal step), every later row repeats the last, and long series need not pay q² per step.
        var unchangedRows = 0
        for n in 0..<count {
            if n > 1 {
                let same = abs(variances[n - 1] - variances[n - 2]) < 1e-13
                    && zip(coefficients[n - 1], coefficients[n - 2]).allSatisfy { abs($0 - $1) < 1e-13 }
                unchangedRows = same ? unchangedRows + 1 : 0
            }
            if unchangedRows > order + 1 {
                coefficients[n] = coefficients[n - 1]
                variances[n] = variances[n - 1]
                continue
            }
            let first = max(0, n - order)
            if n > 0 {
                for k in first..<n {
                    var sum = gamma(n - k)
                    for j in first..<k { sum -= coefficients[k][k - j] * coefficients[n][n - j] * variances[j] }
                    coefficients[n][n - k] = sum / variances[k]
                }
            }
            var variance = gamma(0)
            for j in first..<n { variance -= coefficients[n][n - j] * coefficients[n][n - j] * variances[j] }
            variances[n] = max(variance, 1e-12)
        }
        return (coefficients, variances)
    }

    /// One-step predictions of `series` from its past, given the innovations coefficients.
    static func oneStepPredictions(_ series: [Double], coefficients: [[Double]]) -> [Double] {
        let order = coefficients.first.map { $0.count - 1 } ?? 0
        var predictions = [Double](repeating: 0, count: series.count)
        for n in 0..<series.count where n > 0 {
            var sum = 0.0
            for j in 1...min(n, order) { sum += coefficients[n][j] * (series[n - j] - predictions[n - j]) }
            predictions[n] = sum
        }
        return predictions
    }

    /// −2 log-likelihood with σ² concentrated out (constants dropped), and σ² at that point.
    static func profileLikelihood(_ series: [Double], theta: Double, seasonalTheta: Double, seasonLength: Int) -> (deviance: Double, variance: Double) {
        let b = movingAverage(theta: theta, seasonalTheta: seasonalTheta, seasonLength: seasonLength)
        let (coefficients, variances) = innovations(movingAverage: b, count: series.count)
        let predictions = oneStepPredictions(series, coefficients: coefficients)
        var weighted = 0.0, logDeterminant = 0.0
        for n in series.indices {
            let error = series[n] - predictions[n]
            weighted += error * error / variances[n]
            logDeterminant += log(variances[n])
        }
        let count = Double(series.count)
        let variance = weighted / count
        return (count * log(variance) + logDeterminant, variance)
    }

    static func fit(_ values: [Double], seasonLength: Int, method: ForecastMethod, scale: ErrorScale = .absolute) -> AirlineModel {
        let series = differenced(values, seasonLength: seasonLength)
        // tanh keeps both coefficients inside (−1, 1): the invertible region.
        let search = NelderMead(maximumEvaluations: 600, tolerance: 1e-12)
        let found = search.minimize({ point in
            profileLikelihood(series, theta: tanh(point[0]), seasonalTheta: tanh(point[1]), seasonLength: seasonLength).deviance
        }, from: [-0.4, -0.6], step: 0.3)
        let theta = tanh(found.point[0]), seasonalTheta = tanh(found.point[1])
        let variance = profileLikelihood(series, theta: theta, seasonalTheta: seasonalTheta, seasonLength: seasonLength).variance
        return AirlineModel(method: method, scale: scale, values: values, seasonLength: seasonLength, theta: theta,
                            seasonalTheta: seasonalTheta, variance: variance)
    }

    func forecast(horizon: Int, level: Double) -> [ForecastPoint] {
        guard horizon > 0 else { return [] }
        let b = Self.movingAverage(theta: theta, seasonalTheta: seasonalTheta, seasonLength: seasonLength)
        let series = Self.differenced(values, seasonLength: seasonLength)
        let count = series.count
        let (coefficients, _) = Self.innovations(movingAverage: b, count: count + horizon)
        let predictions = Self.oneStepPredictions(series, coefficients: Array(coefficients.prefix(count)))
        let order = b.count - 1
        var extended = values
        for step in 1...horizon {
            // P_n w_{n+h} = Σ_{j=h}^{q} θ_{n+h−1, j} (w_{n+h−j} − ŵ_{n+h−j}): only innovations already seen.
            var differencedForecast = 0.0
            let row = coefficients[count + step - 1]
            if step <= order {
                for j in step...order where count + step - 1 - j >= 0 {
                    let index = count + step - 1 - j
                    differencedForecast += row[j] * (series[index] - predictions[index])
                }
            }
            let t = extended.count
            extended.append(differencedForecast + extended[t - 1] + extended[t - seasonLength] - extended[t - seasonLength - 1])
        }
        // ψ-weights of (1 + θB)(1 + ΘBᵐ) / ((1 − B)(1 − Bᵐ)).
        var psi = [Double](repeating: 0, count: horizon)
        for j in 0..<horizon {
            var value = j < b.count ? b[j] : 0
            if j >= 1 { value += psi[j - 1] }
            if j >= seasonLength { value += psi[j - seasonLength] }
            if j >= seasonLength + 1 { value -= psi[j - seasonLength - 1] }
            psi[j] = value
        }
        var cumulative = 0.0
        let deviations = psi.map { weight -> Double in
            cumulative += weight * weight
            return sqrt(variance * cumulative)
        }
        return scale.points(means: Array(extended.suffix(horizon)), deviations: deviations, level: level)
    }
}
