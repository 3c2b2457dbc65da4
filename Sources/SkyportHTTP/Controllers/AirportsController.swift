import Booking
import Foundation
import Prometheus
import Hummingbird
import SkyportDomain

/// `GET /v1/airports?query=`: airport suggestions for search forms, served airports only.
public struct AirportsController: Sendable {
    let network: NetworkDirectory

    public init(network: NetworkDirectory) {
        self.network = network
    }

    struct AirportView: Encodable, Sendable {
        let iataCode: String
        let name: String
        let latitude: Double
        let longitude: Double
        let timeZone: String
    }

    struct Listing: Encodable, Sendable {
        let data: [AirportView]
    }

    public func register(on router: Router<AppRequestContext>) {
        router.get("/v1/airports") { request, _ in
            let query = (request.uri.queryParameters.get("query") ?? "").trimmingCharacters(in: .whitespaces)
            guard query.count <= 60 else {
                throw ServiceError(.invalid, code: "invalid_query", message: "The query is at most 60 characters.", field: "query")
            }
            let snapshot = try await network.current()
            return JSONResponse(Listing(data: AirportSearch.matches(query, in: snapshot.served).map {
                AirportView(iataCode: $0.code.value, name: $0.name, latitude: $0.latitude, longitude: $0.longitude, timeZone: $0.timeZoneIdentifier)
            }))
        }
    }
}

/// Ranks airports for a typed query: exact code, then code prefix, then name word prefix, then name substring.
enum AirportSearch {
    static func matches(_ query: String, in airports: [Airport], limit: Int = 10) -> [Airport] {
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
