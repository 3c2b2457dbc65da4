import Foundation
import SQLKit
import SkyportDomain
import SkyportStore

extension InventoryControls {
    /// An operator's change to one class's limit: `limit` nil gives the class back to the optimizer (or the load-factor
    /// rule). Recorded with who, why and the limit before; refused for a class the cabin does not have, a limit
    /// outside 0…capacity, or no reason.
    public func override(flightID: String, cabin: Cabin, classCode: String, limit: Int?, operatorName: String, reason: String) async throws -> FlightInventoryView {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        var issues: [ValidationIssue] = []
        if FareLadder.bookingClass(classCode, in: cabin) == nil {
            issues.append(.init(code: .invalidBookingClass, field: "class",
                                message: "\(cabin.rawValue) sells classes \(FareLadder.classes(in: cabin).map(\.code).joined(separator: " ")) and award class \(FareLadder.award(in: cabin).code)."))
        }
        if reason.isEmpty || reason.count > 500 {
            issues.append(.init(code: .invalidReason, field: "reason", message: "Say why, in at most 500 characters: the change is audited."))
        }
        if let limit, limit < 0 { issues.append(.init(code: .invalidBookingLimit, field: "seat_limit", message: "A booking limit is 0 or more seats.")) }
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        let now = Int64(clock.now.timeIntervalSince1970)
        try await database.transaction { sql in
            guard let flight = try await ScheduledFlight.find(id: flightID, cabin: cabin, on: sql) else {
                throw ServiceError(.notFound, code: .flightNotFound, message: "No flight \(flightID) with a \(cabin.rawValue) cabin.")
            }
            if let limit, limit > flight.capacity {
                throw ValidationFailure([.init(code: .invalidBookingLimit, field: "seat_limit",
                                               message: "The cabin has \(flight.capacity) seats: a limit is at most that.")])
            }
            let previous = try await InventoryControlStore.limitRows(of: flightID, on: sql)
                .first { $0.cabin == cabin.rawValue && $0.class_code == classCode }?.seat_limit
            if let limit {
                try await InventoryControlStore.setLimit(limit, flightID: flightID, cabin: cabin.rawValue, classCode: classCode,
                                                         source: LimitSource.override.rawValue, at: now, on: sql)
            } else {
                try await InventoryControlStore.removeLimit(flightID: flightID, cabin: cabin.rawValue, classCode: classCode, on: sql)
            }
            try await InventoryControlStore.recordChange(
                .init(id: Self.changeID(), flight_id: flightID, cabin: cabin.rawValue, class_code: classCode, seat_limit: limit,
                      previous_limit: previous, operator: operatorName, reason: reason, changed_at: now), on: sql)
            try await InventoryStore.bumpVersion(of: flightID, on: sql)
        }
        return try await inventory(of: flightID)
    }

    /// One flight's inventory as an operator reviews it: per cabin, each class's fare, bookings, limit and where it
    /// comes from, seats still open, the optimizer's forecast and bid price; and the changes operators made.
    public func inventory(of flightID: String) async throws -> FlightInventoryView {
        try await database.read { sql in
            guard let record = try await FlightStore.flight(flightID, on: sql) else {
                throw ServiceError(.notFound, code: .flightNotFound, message: "No flight \(flightID).")
            }
            let limits = try await InventoryControlStore.limitRows(of: flightID, on: sql)
            let optimizations = try await InventoryControlStore.optimizations(of: flightID, on: sql)
            let booked = try await InventoryControlStore.bookedSeats(of: flightID, on: sql)
            var cabins: [FlightInventoryView.CabinView] = []
            for cabin in Cabin.allCases {
                guard let flight = try await ScheduledFlight.find(id: flightID, cabin: cabin, on: sql) else { continue }
                let optimization = optimizations.first { $0.cabin == cabin.rawValue }
                let forecast = optimization.flatMap { try? JSONDecoder().decode([String: ForecastedDemand].self, from: Data($0.forecast.utf8)) } ?? [:]
                let availability = flight.availability
                cabins.append(FlightInventoryView.CabinView(
                    cabin: cabin.rawValue, capacity: flight.capacity, sold: flight.sold,
                    bidPrice: optimization.map { Money(minorUnits: $0.bid_price_minor, currency: pricing.currency).decimalString },
                    optimizedAt: optimization.map { APITime.utc(Date(timeIntervalSince1970: TimeInterval($0.optimized_at))) },
                    classes: (FareLadder.classes(in: cabin).reversed() + [FareLadder.award(in: cabin)]).map { bookingClass in
                        let row = limits.first { $0.cabin == cabin.rawValue && $0.class_code == bookingClass.code }
                        return .init(code: bookingClass.code, brand: bookingClass.brand.rawValue,
                                     fare: pricing.adultBase(bookingClass: bookingClass, distanceMiles: flight.distanceMiles).decimalString,
                                     booked: booked[cabin.rawValue + "/" + bookingClass.code] ?? 0,
                                     limit: availability.bookingLimit(for: bookingClass),
                                     source: row.flatMap { LimitSource(rawValue: $0.source) } ?? .loadFactorRule,
                                     available: availability.available(in: bookingClass),
                                     forecastRemaining: forecast[bookingClass.code])
                    }))
            }
            let changes = try await InventoryControlStore.changes(of: flightID, on: sql).map {
                FlightInventoryView.Change(cabin: $0.cabin, classCode: $0.class_code, seatLimit: $0.seat_limit, previousLimit: $0.previous_limit,
                                           operatorName: $0.operator, reason: $0.reason,
                                           changedAt: APITime.utc(Date(timeIntervalSince1970: TimeInterval($0.changed_at))))
            }
            return FlightInventoryView(flightID: record.id, carrier: record.carrier, flightNumber: record.flightNumber, origin: record.origin,
                                       destination: record.destination, departureDate: record.departureDate,
                                       departsAt: APITime.utc(Date(timeIntervalSince1970: TimeInterval(record.departsAt))),
                                       cabins: cabins, changes: changes)
        }
    }

    /// A change's id, in the order changes were made (the audit trail lists them newest first, also within a second).
    static func changeID() -> String {
        "blc_" + String(format: "%017lld", Int64(Date().timeIntervalSince1970 * 1_000_000)) + Identifier.make(prefix: "", length: 8)
    }
}
