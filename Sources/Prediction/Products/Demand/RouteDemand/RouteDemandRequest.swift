import SkyportDomain

/// A route-demand request as sent: every field optional, so that a missing one is named in the error.
struct RouteDemandRequest: Decodable, Sendable {
    let origin: String?
    let destination: String?
    let days: Int?
    let level: Double?
    let model: String?

    /// The route, as two three-letter airport codes.
    func route() throws -> (origin: String, destination: String) {
        guard let origin = Self.airport(origin) else {
            throw ServiceError(.invalid, code: .invalidAirport, message: "origin is an airport's three-letter code.", field: "origin")
        }
        guard let destination = Self.airport(destination) else {
            throw ServiceError(.invalid, code: .invalidAirport, message: "destination is an airport's three-letter code.", field: "destination")
        }
        return (origin, destination)
    }

    /// The origin to filter by, if one was sent.
    func validOrigin() throws -> String? {
        guard let origin else { return nil }
        guard let code = Self.airport(origin) else {
            throw ServiceError(.invalid, code: .invalidAirport, message: "origin is an airport's three-letter code.", field: "origin")
        }
        return code
    }

    func validDays(default value: Int, maximum: Int) throws -> Int {
        let days = days ?? value
        guard (1...maximum).contains(days) else {
            throw ServiceError(.invalid, code: .invalidDays, message: "days is 1 to \(maximum).", field: "days")
        }
        return days
    }

    func validLevel() throws -> Double {
        let level = level ?? 0.95
        guard level >= 0.5, level <= 0.99 else {
            throw ServiceError(.invalid, code: .invalidLevel, message: "level is an interval's coverage from 0.5 to 0.99.", field: "level")
        }
        return level
    }

    static func airport(_ text: String?) -> String? {
        text.flatMap(AirportCode.init)?.value
    }
}
