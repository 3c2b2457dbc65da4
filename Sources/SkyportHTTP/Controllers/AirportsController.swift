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

    public func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/v1/airports") { request, _ in
            let query = (request.uri.queryParameters.get("query") ?? "").trimmingCharacters(in: .whitespaces)
            // Counted in code points, as JSON Schema's maxLength counts them (a combining accent is one).
            guard query.unicodeScalars.count <= 60 else {
                throw ServiceError(.invalid, code: .invalidQuery, message: "The query is at most 60 characters.", field: "query")
            }
            let snapshot = try await network.current()
            return JSONResponse(Listing(data: AirportSearch.matches(query, in: snapshot.served).map {
                AirportView(iataCode: $0.code.value, name: $0.name, latitude: $0.latitude, longitude: $0.longitude, timeZone: $0.timeZoneIdentifier)
            }))
        }
    }
}
