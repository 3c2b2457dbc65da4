import Foundation
import Prediction
import XGBoost

/// A tiny real booster over the current delay feature schema, for registry and import tests.
public enum TinyDelayModel {
    /// The model saved as UBJSON; `names: false` leaves the feature names out, `columns` changes the width.
    public static func bytes(seed: Int = 1, columns: Int = DelayFeature.allCases.count, names: Bool = true) throws -> Data {
        var values: [Float] = [], labels: [Float] = []
        for row in 0..<200 {
            for column in 0..<columns { values.append(Float((row * 31 + column * 7 + seed) % 50)) }
            labels.append(row % 3 == 0 ? 1 : 0)
        }
        let featureNames = columns == DelayFeature.allCases.count ? DelayFeature.allCases.map(\.rawValue) : (0..<columns).map { "f\($0)" }
        let matrix = try DMatrix(values: values, rows: 200, columns: columns, labels: labels)
        let booster = try Booster(trainingOn: [matrix], parameters: [("objective", "binary:logistic"), ("max_depth", "2"), ("seed", "1")])
        for round in 0..<3 { try booster.update(iteration: round, training: matrix) }
        if names { try booster.setFeatureNames(featureNames) }
        return try booster.save(format: .ubj)
    }
}
