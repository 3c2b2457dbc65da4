/// Every table of Skyport, as an ordered list of migrations shared by SQLite and PostgreSQL.
///
/// Instants are `BIGINT` seconds since 1970 (UTC); local dates are `TEXT` `YYYY-MM-DD`;
/// money is `BIGINT` minor units beside a `TEXT` ISO 4217 code.
public enum SkyportSchema {
    public static let migrations: [Migration] = [network, history, inventory, orders, outbox, accounts, machineLearning, customerData, customerProfiles, operationsDisruptions, operationsNotifications, monitoring,
                                                 customerDataMessageIDsPerSource, operatorSessions, customerDataTrust, customerSignUps]

    static let network = Migration(version: 1, name: "network") { _ in
        [
            """
            CREATE TABLE airports (
                code TEXT PRIMARY KEY, name TEXT NOT NULL,
                latitude DOUBLE PRECISION NOT NULL, longitude DOUBLE PRECISION NOT NULL,
                altitude_ft INTEGER NOT NULL, time_zone TEXT NOT NULL, synthesized INTEGER NOT NULL DEFAULT 0)
            """,
            "CREATE TABLE carriers (code TEXT PRIMARY KEY, name TEXT NOT NULL)",
            """
            CREATE TABLE aircraft (
                tail_number TEXT PRIMARY KEY, year_built INTEGER, aircraft_type TEXT, manufacturer TEXT,
                model TEXT, engines INTEGER, seats INTEGER NOT NULL, engine TEXT)
            """,
            """
            CREATE TABLE routes (
                origin TEXT NOT NULL REFERENCES airports (code), destination TEXT NOT NULL REFERENCES airports (code),
                distance_miles INTEGER NOT NULL, PRIMARY KEY (origin, destination))
            """,
        ]
    }

    static let history = Migration(version: 2, name: "history_2013") { _ in
        [
            """
            CREATE TABLE historical_flights (
                id BIGINT PRIMARY KEY, flight_date TEXT NOT NULL, carrier TEXT NOT NULL, flight_number INTEGER NOT NULL,
                tail_number TEXT, origin TEXT NOT NULL, destination TEXT NOT NULL,
                scheduled_departure_hhmm INTEGER NOT NULL, scheduled_arrival_hhmm INTEGER NOT NULL,
                departure_hhmm INTEGER, arrival_hhmm INTEGER,
                departure_delay_minutes INTEGER, arrival_delay_minutes INTEGER, air_time_minutes INTEGER,
                distance_miles INTEGER NOT NULL, scheduled_hour_at BIGINT NOT NULL)
            """,
            "CREATE INDEX historical_flights_by_date ON historical_flights (flight_date, origin)",
            """
            CREATE TABLE historical_weather (
                origin TEXT NOT NULL, observed_at BIGINT NOT NULL,
                temperature_f DOUBLE PRECISION, dew_point_f DOUBLE PRECISION, humidity_percent DOUBLE PRECISION,
                wind_direction_deg DOUBLE PRECISION, wind_speed_mph DOUBLE PRECISION, wind_gust_mph DOUBLE PRECISION,
                precipitation_in DOUBLE PRECISION, pressure_mb DOUBLE PRECISION, visibility_mi DOUBLE PRECISION,
                PRIMARY KEY (origin, observed_at))
            """,
        ]
    }

    static let inventory = Migration(version: 3, name: "schedule_and_inventory") { _ in
        [
            """
            CREATE TABLE flights (
                id TEXT PRIMARY KEY, carrier TEXT NOT NULL REFERENCES carriers (code), flight_number INTEGER NOT NULL,
                origin TEXT NOT NULL REFERENCES airports (code), destination TEXT NOT NULL REFERENCES airports (code),
                departure_date TEXT NOT NULL, departs_at BIGINT NOT NULL, arrives_at BIGINT NOT NULL,
                distance_miles INTEGER NOT NULL, aircraft_model TEXT, tail_number TEXT,
                seats_source TEXT NOT NULL, synthesized_inbound INTEGER NOT NULL, status TEXT NOT NULL DEFAULT 'scheduled')
            """,
            "CREATE INDEX flights_by_market ON flights (origin, destination, departure_date, departs_at)",
            "CREATE INDEX flights_by_departure ON flights (departs_at)",
            """
            CREATE TABLE flight_cabins (
                flight_id TEXT NOT NULL REFERENCES flights (id), cabin TEXT NOT NULL,
                capacity INTEGER NOT NULL CHECK (capacity > 0),
                sold INTEGER NOT NULL DEFAULT 0 CHECK (sold >= 0 AND sold <= capacity),
                PRIMARY KEY (flight_id, cabin))
            """,
        ]
    }

