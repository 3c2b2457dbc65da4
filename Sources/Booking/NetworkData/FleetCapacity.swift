import SkyportDomain

/// The aircraft behind a flight: its seats and model, and where that figure came from.
public struct AircraftAssignment: Sendable, Hashable {
    public let seats: Int
    public let model: String?
    /// `tail` (the registered aircraft), `route` (median of the carrier's aircraft on the route),
    /// `carrier` (median of the carrier's aircraft) or `default` (150 seats).
    public let source: String
}

/// Seat counts per flight from the aircraft registry, with documented fallbacks where the tail
/// number is missing or not registered (2013's AA and MQ tails mostly are not).
public struct FleetCapacity: Sendable {
    public struct Aircraft: Sendable {
        public let seats: Int
        public let model: String?
        public init(seats: Int, model: String?) {
            self.seats = seats
            self.model = model
        }
    }

    public static let defaultSeats = 150
    private let byTail: [String: Aircraft]
    private let byRoute: [String: AircraftAssignment]
    private let byCarrier: [String: AircraftAssignment]

    /// Builds the fallbacks from every pattern flight whose tail is registered with credible seats.
    public init(aircraft: [String: Aircraft], patterns: [PatternFlight]) {
        let credible = aircraft.filter { $0.value.seats >= CabinLayout.minimumCredibleSeats }
        byTail = credible
        var routeSamples: [String: [Aircraft]] = [:], carrierSamples: [String: [Aircraft]] = [:]
        for pattern in patterns {
            guard let tail = pattern.tailNumber, let plane = credible[tail] else { continue }
            routeSamples[Self.routeKey(pattern), default: []].append(plane)
            carrierSamples[pattern.carrier, default: []].append(plane)
        }
        byRoute = routeSamples.mapValues { Self.typical($0, source: "route") }
        byCarrier = carrierSamples.mapValues { Self.typical($0, source: "carrier") }
    }

    public func assignment(for pattern: PatternFlight) -> AircraftAssignment {
        if let tail = pattern.tailNumber, let plane = byTail[tail] {
            return AircraftAssignment(seats: plane.seats, model: plane.model, source: "tail")
        }
        return byRoute[Self.routeKey(pattern)] ?? byCarrier[pattern.carrier]
            ?? AircraftAssignment(seats: Self.defaultSeats, model: nil, source: "default")
    }

    private static func routeKey(_ pattern: PatternFlight) -> String {
        "\(pattern.carrier)-\(pattern.origin)-\(pattern.destination)"
    }

    /// The median seat count, and the most frequent model among aircraft of that size.
    private static func typical(_ samples: [Aircraft], source: String) -> AircraftAssignment {
        let seats = samples.map(\.seats).sorted()[samples.count / 2]
        var counts: [String: Int] = [:]
        for sample in samples where sample.seats == seats { if let model = sample.model { counts[model, default: 0] += 1 } }
        let model = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        return AircraftAssignment(seats: seats, model: model, source: source)
    }
}
