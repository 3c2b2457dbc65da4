import Accounts
import Booking
import Foundation
import Hummingbird
import SkyportDomain
import SkyportHTTP

/// A fare's refund and change rules as short sentences in the visit's language.
enum Conditions {
    /// The rules of a stored brand name (an unknown one reads as the strictest, Basic).
    static func lines(brand: String, currency: CurrencyCode, visit: Visit) -> [String] {
        lines((FareBrand(rawValue: brand) ?? .basic).conditions(currency: currency), visit: visit)
    }

    static func lines(_ conditions: FareConditions, visit: Visit) -> [String] {
        let t = visit.strings, format = visit.format
        var lines: [String] = []
        if !conditions.refundable {
            lines.append(t["cond.no_refund"])
        } else if let fee = conditions.cancellationPenalty, fee.minorUnits > 0 {
            lines.append(t.format("cond.refund_fee", ["amount": format.money(fee)]))
        } else {
            lines.append(t["cond.refund_free"])
        }
        if !conditions.changeable {
            lines.append(t["cond.no_change"])
        } else if let fee = conditions.changeFee, fee.minorUnits > 0 {
            lines.append(t.format("cond.change_fee", ["amount": format.money(fee)]))
        } else {
            lines.append(t["cond.change_free"])
        }
        return lines
    }
}
