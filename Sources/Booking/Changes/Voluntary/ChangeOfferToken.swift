import Foundation
import SkyportDomain

/// What a change offer promises, carried inside its signed id (as offers carry theirs), so that any instance can
/// confirm it without storing every offer shown.
struct ChangeOfferClaims: Sendable, Hashable {
    let orderID: String
    /// The position of the order's flight being replaced, and that flight.
    let segment: Int
    let fromFlightID: String
    let toFlightID: String
    let bookingClass: String
    let expiresAt: Int64
    /// The new fares of every passenger on the new flight, taxes included.
    let newFaresMinorUnits: Int64
    let amountDueMinorUnits: Int64
    let refundMinorUnits: Int64
    let currency: String
}

/// Change offer ids: `oco_` + base64url(claims) + `.` + MAC bound to the purpose `order-change`.
struct ChangeOfferToken: Sendable {
    let signer: Signer

    func encode(_ claims: ChangeOfferClaims) -> String {
        let text = [claims.orderID, String(claims.segment), claims.fromFlightID, claims.toFlightID, claims.bookingClass, String(claims.expiresAt),
                    String(claims.newFaresMinorUnits), String(claims.amountDueMinorUnits), String(claims.refundMinorUnits), claims.currency]
            .joined(separator: "~")
        let payload = Base64URL.encode(Data(text.utf8))
        return "oco_\(payload).\(signer.mac("order-change|" + payload))"
    }

    /// The claims of a genuine change offer id; nil for anything forged or malformed.
    func decode(_ id: String) -> ChangeOfferClaims? {
        guard id.hasPrefix("oco_"), id.utf8.count < 2048 else { return nil }
        let parts = id.dropFirst(4).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, signer.verify("order-change|" + parts[0], mac: String(parts[1])),
              let data = Base64URL.decode(String(parts[0])) else { return nil }
        let fields = String(decoding: data, as: UTF8.self).split(separator: "~", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 10, let segment = Int(fields[1]), let expiresAt = Int64(fields[5]), let fares = Int64(fields[6]),
              let due = Int64(fields[7]), let refund = Int64(fields[8]) else { return nil }
        return ChangeOfferClaims(orderID: fields[0], segment: segment, fromFlightID: fields[2], toFlightID: fields[3], bookingClass: fields[4],
                                 expiresAt: expiresAt, newFaresMinorUnits: fares, amountDueMinorUnits: due, refundMinorUnits: refund,
                                 currency: fields[9])
    }
}
