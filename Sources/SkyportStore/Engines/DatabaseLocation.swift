import Foundation

/// Where the data lives, parsed from `SKYPORT_DATABASE_URL`.
public enum DatabaseLocation: Equatable, Sendable, CustomStringConvertible {
    /// `sqlite:///absolute/path.sqlite`
    case sqlite(path: String)
    /// `postgres://user:pass@host:port/db` (or `postgresql://`)
    case postgres(url: String)

    public init(url: String) throws {
        if url.hasPrefix("sqlite://") {
            let path = String(url.dropFirst("sqlite://".count))
            guard path.hasPrefix("/"), path.count > 1 else {
                throw DatabaseError.invalidURL("a SQLite URL names an absolute path: sqlite:///var/lib/skyport/skyport.sqlite")
            }
            self = .sqlite(path: path)
        } else if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            // Checked here, so that a wrong TLS mode stops the start with a message, not the first query.
            _ = try PostgresConnectionOptions(url: url)
            self = .postgres(url: url)
        } else {
            throw DatabaseError.invalidURL("expected sqlite:///absolute/path.sqlite or postgres://user:pass@host:port/db")
        }
    }

    /// The URL with any password hidden, for logs.
    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite://\(path)"
        case .postgres(let url):
            guard var components = URLComponents(string: url) else { return "postgres://…" }
            if components.password != nil { components.password = "***" }
            return components.string ?? "postgres://…"
        }
    }
}
