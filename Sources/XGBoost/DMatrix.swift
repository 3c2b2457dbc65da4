import CXGBoost
import Foundation

/// A dense matrix of features in XGBoost's memory, with optional labels and weights.
///
/// XGBoost copies the values at creation, so the Swift arrays may be released afterwards.
/// `NaN` marks a missing value. A matrix is immutable once built and may be shared.
public final class DMatrix: @unchecked Sendable {
    let handle: DMatrixHandle
    /// Number of rows (examples).
    public let rows: Int
    /// Number of columns (features).
    public let columns: Int

    /// Builds a matrix from row-major `values` (`rows * columns` of them).
    public init(values: [Float], rows: Int, columns: Int, labels: [Float]? = nil, weights: [Float]? = nil,
                featureNames: [String]? = nil) throws {
        guard rows > 0, columns > 0, values.count == rows * columns else {
            throw XGBoostError(function: "XGDMatrixCreateFromMat",
                               message: "expected \(rows) x \(columns) values, got \(values.count)")
        }
        var created: DMatrixHandle?
        try values.withUnsafeBufferPointer { buffer in
            try XGBoostError.check(XGDMatrixCreateFromMat(buffer.baseAddress, bst_ulong(rows), bst_ulong(columns), .nan, &created),
                                   "XGDMatrixCreateFromMat")
        }
        guard let created else { throw XGBoostError(function: "XGDMatrixCreateFromMat", message: "no matrix returned") }
        handle = created
        self.rows = rows
        self.columns = columns
        if let labels { try setFloatInfo("label", labels) }
        if let weights { try setFloatInfo("weight", weights) }
        if let featureNames {
            guard featureNames.count == columns else {
                throw XGBoostError(function: "XGDMatrixSetStrFeatureInfo", message: "\(featureNames.count) names for \(columns) columns")
            }
            try withCStrings(featureNames) { pointers in
                try XGBoostError.check(XGDMatrixSetStrFeatureInfo(handle, "feature_name", pointers, bst_ulong(columns)),
                                       "XGDMatrixSetStrFeatureInfo")
            }
        }
    }

    deinit { XGDMatrixFree(handle) }

    private func setFloatInfo(_ field: String, _ values: [Float]) throws {
        guard values.count == rows else {
            throw XGBoostError(function: "XGDMatrixSetFloatInfo", message: "\(values.count) \(field)s for \(rows) rows")
        }
        try values.withUnsafeBufferPointer { buffer in
            try XGBoostError.check(XGDMatrixSetFloatInfo(handle, field, buffer.baseAddress, bst_ulong(rows)), "XGDMatrixSetFloatInfo")
        }
    }
}

/// Calls `body` with a C array of C strings that live for the duration of the call.
func withCStrings<T>(_ strings: [String], _ body: (UnsafeMutablePointer<UnsafePointer<CChar>?>) throws -> T) rethrows -> T {
    let owned = strings.map { strdup($0) }
    defer { owned.forEach { free($0) } }
    var pointers = owned.map { UnsafePointer<CChar>($0) }
    return try pointers.withUnsafeMutableBufferPointer { try body($0.baseAddress!) }
}
