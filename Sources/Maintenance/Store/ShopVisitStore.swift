import Foundation
import SQLKit
import SkyportDomain
import SkyportStore

/// Shop visits (`shop_visits`), in the caller's transaction.
enum ShopVisitStore {
    static func insert(_ visit: ShopVisits.Visit, by actor: String, at now: Int64, on sql: any SQLDatabase) async throws {
        let flights = String(decoding: try JSONEncoder().encode(visit.flights), as: UTF8.self)
        try await sql.raw("""
            INSERT INTO shop_visits (id, tail_number, engine_id, starts_at, ends_at, note, created_by, created_at, flights)
            VALUES (\(bind: visit.id), \(bind: visit.tailNumber), \(bind: visit.engineId), \(bind: visit.startsAt.seconds), \(bind: visit.endsAt.seconds),
                \(bind: visit.note), \(bind: actor), \(bind: now), \(bind: flights))
            """).run()
    }
}