    static let orders = Migration(version: 4, name: "orders") { engine in
        [
            """
            CREATE TABLE orders (
                id TEXT PRIMARY KEY, record_locator TEXT NOT NULL UNIQUE, status TEXT NOT NULL,
                offer_request_id TEXT NOT NULL, cabin TEXT NOT NULL, fare_brand TEXT NOT NULL,
                currency TEXT NOT NULL, base_amount BIGINT NOT NULL, tax_amount BIGINT NOT NULL, total_amount BIGINT NOT NULL,
                contact_email TEXT NOT NULL, contact_phone TEXT NOT NULL,
                created_at BIGINT NOT NULL, cancelled_at BIGINT)
            """,
            """
            CREATE TABLE order_passengers (
                id TEXT PRIMARY KEY, order_id TEXT NOT NULL REFERENCES orders (id), position INTEGER NOT NULL,
                passenger_type TEXT NOT NULL, given_name TEXT NOT NULL, family_name TEXT NOT NULL, birth_date TEXT,
                ticket_number TEXT NOT NULL UNIQUE, UNIQUE (order_id, position))
            """,
            "CREATE INDEX order_passengers_by_family_name ON order_passengers (family_name)",
            """
            CREATE TABLE order_segments (
                order_id TEXT NOT NULL REFERENCES orders (id), position INTEGER NOT NULL,
                flight_id TEXT NOT NULL REFERENCES flights (id), cabin TEXT NOT NULL, booking_class TEXT NOT NULL,
                fare_basis TEXT NOT NULL, seats INTEGER NOT NULL, PRIMARY KEY (order_id, position))
            """,
            "CREATE INDEX order_segments_by_flight ON order_segments (flight_id)",
            """
            CREATE TABLE order_fares (
                order_id TEXT NOT NULL REFERENCES orders (id), passenger_position INTEGER NOT NULL,
                segment_position INTEGER NOT NULL, base_amount BIGINT NOT NULL, tax_amount BIGINT NOT NULL,
                taxes TEXT NOT NULL, PRIMARY KEY (order_id, passenger_position, segment_position))
            """,
            """
            CREATE TABLE payments (
                id TEXT PRIMARY KEY, order_id TEXT NOT NULL REFERENCES orders (id), kind TEXT NOT NULL,
                processor TEXT NOT NULL, processor_reference TEXT NOT NULL, amount BIGINT NOT NULL, currency TEXT NOT NULL,
                card_brand TEXT, card_last4 TEXT, created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX payments_by_order ON payments (order_id)",
            """
            CREATE TABLE idempotency_keys (
                idempotency_key TEXT PRIMARY KEY, request_hash TEXT NOT NULL, order_id TEXT, created_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE order_cancellations (
                id TEXT PRIMARY KEY, order_id TEXT NOT NULL REFERENCES orders (id), status TEXT NOT NULL,
                refund_amount BIGINT NOT NULL, currency TEXT NOT NULL,
                created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, confirmed_at BIGINT)
            """,
            engine == .postgres
                ? "CREATE SEQUENCE ticket_serials START WITH 1"
                : "CREATE TABLE ticket_serials (id INTEGER PRIMARY KEY CHECK (id = 1), last_serial BIGINT NOT NULL)",
            engine == .postgres ? "SELECT 1" : "INSERT INTO ticket_serials (id, last_serial) VALUES (1, 0)",
        ]
    }

    static let outbox = Migration(version: 5, name: "outbox") { engine in
        [
            """
            CREATE TABLE outbox_events (
                id \(engine == .postgres ? "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT"),
                topic TEXT NOT NULL, aggregate_id TEXT NOT NULL, payload TEXT NOT NULL,
                created_at BIGINT NOT NULL, published_at BIGINT)
            """,
            "CREATE INDEX outbox_events_unpublished ON outbox_events (published_at, id)",
        ]
    }

    static let accounts = Migration(version: 6, name: "customer_accounts") { _ in
        [
            """
            CREATE TABLE customers (
                id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL,
                given_name TEXT NOT NULL, family_name TEXT NOT NULL, phone TEXT,
                preferred_language TEXT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE customer_sessions (
                token_hash TEXT PRIMARY KEY, customer_id TEXT NOT NULL REFERENCES customers (id),
                created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL)
            """,
            "CREATE INDEX customer_sessions_by_customer ON customer_sessions (customer_id)",
            // Failed sign-ins (and booking look-ups) per subject, for rate limiting across instances.
            "CREATE TABLE attempt_failures (subject TEXT NOT NULL, failed_at BIGINT NOT NULL)",
            "CREATE INDEX attempt_failures_by_subject ON attempt_failures (subject, failed_at)",
            "ALTER TABLE orders ADD COLUMN customer_id TEXT REFERENCES customers (id)",
            "CREATE INDEX orders_by_customer ON orders (customer_id)",
        ]
    }
}

extension SkyportSchema {
    /// Command center sign-ins held server-side (`OperatorSessions`), so that signing out ends a session
    /// everywhere instead of only clearing the browser's cookie.
    static let operatorSessions = Migration(version: 14, name: "operator_sessions") { _ in
        [
            """
            CREATE TABLE operator_sessions (
                token_hash TEXT PRIMARY KEY, operator_id TEXT NOT NULL REFERENCES operator_tokens (id),
                created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL)
            """,
            "CREATE INDEX operator_sessions_by_expiry ON operator_sessions (expires_at)",
        ]
    }
}

extension SkyportSchema {
    /// Sign-ups waiting for their email's owner to choose a password (`AccountService.signUp`): the account exists
    /// only once the link in the email is used, so that the sign-up page never says whether an email has one.
    static let customerSignUps = Migration(version: 16, name: "customer_sign_ups") { _ in
        [
            """
            CREATE TABLE customer_sign_ups (
                token_hash TEXT PRIMARY KEY, email TEXT NOT NULL, given_name TEXT NOT NULL, family_name TEXT NOT NULL,
                preferred_language TEXT, return_path TEXT NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL)
            """,
            "CREATE INDEX customer_sign_ups_by_email ON customer_sign_ups (email)",
            "CREATE INDEX customer_sign_ups_by_expiry ON customer_sign_ups (expires_at)",
        ]
    }
}
