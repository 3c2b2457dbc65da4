import Accounts
import Booking
import Foundation
import Hummingbird
import SkyportDomain
import SkyportHTTP

/// An iCalendar (RFC 5545) file with one event per flight of an order, in UTC.
enum CalendarFile {
    static func ics(for order: OrderView, now: Date) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Skyport//Booking//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
        let stamp = basic(APITime.utc(now))
        for (index, segment) in order.slices.flatMap(\.segments).enumerated() {
            lines += [
                "BEGIN:VEVENT",
                "UID:\(order.id)-\(index)@skyport",
                "DTSTAMP:\(stamp)",
                "DTSTART:\(basic(segment.departingAt))",
                "DTEND:\(basic(segment.arrivingAt))",
                "SUMMARY:\(escape("\(segment.flightNumber) \(segment.origin)-\(segment.destination)"))",
                "LOCATION:\(escape(segment.origin))",
                "DESCRIPTION:\(escape("\(segment.marketingCarrierName) \(segment.flightNumber). Booking reference \(order.bookingReference)."))",
                order.status == .cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED",
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// `2026-12-08T13:00:00Z` -> `20261208T130000Z`.
    private static func basic(_ utc: String) -> String {
        utc.filter { $0 != "-" && $0 != ":" }
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\n", with: "\\n")
    }
}
