import Foundation
import SkyportDomain

/// One scheduled 2013 departure from New York, as a pattern for the future schedule.
public struct PatternFlight: Sendable, Hashable {
    /// The 2013 date, local at the origin.
    public let date: LocalDate
    public let carrier: String
    public let flightNumber: Int
    public let origin: String
    public let destination: String
    /// Scheduled departure, minutes after local midnight at the origin.
    public let departureMinutes: Int
    /// Scheduled gate-to-gate time.
    public let blockMinutes: Int
    public let tailNumber: String?
    public let distanceMiles: Int

    public init(date: LocalDate, carrier: String, flightNumber: Int, origin: String, destination: String,
                departureMinutes: Int, blockMinutes: Int, tailNumber: String?, distanceMiles: Int) {
        self.date = date
        self.carrier = carrier
        self.flightNumber = flightNumber
        self.origin = origin
        self.destination = destination
        self.departureMinutes = departureMinutes
        self.blockMinutes = blockMinutes
        self.tailNumber = tailNumber
        self.distanceMiles = distanceMiles
    }

    /// Gate-to-gate minutes from the published local times at both ends (which keeps DST right);
    /// when those are implausible, the air time plus 30 minutes of taxi, or distance at 450 mph plus 30.
    public static func blockMinutes(date: LocalDate, departureHHMM: Int, arrivalHHMM: Int, origin: WallClock,
                                    destination: WallClock, airTime: Int?, distanceMiles: Int) -> Int {
        if let dep = ScheduleProjection.minutes(fromHHMM: departureHHMM), let arr = ScheduleProjection.minutes(fromHHMM: arrivalHHMM) {
            let departs = origin.instant(on: date, minutesAfterMidnight: dep)
            var arrives = destination.instant(on: date, minutesAfterMidnight: arr)
            if arrives <= departs { arrives = destination.instant(on: date.adding(days: 1), minutesAfterMidnight: arr) }
            let minutes = Int(arrives.timeIntervalSince(departs) / 60)
            if (20...(20 * 60)).contains(minutes) { return minutes }
        }
        if let airTime, airTime > 0 { return airTime + 30 }
        return distanceMiles * 60 / 450 + 30
    }
}
