import Logging
import NIOSSL
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

    /// Connects lazily to the server named by `url` (`postgres://user:pass@host:port/db?sslmode=…`, with
    /// libpq's TLS modes: see `PostgresConnectionOptions`).
    /// `schema`, when given, becomes the connections' `search_path` (tests isolate themselves this way).
    public init(url: String, schema: String? = nil, maximumConnections: Int = 20, logger: Logger) throws {
        let options = try PostgresConnectionOptions(url: url)
        var configuration = PostgresClient.Configuration(
            host: options.host, port: options.port, username: options.username, password: options.password,
            database: options.database, tls: try Self.tls(for: options))
        configuration.options.maximumConnections = maximumConnections
        if let schema { configuration.options.additionalStartupParameters = [("search_path", schema)] }
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        self.maximumConnections = maximumConnections
        // Started immediately so that the client is running before the first lease.
        runner = Task.immediate { await client.run() }
    }

    /// libpq's modes in NIOSSL's terms: `prefer` and `require` encrypt without checking the certificate, as libpq does.
    static func tlsConfiguration(for options: PostgresConnectionOptions) throws -> TLSConfiguration? {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch options.tlsMode {
        case .disable: return nil
        case .prefer, .require: tls.certificateVerification = .none
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        case .verifyFull: tls.certificateVerification = .fullVerification
        }
        if let path = options.rootCertificatePath {
            do {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(path))
            } catch {
                throw DatabaseError.invalidURL("sslrootcert \(path) is not a readable PEM file of certificates")
            }
        }
        return tls
    }

    static func tls(for options: PostgresConnectionOptions) throws -> PostgresClient.Configuration.TLS {
        guard let tls = try tlsConfiguration(for: options) else { return .disable }
        return options.tlsMode == .prefer ? .prefer(tls) : .require(tls)
    }

    /// Opens one connection as the pool would and answers whether it is encrypted. Where the pool keeps
    /// retrying a refused connection (a certificate that does not verify, a wrong password), this throws at
    /// once, so a start-up fails with the reason instead of hanging its first query.
    public static func checkConnection(url: String, logger: Logger) async throws -> Bool {
        let options = try PostgresConnectionOptions(url: url)
        let tls: PostgresConnection.Configuration.TLS
        if let configuration = try tlsConfiguration(for: options) {
            let context = try NIOSSLContext(configuration: configuration)
            tls = options.tlsMode == .prefer ? .prefer(context) : .require(context)
        } else {
            tls = .disable
        }
        let configuration = PostgresConnection.Configuration(host: options.host, port: options.port, username: options.username,
                                                             password: options.password, database: options.database, tls: tls)
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(on: PostgresClient.defaultEventLoopGroup.any(), configuration: configuration,
                                                              id: 0, logger: logger).get()
        } catch {
            throw DatabaseError.unreachable("could not connect to PostgreSQL at \(options.host):\(options.port) with sslmode=\(options.tlsMode.rawValue): \(String(reflecting: error))")
        }
        do {
            let encrypted = try await connection.sql().raw("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").first()?
                .decode(column: "ssl", as: Bool.self)
            try await connection.close()
            return encrypted ?? false
        } catch {
            try? await connection.close()
            throw error
        }
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
