import SkyportDomain

/// Ranks airports for a typed query: exact code, then code prefix, then name word prefix, then name substring.
public enum AirportSearch {
    public static func matches(_ query: String, in airports: [Airport], limit: Int = 10) -> [Airport] {
        let needle = query.lowercased()
        guard !needle.isEmpty else { return Array(airports.prefix(limit)) }
        func rank(_ airport: Airport) -> Int? {
            let code = airport.code.value.lowercased(), name = airport.name.lowercased()
            if code == needle { return 0 }
            if code.hasPrefix(needle) { return 1 }
            if name.split(separator: " ").contains(where: { $0.hasPrefix(needle) }) { return 2 }
            if name.contains(needle) { return 3 }
            return nil
        }
        return airports.compactMap { airport in rank(airport).map { ($0, airport) } }
            .sorted { ($0.0, $0.1.code) < ($1.0, $1.1.code) }
            .prefix(limit).map(\.1)
    }
}
