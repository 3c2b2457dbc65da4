import SkyportStore

/// Customer accounts, sessions, sign-ups and failed attempts; operators' sessions.
public enum AccountsSchema {
    /// Its migrations, in version order.
    public static let migrations: [Migration] = [accounts, operatorSessions, customerSignUps, operatorRights]

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

    /// What each operator token may do: operations (everything operators did before) or finance (the books), or both.
    static let operatorRights = Migration(version: 26, name: "operator_rights") { _ in
        ["ALTER TABLE operator_tokens ADD COLUMN rights TEXT NOT NULL DEFAULT 'operations'"]
    }
}
