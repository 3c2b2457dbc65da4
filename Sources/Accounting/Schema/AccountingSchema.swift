import SkyportStore

/// Revenue accounting's tables: the journal (entries and their lines), the balances kept per account, currency and
/// month, the documents already posted (so a redelivered event posts nothing), the coupons and paid services as the
/// ledger values them, and the closed months.
public enum AccountingSchema {
    /// Its migrations, in version order.
    public static let migrations: [Migration] = [ledger]

    static let ledger = Migration(version: 25, name: "revenue_accounting") { _ in
        [
            """
            CREATE TABLE ledger_entries (
                id TEXT PRIMARY KEY, kind TEXT NOT NULL, source TEXT NOT NULL, currency TEXT NOT NULL, occurred_at BIGINT NOT NULL,
                accounting_date TEXT NOT NULL, period TEXT NOT NULL, memo TEXT NOT NULL, order_id TEXT, ticket_number TEXT, flight_id TEXT,
                route TEXT, cabin TEXT, flight_date TEXT, payment_reference TEXT, miles INTEGER, reverses TEXT, posted_at BIGINT NOT NULL)
            """,
            "CREATE INDEX ledger_entries_by_date ON ledger_entries (accounting_date, kind)",
            "CREATE INDEX ledger_entries_by_reference ON ledger_entries (payment_reference)",
            "CREATE INDEX ledger_entries_by_time ON ledger_entries (occurred_at)",
            """
            CREATE TABLE ledger_lines (
                entry_id TEXT NOT NULL REFERENCES ledger_entries (id), account TEXT NOT NULL, account_kind TEXT NOT NULL, currency TEXT NOT NULL,
                debit BIGINT NOT NULL CHECK (debit >= 0), credit BIGINT NOT NULL CHECK (credit >= 0), accounting_date TEXT NOT NULL,
                period TEXT NOT NULL, PRIMARY KEY (entry_id, account))
            """,
            "CREATE INDEX ledger_lines_by_account ON ledger_lines (account_kind, accounting_date)",
            """
            CREATE TABLE ledger_balances (
                account TEXT NOT NULL, currency TEXT NOT NULL, period TEXT NOT NULL, debit BIGINT NOT NULL, credit BIGINT NOT NULL,
                PRIMARY KEY (account, currency, period))
            """,
            "CREATE TABLE ledger_sources (source TEXT PRIMARY KEY, topic TEXT NOT NULL, posted_at BIGINT NOT NULL)",
            """
            CREATE TABLE ledger_coupons (
                ticket_number TEXT NOT NULL, segment_position INTEGER NOT NULL, coupon_number INTEGER NOT NULL, order_id TEXT NOT NULL,
                passenger_position INTEGER NOT NULL, flight_id TEXT NOT NULL, origin TEXT NOT NULL, destination TEXT NOT NULL,
                flight_date TEXT NOT NULL, cabin TEXT NOT NULL, booking_class TEXT NOT NULL, distance_miles INTEGER NOT NULL,
                currency TEXT NOT NULL, value BIGINT NOT NULL, taxes TEXT NOT NULL, tax_total BIGINT NOT NULL, status TEXT NOT NULL,
                valid_until BIGINT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (ticket_number, segment_position))
            """,
            "CREATE INDEX ledger_coupons_by_status ON ledger_coupons (status, valid_until)",
            "CREATE INDEX ledger_coupons_by_order ON ledger_coupons (order_id)",
            """
            CREATE TABLE ledger_services (
                id TEXT PRIMARY KEY, order_id TEXT NOT NULL, passenger_position INTEGER NOT NULL, segment_position INTEGER NOT NULL,
                kind TEXT NOT NULL, amount BIGINT NOT NULL, currency TEXT NOT NULL, status TEXT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX ledger_services_by_order ON ledger_services (order_id)",
            "CREATE TABLE accounting_periods (period TEXT PRIMARY KEY, closed_at BIGINT NOT NULL, closed_by TEXT NOT NULL)",
        ]
    }
}
