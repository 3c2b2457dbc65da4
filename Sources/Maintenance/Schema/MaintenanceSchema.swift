import SkyportStore

/// Maintenance's tables: the engines of the fleet (which aircraft, which position) and the sensor history of every
/// cycle each has flown.
public enum MaintenanceSchema {
    /// Its migrations, in version order.
    public static let migrations: [Migration] = [engineFleet, shopVisits]

    static let engineFleet = Migration(version: 20, name: "engine_fleet") { _ in
        [
            """
            CREATE TABLE engines (
                id TEXT PRIMARY KEY, tail_number TEXT NOT NULL, position INTEGER NOT NULL, source TEXT NOT NULL,
                created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX engines_by_tail ON engines (tail_number)",
            """
            CREATE TABLE engine_cycles (
                engine_id TEXT NOT NULL REFERENCES engines (id), cycle INTEGER NOT NULL,
                settings TEXT NOT NULL, sensors TEXT NOT NULL, recorded_at BIGINT NOT NULL,
                PRIMARY KEY (engine_id, cycle))
            """,
        ]
    }

    /// An aircraft taken out of service for a period, and what became of each flight it would have flown.
    static let shopVisits = Migration(version: 21, name: "shop_visits") { _ in
        [
            """
            CREATE TABLE shop_visits (
                id TEXT PRIMARY KEY, tail_number TEXT NOT NULL, engine_id TEXT, starts_at BIGINT NOT NULL, ends_at BIGINT NOT NULL,
                note TEXT, created_by TEXT NOT NULL, created_at BIGINT NOT NULL, flights TEXT NOT NULL)
            """,
            "CREATE INDEX shop_visits_by_tail ON shop_visits (tail_number, starts_at)",
        ]
    }
}
