/// Splitting a ticket's fare over its coupons.
public enum Proration {
    /// `total` split over coupons in proportion to their great-circle distances (straight-rate proration by mileage), in
    /// whole minor units that add up to `total` exactly: each coupon gets its share rounded down, and the units left
    /// go one each to the coupons with the largest remainders (the earliest first on a tie). Coupons all of zero
    /// distance share equally.
    public static func byDistance(_ total: Int64, distances: [Int]) -> [Int64] {
        guard !distances.isEmpty else { return [] }
        let weights = distances.contains(where: { $0 > 0 }) ? distances.map { Int64(max(0, $0)) } : distances.map { _ in Int64(1) }
        let sum = weights.reduce(0, +)
        let magnitude = total.magnitude
        var shares = weights.map { Int64(truncatingIfNeeded: (magnitude * UInt64($0)) / UInt64(sum)) }
        let remainders = weights.map { (magnitude * UInt64($0)) % UInt64(sum) }
        var left = Int64(magnitude) - shares.reduce(0, +)
        for index in remainders.indices.sorted(by: { remainders[$0] > remainders[$1] || (remainders[$0] == remainders[$1] && $0 < $1) }) where left > 0 {
            shares[index] += 1
            left -= 1
        }
        return total < 0 ? shares.map { -$0 } : shares
    }
}
