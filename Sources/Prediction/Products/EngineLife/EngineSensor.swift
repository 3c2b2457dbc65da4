/// The C-MAPSS sensors that move as an FD001 engine wears (the other seven hold still at one operating condition),
/// with the position of each in a cycle's 21 readings and its name as a maintenance planner reads it.
public enum EngineSensor: String, CaseIterable, Sendable {
    case t24, t30, t50, p30, nf, nc, ps30, phi, nrf, nrc, bpr, htBleed = "ht_bleed", w31, w32

    /// Zero-based position among the 21 sensor readings.
    public var position: Int {
        switch self {
        case .t24: 1
        case .t30: 2
        case .t50: 3
        case .p30: 6
        case .nf: 7
        case .nc: 8
        case .ps30: 10
        case .phi: 11
        case .nrf: 12
        case .nrc: 13
        case .bpr: 14
        case .htBleed: 16
        case .w31: 19
        case .w32: 20
        }
    }

    /// Its name in words.
    public var title: String {
        switch self {
        case .t24: "LPC outlet temperature"
        case .t30: "HPC outlet temperature"
        case .t50: "LPT outlet temperature"
        case .p30: "HPC outlet pressure"
        case .nf: "fan speed"
        case .nc: "core speed"
        case .ps30: "HPC outlet static pressure"
        case .phi: "fuel flow to static pressure ratio"
        case .nrf: "corrected fan speed"
        case .nrc: "corrected core speed"
        case .bpr: "bypass ratio"
        case .htBleed: "bleed enthalpy"
        case .w31: "HPT coolant bleed"
        case .w32: "LPT coolant bleed"
        }
    }
}

/// A feature of the engine-life model: the cycles run, or one statistic of one sensor over the latest cycles.
public struct EngineFeature: Hashable, Sendable {
    /// What is measured of a sensor, over the cycles up to the one predicted from.
    public enum Statistic: String, CaseIterable, Sendable {
        /// Mean of the last 5 cycles (the level, with the noise averaged out).
        case mean5 = "mean_5"
        /// That level minus the mean of the engine's first 10 cycles: how far it has moved since it was new to the data.
        case changeSinceStart = "change_since_start"
        /// Least-squares slope per cycle over the last 10 cycles, and over the last 30.
        case slope10 = "slope_10"
        case slope30 = "slope_30"
    }

    public let sensor: EngineSensor?
    public let statistic: Statistic?

    /// The number of cycles the engine has run.
    public static let cyclesRun = EngineFeature(sensor: nil, statistic: nil)

    public var name: String { sensor.map { "\($0.rawValue)_\(statistic?.rawValue ?? "")" } ?? "cycles_run" }

    /// Every feature, in the order the model reads them.
    public static let all: [EngineFeature] = [cyclesRun] + EngineSensor.allCases.flatMap { sensor in
        Statistic.allCases.map { EngineFeature(sensor: sensor, statistic: $0) }
    }
}

/// The engine-life model's feature schema.
public enum EngineFeatureSchema {
    public static let currentVersion = "engine-life-features/1"
    public static let current = FeatureSchema(version: currentVersion, features: EngineFeature.all.map(\.name))
}
