import SkyportStore

/// The booking engine's tables: the network, the schedule and its seat inventory, orders with their passengers,
/// segments, fares, payments and cancellations, and the ticket serial.
public enum BookingSchema {
    /// Its migrations, in version order.
    public static let migrations: [Migration] = [network, inventory, orders, holdsNameTheirFlight, inventoryControls, selfService, milesPayments, memberBenefits]

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

    /// A seat hold names the disrupted flight it would replace, so that rebooking reads only Booking's tables.
    /// Holds made before are filled in from their disruption, once, here.
    static let holdsNameTheirFlight = Migration(version: 17, name: "seat_holds_disrupted_flight") { _ in
        [
            "ALTER TABLE seat_holds ADD COLUMN disrupted_flight_id TEXT",
            "UPDATE seat_holds SET disrupted_flight_id = (SELECT d.flight_id FROM disruptions d WHERE d.id = seat_holds.disruption_id)",
        ]
    }

    /// Booking limits per flight, cabin and class (revenue management's, or an operator's override), the optimizer's
    /// last pass per cabin (forecast and bid price), every operator change to a limit (the audit trail), and a version
    /// per flight cabin that every change to its seats or limits moves.
    static let inventoryControls = Migration(version: 22, name: "inventory_controls") { _ in
        [
            """
            CREATE TABLE booking_limits (
                flight_id TEXT NOT NULL REFERENCES flights (id), cabin TEXT NOT NULL, class_code TEXT NOT NULL,
                seat_limit INTEGER NOT NULL CHECK (seat_limit >= 0), source TEXT NOT NULL, updated_at BIGINT NOT NULL,
                PRIMARY KEY (flight_id, cabin, class_code))
            """,
            """
            CREATE TABLE inventory_optimizations (
                flight_id TEXT NOT NULL REFERENCES flights (id), cabin TEXT NOT NULL, sold INTEGER NOT NULL,
                bid_price_minor BIGINT NOT NULL, forecast TEXT NOT NULL, optimized_at BIGINT NOT NULL,
                PRIMARY KEY (flight_id, cabin))
            """,
            """
            CREATE TABLE booking_limit_changes (
                id TEXT PRIMARY KEY, flight_id TEXT NOT NULL REFERENCES flights (id), cabin TEXT NOT NULL, class_code TEXT NOT NULL,
                seat_limit INTEGER, previous_limit INTEGER, operator TEXT NOT NULL, reason TEXT NOT NULL, changed_at BIGINT NOT NULL)
            """,
            "CREATE INDEX booking_limit_changes_by_flight ON booking_limit_changes (flight_id, changed_at)",
            // Moved with every seat taken or given back, limit changed or flight cancelled, in the same statement or
            // transaction: a search's cache is keyed by its market-day's sum of them (no row every purchase shares).
            "ALTER TABLE flight_cabins ADD COLUMN version BIGINT NOT NULL DEFAULT 0",
        ]
    }

    /// What passengers do with a booking themselves: one coupon per passenger and flight with its status (and every
    /// move of it), the seat each passenger sits in (one passenger per seat and flight, by the primary key), seats an
    /// operator blocked, and the order's paid services (seats, bags). Orders made before get their coupons here: open,
    /// or refunded for a cancelled order.
    static let selfService = Migration(version: 23, name: "self_service") { _ in
        [
            """
            CREATE TABLE order_coupons (
                order_id TEXT NOT NULL REFERENCES orders (id), passenger_position INTEGER NOT NULL, segment_position INTEGER NOT NULL,
                flight_id TEXT NOT NULL REFERENCES flights (id), ticket_number TEXT NOT NULL, status TEXT NOT NULL,
                checked_in_at BIGINT, boarded_at BIGINT, boarding_number INTEGER, updated_at BIGINT NOT NULL,
                PRIMARY KEY (order_id, passenger_position, segment_position))
            """,
            "CREATE INDEX order_coupons_by_flight ON order_coupons (flight_id, status)",
            """
            CREATE TABLE coupon_events (
                id TEXT PRIMARY KEY, order_id TEXT NOT NULL REFERENCES orders (id), passenger_position INTEGER NOT NULL,
                segment_position INTEGER NOT NULL, flight_id TEXT NOT NULL, ticket_number TEXT NOT NULL,
                event TEXT NOT NULL, status TEXT NOT NULL, actor TEXT NOT NULL, occurred_at BIGINT NOT NULL)
            """,
            "CREATE INDEX coupon_events_by_order ON coupon_events (order_id, occurred_at)",
            """
            CREATE TABLE seat_assignments (
                flight_id TEXT NOT NULL REFERENCES flights (id), seat TEXT NOT NULL,
                order_id TEXT NOT NULL REFERENCES orders (id), passenger_position INTEGER NOT NULL, segment_position INTEGER NOT NULL,
                zone TEXT NOT NULL, assigned_at BIGINT NOT NULL,
                PRIMARY KEY (flight_id, seat), UNIQUE (order_id, passenger_position, segment_position))
            """,
            """
            CREATE TABLE seat_blocks (
                flight_id TEXT NOT NULL REFERENCES flights (id), seat TEXT NOT NULL, reason TEXT NOT NULL,
                operator TEXT NOT NULL, blocked_at BIGINT NOT NULL, PRIMARY KEY (flight_id, seat))
            """,
            """
            CREATE TABLE order_services (
                id TEXT PRIMARY KEY, order_id TEXT NOT NULL REFERENCES orders (id), passenger_position INTEGER NOT NULL,
                segment_position INTEGER NOT NULL, kind TEXT NOT NULL, designator TEXT NOT NULL,
                amount BIGINT NOT NULL, currency TEXT NOT NULL, status TEXT NOT NULL, delivery TEXT,
                created_at BIGINT NOT NULL, refunded_amount BIGINT NOT NULL DEFAULT 0, updated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX order_services_by_order ON order_services (order_id)",
            // A refund names the capture it goes back to: an order paid in several captures (seats and bags bought later).
            "ALTER TABLE payments ADD COLUMN capture_reference TEXT",
            // A cancellation the airline's disruption caused refunds the paid items too, whatever the fare says.
            "ALTER TABLE order_cancellations ADD COLUMN involuntary INTEGER NOT NULL DEFAULT 0",
            """
            INSERT INTO order_coupons (order_id, passenger_position, segment_position, flight_id, ticket_number, status, updated_at)
            SELECT p.order_id, p.position, s.position, s.flight_id, p.ticket_number,
                   CASE WHEN o.status = 'cancelled' THEN 'refunded' ELSE 'open' END, o.created_at
            FROM order_passengers p JOIN order_segments s ON s.order_id = p.order_id JOIN orders o ON o.id = p.order_id
            """,
        ]
    }

    /// Payments from a member's miles record how many miles they took.
    static let milesPayments = Migration(version: 29, name: "miles_payments") { _ in
        ["ALTER TABLE payments ADD COLUMN miles BIGINT"]
    }

    /// A member's tier benefits as they stood when the order was made (bags on top of the fare's for every passenger,
    /// lounge access): a tier lost later does not take them back.
    static let memberBenefits = Migration(version: 31, name: "member_benefits") { _ in
        [
            "ALTER TABLE orders ADD COLUMN benefit_tier TEXT",
            "ALTER TABLE orders ADD COLUMN benefit_bags INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE orders ADD COLUMN benefit_lounge INTEGER NOT NULL DEFAULT 0",
        ]
    }
}
