import Foundation

/// The distribution of each feature in a reference sample (the training data), in deciles, so that
/// later scoring can be compared with it by the population stability index.
public struct FeatureProfile: Codable, Sendable, Equatable {
    public struct Column: Codable, Sendable, Equatable {
        public let feature: String
        /// Interior bin edges, ascending; a value `v` falls in the first bin whose edge is above it.
        public let edges: [Float]
        /// Shares of the reference in each bin, then the share missing (last).
        public let shares: [Double]
    }

    public let columns: [Column]

    public init(columns: [Column]) {
        self.columns = columns
    }

    /// Profiles row-major `values` of `features.count` columns.
    public init(values: [Float], features: [String]) {
        let width = features.count
        let rows = width == 0 ? 0 : values.count / width
        columns = features.enumerated().map { column, name in
            let present = (0..<rows).map { values[$0 * width + column] }.filter { !$0.isNaN }.sorted()
            var edges: [Float] = []
            if !present.isEmpty {
                for decile in 1..<10 {
                    let edge = present[min(present.count - 1, present.count * decile / 10)]
                    if edges.last.map({ edge > $0 }) ?? true { edges.append(edge) }
                }
            }
            let counts = Self.count((0..<rows).map { values[$0 * width + column] }, edges: edges)
            return Column(feature: name, edges: edges, shares: counts.map { rows == 0 ? 0 : Double($0) / Double(rows) })
        }
    }

    /// Counts per bin (then missing) of `values` against `edges`.
    static func count(_ values: [Float], edges: [Float]) -> [Int] {
        var counts = [Int](repeating: 0, count: edges.count + 2)
        for value in values {
            if value.isNaN { counts[edges.count + 1] += 1; continue }
            counts[edges.partitionIndex { $0 <= value }] += 1
        }
        return counts
    }

    /// Population stability index of each feature of `rows` (row-major, same column order) against the reference.
    /// Under 0.1 is stable, 0.1-0.25 a moderate shift, above 0.25 a major one.
    public func stability(of values: [Float]) -> [(feature: String, psi: Double)] {
        let width = columns.count
        let rows = width == 0 ? 0 : values.count / width
        guard rows > 0 else { return [] }
        return columns.enumerated().map { index, column in
            let counts = Self.count((0..<rows).map { values[$0 * width + index] }, edges: column.edges)
            let floor = 1e-4
            var psi = 0.0
            for (expected, observedCount) in zip(column.shares, counts) {
                let e = max(expected, floor), a = max(Double(observedCount) / Double(rows), floor)
                psi += (a - e) * log(a / e)
            }
            return (column.feature, psi)
        }
    }
}
