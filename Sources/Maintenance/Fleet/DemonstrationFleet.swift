/// Where NASA's 100 FD001 test engines are mounted in Skyport's fleet, for demonstration: the engines are simulated,
/// the aircraft are the 2013 registry's. Two engines to an aircraft (positions 1 and 2), on the aircraft that fly the
/// most scheduled flights (ties by tail number), so that the same schedule always gives the same mapping.
public enum DemonstrationFleet {
    /// The source recorded with the imported engines.
    public static let source = "cmapss-fd001-test (demonstration mapping)"

    /// The engine's id in the fleet.
    public static func engineID(unit: Int) -> String { "FD001-\(unit)" }

    /// Each test engine's aircraft and position, from the tails ranked by scheduled flights; nil when there are fewer
    /// than half as many tails as engines.
    public static func mapping(units: [Int], rankedTails: [String]) -> [(unit: Int, tail: String, position: Int)]? {
        let sorted = units.sorted()
        guard rankedTails.count * 2 >= sorted.count else { return nil }
        return sorted.enumerated().map { index, unit in (unit, rankedTails[index / 2], index % 2 + 1) }
    }
}
