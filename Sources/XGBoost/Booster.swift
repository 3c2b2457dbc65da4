import CXGBoost
import Foundation

/// A gradient-boosted tree model: trained round by round, or loaded from a saved model.
///
/// Predictions may run concurrently (XGBoost's tree prediction is thread-safe); training, setting
/// parameters and loading take the booster alone. Every buffer XGBoost returns is copied out before
/// the lock is released, because the next call on the booster overwrites it.
public final class Booster: @unchecked Sendable {
    private let handle: BoosterHandle
    private let lock = ReadWriteLock()

    /// What a prediction returns.
    public enum PredictionKind: Int, Sendable {
        /// The transformed value (a probability for `binary:logistic`).
        case value = 0
        /// The raw margin before the objective's transformation.
        case margin = 1
        /// SHAP contributions: per row, one value per feature and the bias last (in margin units).
        case contributions = 2
    }

    /// Serialization formats of a saved model.
    public enum Format: String, Sendable {
        case json
        case ubj
    }

    /// A booster ready to train on `matrices` (the training matrix first; the others are cached for evaluation).
    public init(trainingOn matrices: [DMatrix], parameters: [(String, String)] = []) throws {
        handle = try Self.create(matrices)
        for (name, value) in parameters { try setParameter(name, value) }
    }

    /// A booster loaded from a model saved as JSON or UBJSON (XGBoost detects which).
    public init(model: Data) throws {
        handle = try Self.create([])
        guard !model.isEmpty else { throw XGBoostError(function: "XGBoosterLoadModelFromBuffer", message: "the model is empty") }
        try model.withUnsafeBytes { bytes in
            try XGBoostError.check(XGBoosterLoadModelFromBuffer(handle, bytes.baseAddress, bst_ulong(bytes.count)),
                                   "XGBoosterLoadModelFromBuffer")
        }
    }

    private init(handle: BoosterHandle) {
        self.handle = handle
    }

    private static func create(_ matrices: [DMatrix]) throws -> BoosterHandle {
        var handles: [DMatrixHandle?] = matrices.map { $0.handle }
        var created: BoosterHandle?
        try handles.withUnsafeMutableBufferPointer { buffer in
            try XGBoostError.check(XGBoosterCreate(buffer.baseAddress, bst_ulong(matrices.count), &created), "XGBoosterCreate")
        }
        guard let created else { throw XGBoostError(function: "XGBoosterCreate", message: "no booster returned") }
        return created
    }

    deinit { XGBoosterFree(handle) }

    /// Sets one training parameter. XGBoost checks some values only when training starts.
    public func setParameter(_ name: String, _ value: String) throws {
        try lock.writing {
            try XGBoostError.check(XGBoosterSetParam(handle, name, value), "XGBoosterSetParam(\(name))")
        }
    }

    /// Adds one boosting round trained on `matrix`.
    public func update(iteration: Int, training matrix: DMatrix) throws {
        try lock.writing {
            try XGBoostError.check(XGBoosterUpdateOneIter(handle, Int32(iteration), matrix.handle), "XGBoosterUpdateOneIter")
        }
    }

    /// Evaluates the configured metrics on named matrices after `iteration`:
    /// `["valid-auc": 0.74, ...]`, keyed `<set name>-<metric>`.
    public func evaluate(iteration: Int, on sets: [(name: String, matrix: DMatrix)]) throws -> [String: Double] {
        let text: String = try lock.writing {
            var handles: [DMatrixHandle?] = sets.map { $0.matrix.handle }
            var output: UnsafePointer<CChar>?
            try withCStrings(sets.map(\.name)) { names in
                try handles.withUnsafeMutableBufferPointer { buffer in
                    try XGBoostError.check(XGBoosterEvalOneIter(handle, Int32(iteration), buffer.baseAddress, names,
                                                                bst_ulong(sets.count), &output), "XGBoosterEvalOneIter")
                }
            }
            return output.map { String(cString: $0) } ?? ""
        }
        // "[3]\ttrain-auc:0.81\tvalid-auc:0.74"
        var scores: [String: Double] = [:]
        for field in text.split(separator: "\t").dropFirst() {
            guard let colon = field.lastIndex(of: ":"), let value = Double(field[field.index(after: colon)...]) else { continue }
            scores[String(field[..<colon])] = value
        }
        return scores
    }

