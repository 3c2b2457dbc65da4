import SkyportStore

/// The loyalty programme's tables: members (with their balance, never below nil), every movement of their miles, the
/// lots miles expire by, qualifying activity per calendar year, and the flights the programme knows of (from the tickets
/// the booking engine issues), which accrual and retro-claims credit.
public enum LoyaltySchema {
    /// Its migrations, in version order.
    public static let migrations: [Migration] = [programme, tierComputed, redemptions]

    static let programme = Migration(version: 27, name: "loyalty_programme") { _ in
        [
            """
            CREATE TABLE loyalty_members (
                id TEXT PRIMARY KEY, membership_number TEXT NOT NULL UNIQUE, customer_id TEXT NOT NULL UNIQUE, given_name TEXT NOT NULL,
                family_name TEXT NOT NULL, email TEXT NOT NULL, balance INTEGER NOT NULL DEFAULT 0 CHECK (balance >= 0), tier TEXT NOT NULL,
                enrolled_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE loyalty_transactions (
                id TEXT PRIMARY KEY, member_id TEXT NOT NULL REFERENCES loyalty_members (id), kind TEXT NOT NULL, miles INTEGER NOT NULL,
                balance_after INTEGER NOT NULL, ticket_number TEXT, segment_position INTEGER, description TEXT NOT NULL, occurred_at BIGINT NOT NULL)
            """,
            "CREATE INDEX loyalty_transactions_by_member ON loyalty_transactions (member_id, occurred_at)",
            """
            CREATE TABLE loyalty_lots (
                id TEXT PRIMARY KEY, member_id TEXT NOT NULL REFERENCES loyalty_members (id), earned_at BIGINT NOT NULL, expires_at BIGINT NOT NULL,
                miles INTEGER NOT NULL, remaining INTEGER NOT NULL CHECK (remaining >= 0), remaining_value BIGINT NOT NULL, currency TEXT NOT NULL)
            """,
            "CREATE INDEX loyalty_lots_by_member ON loyalty_lots (member_id, expires_at)",
            "CREATE INDEX loyalty_lots_by_expiry ON loyalty_lots (expires_at, remaining)",
            """
            CREATE TABLE loyalty_qualifying (
                member_id TEXT NOT NULL REFERENCES loyalty_members (id), year INTEGER NOT NULL, miles INTEGER NOT NULL, segments INTEGER NOT NULL,
                PRIMARY KEY (member_id, year))
            """,
            """
            CREATE TABLE loyalty_flights (
                ticket_number TEXT NOT NULL, segment_position INTEGER NOT NULL, order_id TEXT NOT NULL, customer_id TEXT,
                passenger_position INTEGER NOT NULL, family_name TEXT NOT NULL, flight_id TEXT NOT NULL, origin TEXT NOT NULL,
                destination TEXT NOT NULL, flight_date TEXT NOT NULL, cabin TEXT NOT NULL, booking_class TEXT NOT NULL,
                distance_miles INTEGER NOT NULL, currency TEXT NOT NULL, status TEXT NOT NULL, flown_at BIGINT, credited_member_id TEXT,
                PRIMARY KEY (ticket_number, segment_position))
            """,
        ]
    }

    /// A member's tier depends on the calendar (what they flew this year and last), so it is worked out when read; the
    /// stored copy, which only an accrual moved, is dropped.
    static let tierComputed = Migration(version: 28, name: "loyalty_tier_computed") { _ in
        ["ALTER TABLE loyalty_members DROP COLUMN tier"]
    }

    /// Miles spent as payment: each redemption with the lots its miles came from (so that miles given back return to
    /// them, with their value and expiry), and each return settled, once.
    static let redemptions = Migration(version: 30, name: "loyalty_redemptions") { _ in
        [
            """
            CREATE TABLE loyalty_redemptions (
                id TEXT PRIMARY KEY, idempotency_key TEXT NOT NULL UNIQUE, member_id TEXT NOT NULL REFERENCES loyalty_members (id),
                miles INTEGER NOT NULL CHECK (miles > 0), payment_value BIGINT NOT NULL, deferred_value BIGINT NOT NULL, currency TEXT NOT NULL,
                memo TEXT NOT NULL, status TEXT NOT NULL, returned_miles INTEGER NOT NULL DEFAULT 0,
                returned_payment_value BIGINT NOT NULL DEFAULT 0, created_at BIGINT NOT NULL,
                CHECK (returned_miles <= miles), CHECK (returned_payment_value <= payment_value))
            """,
            "CREATE INDEX loyalty_redemptions_by_member ON loyalty_redemptions (member_id, created_at)",
            """
            CREATE TABLE loyalty_redemption_lots (
                redemption_id TEXT NOT NULL REFERENCES loyalty_redemptions (id), lot_id TEXT NOT NULL REFERENCES loyalty_lots (id),
                miles INTEGER NOT NULL, deferred_value BIGINT NOT NULL, returned_miles INTEGER NOT NULL DEFAULT 0,
                returned_value BIGINT NOT NULL DEFAULT 0, PRIMARY KEY (redemption_id, lot_id))
            """,
            """
            CREATE TABLE loyalty_miles_returns (
                reference TEXT PRIMARY KEY, redemption_id TEXT NOT NULL REFERENCES loyalty_redemptions (id), miles INTEGER NOT NULL,
                payment_value BIGINT NOT NULL, deferred_value BIGINT NOT NULL, returned_at BIGINT NOT NULL)
            """,
        ]
    }
}
