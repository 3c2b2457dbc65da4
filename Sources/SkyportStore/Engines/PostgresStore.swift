import Logging
import PostgresKit
import SQLKit

/// PostgreSQL through a pooled `PostgresClient`; several Skyport instances may share it.
public final class PostgresStore: Database {
    public let engine = SQLEngine.postgres
    private let client: PostgresClient
    private let runner: Task<Void, Never>
    private let logger: Logger
    private let maximumConnections: Int
    private let operations = OperationGate()

    /// Connects lazily to the server named by `url` (`postgres://user:pass@host:port/db`).
    /// `schema`, when given, becomes the connections' `search_path` (tests isolate themselves this way).
    public init(url: String, schema: String? = nil, maximumConnections: Int = 20, logger: Logger) throws {
        let parsed = try SQLPostgresConfiguration(url: url)
        var configuration = PostgresClient.Configuration(
            host: parsed.coreConfiguration.host ?? "localhost",
            port: parsed.coreConfiguration.port ?? 5432,
            username: parsed.coreConfiguration.username,
            password: parsed.coreConfiguration.password,
            database: parsed.coreConfiguration.database,
            tls: .disable
        )
        if url.contains("sslmode=require") {
            configuration.tls = .require(.makeClientConfiguration())
        }
        configuration.options.maximumConnections = maximumConnections
        if let schema { configuration.options.additionalStartupParameters = [("search_path", schema)] }
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        self.maximumConnections = maximumConnections
        // Started immediately so that the client is running before the first lease.
        runner = Task.immediate { await client.run() }
    }

    public var usage: DatabaseUsage { DatabaseUsage(operationsInFlight: operations.current, connections: maximumConnections) }

    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await operations.admitting {
            try await client.withConnection { connection in
                try await body(connection.sql(queryLogLevel: nil))
            }
        }
    }

    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await operations.admitting {
            try await client.withConnection { connection in
                try await ExplicitTransaction.run(on: connection.sql(queryLogLevel: nil), begin: "BEGIN", logger: logger, body)
            }
        }
    }

    public func derivedTransaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await transaction { sql in
            try await sql.raw("SET LOCAL synchronous_commit = off").run()
            return try await body(sql)
        }
    }

    public func close() async {
        await operations.close()
        runner.cancel()
        _ = await runner.value
    }
}