    /// Predicts every row of `matrix`, using trees `0..<rounds` (all when nil). Returns the values row by row:
    /// one per row, or `columns + 1` per row for `.contributions`.
    public func predict(_ matrix: DMatrix, kind: PredictionKind = .value, rounds: Int? = nil) throws -> [Float] {
        let config = #"{"type":\#(kind.rawValue),"training":false,"iteration_begin":0,"iteration_end":\#(rounds ?? 0),"strict_shape":false}"#
        return try lock.reading {
            var shape: UnsafePointer<bst_ulong>?
            var dimension: bst_ulong = 0
            var result: UnsafePointer<Float>?
            try XGBoostError.check(XGBoosterPredictFromDMatrix(handle, matrix.handle, config, &shape, &dimension, &result),
                                   "XGBoosterPredictFromDMatrix")
            guard let shape, let result else { return [] }
            let count = (0..<Int(dimension)).reduce(1) { $0 * Int(shape[$1]) }
            return Array(UnsafeBufferPointer(start: result, count: count))
        }
    }

    /// The model in `format`, for the registry or a file.
    public func save(format: Format = .ubj) throws -> Data {
        try lock.writing {
            var length: bst_ulong = 0
            var bytes: UnsafePointer<CChar>?
            try XGBoostError.check(XGBoosterSaveModelToBuffer(handle, #"{"format":"\#(format.rawValue)"}"#, &length, &bytes),
                                   "XGBoosterSaveModelToBuffer")
            guard let bytes else { return Data() }
            return Data(bytes: bytes, count: Int(length))
        }
    }

    /// A new booster with the trees of rounds `0..<rounds` only (the best iteration of early stopping).
    public func sliced(rounds: Int) throws -> Booster {
        try lock.writing {
            var created: BoosterHandle?
            try XGBoostError.check(XGBoosterSlice(handle, 0, Int32(rounds), 1, &created), "XGBoosterSlice")
            guard let created else { throw XGBoostError(function: "XGBoosterSlice", message: "no booster returned") }
            return Booster(handle: created)
        }
    }

    /// Boosting rounds in the model.
    public var rounds: Int {
        get throws {
            try lock.reading {
                var count: Int32 = 0
                try XGBoostError.check(XGBoosterBoostedRounds(handle, &count), "XGBoosterBoostedRounds")
                return Int(count)
            }
        }
    }

    /// Number of features the model was trained on.
    public var featureCount: Int {
        get throws {
            try lock.reading {
                var count: bst_ulong = 0
                try XGBoostError.check(XGBoosterGetNumFeature(handle, &count), "XGBoosterGetNumFeature")
                return Int(count)
            }
        }
    }

    /// The feature names stored in the model (empty when it was trained without names).
    public var featureNames: [String] {
        get throws {
            try lock.writing {
                var count: bst_ulong = 0
                var names: UnsafeMutablePointer<UnsafePointer<CChar>?>?
                try XGBoostError.check(XGBoosterGetStrFeatureInfo(handle, "feature_name", &count, &names), "XGBoosterGetStrFeatureInfo")
                guard let names else { return [] }
                return (0..<Int(count)).map { names[$0].map { String(cString: $0) } ?? "" }
            }
        }
    }

    /// Stores feature names in the model, so that a loaded model can be checked against a feature schema.
    /// (The C API does not copy them from the training matrix.)
    public func setFeatureNames(_ names: [String]) throws {
        try lock.writing {
            try withCStrings(names) { pointers in
                try XGBoostError.check(XGBoosterSetStrFeatureInfo(handle, "feature_name", pointers, bst_ulong(names.count)),
                                       "XGBoosterSetStrFeatureInfo")
            }
        }
    }

    /// A string attribute stored in the model (saved with it), or nil.
    public func attribute(_ key: String) throws -> String? {
        try lock.writing {
            var value: UnsafePointer<CChar>?
            var found: Int32 = 0
            try XGBoostError.check(XGBoosterGetAttr(handle, key, &value, &found), "XGBoosterGetAttr")
            return found == 1 ? value.map { String(cString: $0) } : nil
        }
    }

    /// Stores a string attribute in the model.
    public func setAttribute(_ key: String, _ value: String) throws {
        try lock.writing {
            try XGBoostError.check(XGBoosterSetAttr(handle, key, value), "XGBoosterSetAttr")
        }
    }
}
