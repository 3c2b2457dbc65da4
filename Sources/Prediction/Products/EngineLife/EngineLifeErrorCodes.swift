import SkyportDomain

/// The error codes the engine-life product adds to Prediction's.
extension ServiceError.Code {
    /// A shipped data set file whose SHA-256 is not the published one (or a gzip stream that does not inflate whole).
    public static let dataSetCorrupt = Self("data_set_corrupt")
    /// A data set file that is not where the configuration says.
    public static let dataSetMissing = Self("data_set_missing")
    /// A cycle of sensor history that is out of order, repeated, or has the wrong number of readings.
    public static let invalidCycle = Self("invalid_cycle")
}
