import SkyportDomain

/// Explicit features in a prediction request: every feature of the schema, each a number, a code
/// (for `carrier`, `origin`, `destination`) or null for "not known".
public enum FeatureInput: Sendable, Equatable {
    case number(Double)
    case code(String)
    case missing

    /// The feature vector of explicit inputs, or the precise problems with them.
    static func vector(_ inputs: [String: FeatureInput]) throws -> [Float] {
        var issues: [ValidationIssue] = []
        let known = Set(DelayFeature.allCases.map(\.rawValue))
        for name in inputs.keys.sorted() where !known.contains(name) {
            issues.append(.init(code: .unknownFeature, field: "features.\(name)", message: "\(name) is not a feature of \(DelayFeatureSchema.currentVersion)."))
        }
        var vector = [Float](repeating: .nan, count: DelayFeature.allCases.count)
        for feature in DelayFeature.allCases {
            let field = "features.\(feature.rawValue)"
            switch inputs[feature.rawValue] {
            case nil:
                issues.append(.init(code: .missingFeature, field: field, message: "\(feature.rawValue) is needed (null if it is not known)."))
            case .missing?:
                break
            case .number(let value)?:
                if [.carrier, .origin, .destination].contains(feature) {
                    issues.append(.init(code: .wrongType, field: field, message: "\(feature.rawValue) is a code such as \"JFK\" or \"B6\", not a number."))
                } else if !value.isFinite {
                    issues.append(.init(code: .wrongType, field: field, message: "\(feature.rawValue) must be a finite number."))
                } else {
                    vector[feature.index] = Float(value)
                }
            case .code(let code)?:
                if [.carrier, .origin, .destination].contains(feature), let value = CodeEncoding.value(of: code) {
                    vector[feature.index] = Float(value)
                } else if [.carrier, .origin, .destination].contains(feature) {
                    issues.append(.init(code: .invalidCode, field: field, message: "\(code) is not an airline or airport code."))
                } else {
                    issues.append(.init(code: .wrongType, field: field, message: "\(feature.rawValue) must be a number or null."))
                }
            }
        }
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        return vector
    }
}
