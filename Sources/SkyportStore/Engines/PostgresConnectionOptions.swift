import Foundation

/// What a `postgres://` URL asks for, with libpq's meaning of `sslmode`: parsed here, and not left to
/// PostgresKit, because PostgresKit folds `verify-ca` and `verify-full` into one mode, reads `ssl=true` as
/// "prefer", and puts the whole URL (password included) into its error for an unknown mode.
///
/// | `sslmode` | encrypted | certificate checked | host name checked |
/// |---|---|---|---|
/// | `disable` | never | - | - |
/// | `prefer` (the default, as in libpq) | when the server offers TLS | no | no |
/// | `require` | always | no | no |
/// | `verify-ca` | always | against `sslrootcert` (else the system's roots) | no |
/// | `verify-full` | always | against `sslrootcert` (else the system's roots) | yes |
///
/// `tlsmode`, `tls` and `ssl` are read as `sslmode` (`ssl=true` means `require`, `ssl=false` `disable`);
/// values are case-insensitive. `allow` (libpq tries clear text first), client certificates (`sslcert`,
/// `sslkey`), `sslcrl` and two different modes in one URL are refused rather than quietly ignored. No
/// error message carries the URL or its password.
public struct PostgresConnectionOptions: Sendable, Equatable {
    /// How TLS is used, as libpq's `sslmode`.
    public enum TLSMode: String, Sendable, Equatable, CaseIterable {
        case disable, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String?
    public var tlsMode: TLSMode
    /// A PEM file of the certificate authorities to trust (`sslrootcert`).
    public var rootCertificatePath: String?

    /// The query parameters that name the TLS mode.
    static let modeParameters: Set<String> = ["sslmode", "tlsmode", "tls", "ssl"]
    /// Parameters libpq knows that Skyport does not implement: refused, so nobody believes they apply.
    static let unsupportedParameters: Set<String> = ["sslcert", "sslkey", "sslpassword", "sslcrl", "sslcrldir", "sslsni", "requiressl"]

    public init(url: String) throws(DatabaseError) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              scheme == "postgres" || scheme == "postgresql" else {
            throw .invalidURL("expected postgres://user:password@host:port/database")
        }
        guard let user = components.user, !user.isEmpty else {
            throw .invalidURL("a PostgreSQL URL names the user: postgres://user:password@host:port/database")
        }
        username = user
        password = components.password
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        port = components.port ?? 5432
        guard (1...65_535).contains(port) else { throw .invalidURL("the port is from 1 to 65535") }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? nil : path

        var mode: TLSMode?
        var rootCertificate: String?
        for item in components.queryItems ?? [] {
            let name = item.name.lowercased()
            if Self.unsupportedParameters.contains(name) {
                throw .invalidURL("\(name) is not supported (client certificates and revocation lists are not implemented)")
            }
            if name == "sslrootcert" {
                guard let value = item.value, !value.isEmpty else { throw .invalidURL("sslrootcert names a PEM file") }
                rootCertificate = value
                continue
            }
            guard Self.modeParameters.contains(name) else { continue }
            let parsed = try Self.mode(parameter: name, value: item.value ?? "")
            if let mode, mode != parsed {
                throw .invalidURL("the URL asks for two TLS modes (\(mode.rawValue) and \(parsed.rawValue))")
            }
            mode = parsed
        }
        tlsMode = mode ?? .prefer
        rootCertificatePath = rootCertificate
        if rootCertificatePath != nil, tlsMode != .verifyCA, tlsMode != .verifyFull {
            throw .invalidURL("sslrootcert is used only with sslmode=verify-ca or verify-full")
        }
    }

    private static func mode(parameter: String, value: String) throws(DatabaseError) -> TLSMode {
        let text = value.lowercased()
        if parameter == "ssl" || parameter == "tls" {
            switch text {
            case "true", "1", "on": return .require
            case "false", "0", "off": return .disable
            default: break
            }
        }
        if text == "allow" {
            throw .invalidURL("sslmode=allow is not supported (it tries clear text first): use disable, prefer, require, verify-ca or verify-full")
        }
        guard let mode = TLSMode(rawValue: text) else {
            let shown = text.count <= 20 && text.allSatisfy({ $0.isLetter || $0 == "-" }) ? "\"\(text)\"" : "this value"
            throw .invalidURL("\(parameter)=\(shown) is not a TLS mode: use disable, prefer, require, verify-ca or verify-full")
        }
        return mode
    }
}
