import Booking
import Foundation
import SkyportDomain

/// Turns bookings of departed flights into the histories the pickup method learns from: per flight and cabin,
/// cumulative seats per class on each reading day (orders cancelled by then left out).
enum PickupHistory {
    /// A market and cabin: whose history a flight learns from.
    struct Key: Hashable {
        let origin: String
        let destination: String
        let cabin: String
    }

    /// The histories by market and cabin, from `bookings` of flights that have departed.
    static func histories(from bookings: [InventoryControls.Booking]) -> [Key: [BookingHistory]] {
        var byFlight: [String: [InventoryControls.Booking]] = [:]
        for booking in bookings { byFlight[booking.flightID + "/" + booking.cabin, default: []].append(booking) }
        var histories: [Key: [BookingHistory]] = [:]
        for flightBookings in byFlight.values {
            let first = flightBookings[0]
            guard let cabin = Cabin(rawValue: first.cabin) else { continue }
            let ladder = FareLadder.classes(in: cabin).map(\.code)
            let readings = PickupForecaster.readingDays.map { day -> [Int] in
                let moment = first.departsAt - Int64(day * 86_400)
                var seats = [Int](repeating: 0, count: ladder.count)
                for booking in flightBookings where booking.bookedAt <= moment && (booking.cancelledAt.map { $0 > moment } ?? true) {
                    if let index = ladder.firstIndex(of: booking.classCode) { seats[index] += booking.seats }
                }
                return seats
            }
            histories[Key(origin: first.origin, destination: first.destination, cabin: first.cabin), default: []]
                .append(BookingHistory(weekday: weekday(of: first.departsAt), bookings: readings))
        }
        return histories
    }

    /// The ISO weekday (1 Monday … 7 Sunday) of an instant, in UTC.
    static func weekday(of instant: Int64) -> Int {
        LocalDate(daysSinceEpoch: Int((instant - (instant % 86_400 + 86_400) % 86_400) / 86_400)).isoWeekday
    }
}
