import SQLKit
import SkyportDomain
import SkyportStore

/// Hands out e-ticket numbers: the airline's accounting code and the next serials, inside the caller's transaction.
struct TicketIssuer: Sendable {
    let engine: SQLEngine
    let accountingCode: String

    func issue(count: Int, on sql: any SQLDatabase) async throws -> [TicketNumber] {
        var serials: [Int64] = []
        if engine == .postgres {
            // A sequence hands out serials without holding a row lock until commit.
            serials = try await sql.raw("SELECT nextval('ticket_serials') AS serial FROM generate_series(1, \(bind: count))").all()
                .map { try $0.decode(column: "serial", as: Int64.self) }
        } else {
            let last = try await sql.raw("UPDATE ticket_serials SET last_serial = last_serial + \(bind: count) WHERE id = 1 RETURNING last_serial").first()
                .map { try $0.decode(column: "last_serial", as: Int64.self) } ?? 0
            serials = (0..<Int64(count)).map { last - Int64(count) + 1 + $0 }
        }
        return try serials.map { serial in
            guard let number = TicketNumber(accountingCode: accountingCode, serial: serial) else {
                throw ServiceError(.unavailable, code: .ticketSerialsExhausted, message: "No ticket numbers are left.")
            }
            return number
        }
    }
}
