import Foundation
import Logging
import CommandCenter
import Operations
import SkyportDomain
import SkyportStore

public typealias SMTPRelayLocation = SMTPClient.Relay

/// What Skyport reads from its environment, with the defaults of the embedded mode: the settings of the platform and
/// of the libraries every module shares. A module's own settings are read by the module (`CustomerDataModule`,
/// `OperationsModule`) from `scope`.
///
/// | variable | default | meaning |
/// |---|---|---|
/// | `SKYPORT_DATABASE_URL` | `sqlite://<data dir>/skyport.sqlite` | `sqlite:///abs/path.sqlite` or `postgres://user:pass@host:port/db` |
/// | `SKYPORT_DATA_DIR` | `./data` | where `data fetch` puts the CSVs (and the embedded database) |
/// | `SKYPORT_HTTP_HOST` | `127.0.0.1` | address to listen on (`0.0.0.0` in containers) |
/// | `SKYPORT_HTTP_PORT` | `8080` | port to listen on |
/// | `SKYPORT_SECRET_KEY` | generated into `<data dir>/secret.key` with SQLite; required with PostgreSQL | signs offers and order access tokens |
/// | `SKYPORT_TICKET_ACCOUNTING_CODE` | `999` | the airline's 3-digit accounting code, first digits of e-tickets |
/// | `SKYPORT_SCHEDULE_WEEKS` | `8` | weeks of flights `data import` puts on sale |
/// | `SKYPORT_SQLITE_SYNCHRONOUS` | `full` | `full` or `normal` (see docs/configuration.md) |
/// | `SKYPORT_LOG_LEVEL` | `info` | `trace` ... `critical` |
/// | `SKYPORT_MODEL_DIR` | unset: model files in the database | a directory for model files instead (shared by every instance) |
/// | `SKYPORT_DELAY_MODEL_CONFIG` | `config/delay-model.json` when present | the delay model's training configuration |
/// | `SKYPORT_DISRUPTION_POLICY` | `config/disruption-policy.json` when present | disruption levels and how the engine watches departures |
/// | `SKYPORT_SMTP_URL` | unset: no email (sign-up links to the log over http) | `smtp://[user:pass@]host[:port]` or `smtps://...`: the relay for passengers' and sign-up email |
/// | `SKYPORT_SMTP_CLEARTEXT_AUTH` | `off` | `on` sends the relay's credentials without TLS (a relay on this host only) |
/// | `SKYPORT_SMTP_CA_FILE` | unset: the system's roots | a PEM file of the authorities behind a private relay's certificate |
/// | `SKYPORT_SMTP_FROM` | `Skyport <notifications@localhost>` | the sender of passengers' email |
/// | `SKYPORT_HOLD_MINUTES` | `120` | how long seats on alternatives are held for a disrupted booking |
/// | `SKYPORT_SERVICES` | `all` | the modules this instance runs: `web,booking,cdp,predictions,operations,maintenance,revenue,accounting,loyalty,ops-center` (or `all`) |
/// | `SKYPORT_MONITORING_CONFIG` | `config/monitoring.json` when present | the command center's alert rules and objectives |
/// | `SKYPORT_ALERT_WEBHOOK_URL` | unset: alerts only on the page | where firing and resolved alerts are posted (Alertmanager's webhook shape) |
/// | `SKYPORT_ALERT_WEBHOOK_SECRET` | required with the URL | signs alert webhooks (`X-Skyport-Signature`) |
/// | `SKYPORT_WEBHOOK_ALLOWED_ADDRESSES` | unset: public addresses only | addresses or CIDR blocks that registered webhooks may reach although they are not public (an airline's own receivers) |
/// | `SKYPORT_PUBLIC_DIR` | unset: none | a folder whose files are served as they are under `/public/` (an airline's own documents and images) |
/// | `SKYPORT_TRUSTED_PROXIES` | unset: none | addresses or CIDR blocks of the load balancers in front (`10.0.0.0/8,fd00::/8`): only their `X-Forwarded-For` names the client |
public struct SkyportConfiguration: Sendable {
    public var database: DatabaseLocation
    public var dataDirectory: URL
    public var httpHost: String
    public var httpPort: Int
    public var secretKey: String?
    public var accountingCode: String
    public var scheduleWeeks: Int
    public var sqliteDurability: SQLiteStore.Durability
    public var logLevel: Logger.Level
    /// The address customers reach the site at; `https://` makes every cookie `Secure`.
    public var publicURL: String
    /// bcrypt's cost (log2 of its work factor) for customer passwords.
    public var bcryptCost: Int
    /// Where model files go; nil keeps them in the database.
    public var modelDirectory: URL?
    /// Files served as they are under `/public/`; nil serves none.
    public var publicDirectory: URL?
    /// The disruption policy file, if any (the standard policy otherwise).
    public var disruptionPolicyPath: String?
    /// The SMTP relay for passengers' email; nil sends none.
    public var smtpRelay: SMTPRelayLocation?
    public var smtpFrom: String
    public var holdMinutes: Int
    /// The modules this instance runs.
    public var services: Set<ServiceModule>
    public var monitoringConfigPath: String?
    public var alertWebhook: AlertWebhook?
    /// The proxies whose `X-Forwarded-For` is believed (rate limits count per client address).
    public var trustedProxies: [IPAddressRange] = []
    /// Where registered webhooks may point besides public addresses.
    public var webhookAllowedAddresses: [IPAddressRange] = []

    /// The environment it was read from, for the modules' own settings.
    public var scope: ConfigurationScope

    /// Reads the environment; throws with the variable's name when a value is malformed.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let scope = ConfigurationScope(environment)
        self.scope = scope
        let dataPath = environment["SKYPORT_DATA_DIR"] ?? "data"
        let dataDirectory = URL(fileURLWithPath: dataPath, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        self.dataDirectory = dataDirectory
        database = try DatabaseLocation(url: environment["SKYPORT_DATABASE_URL"] ?? "sqlite://\(dataDirectory.appendingPathComponent("skyport.sqlite").path)")
        httpHost = environment["SKYPORT_HTTP_HOST"] ?? "127.0.0.1"
        httpPort = try scope.integer("SKYPORT_HTTP_PORT", default: 8080, range: 1...65535)
        secretKey = environment["SKYPORT_SECRET_KEY"]
        accountingCode = environment["SKYPORT_TICKET_ACCOUNTING_CODE"] ?? "999"
        guard accountingCode.count == 3, accountingCode.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw ConfigurationError("SKYPORT_TICKET_ACCOUNTING_CODE must be three digits")
        }
        scheduleWeeks = try scope.integer("SKYPORT_SCHEDULE_WEEKS", default: 8, range: 1...52)
        guard let durability = SQLiteStore.Durability(rawValue: (environment["SKYPORT_SQLITE_SYNCHRONOUS"] ?? "full").uppercased()) else {
            throw ConfigurationError("SKYPORT_SQLITE_SYNCHRONOUS must be full or normal")
        }
        sqliteDurability = durability
        guard let level = Logger.Level(rawValue: environment["SKYPORT_LOG_LEVEL"] ?? "info") else {
            throw ConfigurationError("SKYPORT_LOG_LEVEL must be one of trace, debug, info, notice, warning, error, critical")
        }
        logLevel = level
        publicURL = environment["SKYPORT_PUBLIC_URL"] ?? "http://localhost:\(httpPort)"
        guard publicURL.hasPrefix("http://") || publicURL.hasPrefix("https://") else {
            throw ConfigurationError("SKYPORT_PUBLIC_URL must start with http:// or https://")
        }
        bcryptCost = try scope.integer("SKYPORT_BCRYPT_COST", default: 12, range: 4...16)
        if let url = environment["SKYPORT_SMTP_URL"], !url.isEmpty {
            guard var relay = SMTPRelayLocation(url: url) else {
                throw ConfigurationError("SKYPORT_SMTP_URL must be smtp://[user:password@]host[:port] or smtps://...")
            }
            relay.allowsCleartextAuthentication = try scope.isOn("SKYPORT_SMTP_CLEARTEXT_AUTH", default: false)
            if let path = environment["SKYPORT_SMTP_CA_FILE"], !path.isEmpty {
                guard FileManager.default.isReadableFile(atPath: path) else { throw ConfigurationError("SKYPORT_SMTP_CA_FILE \(path) cannot be read") }
                relay.trustRootsPath = path
            }
            smtpRelay = relay
        }
        smtpFrom = environment["SKYPORT_SMTP_FROM"] ?? "Skyport <notifications@localhost>"
        holdMinutes = try scope.integer("SKYPORT_HOLD_MINUTES", default: 120, range: 5...1440)
        do {
            services = try SkyportModules.catalogue.parseList(environment["SKYPORT_SERVICES"] ?? "all")
        } catch {
            throw ConfigurationError("SKYPORT_SERVICES: " + error.issues.map(\.message).joined(separator: " "))
        }
        monitoringConfigPath = scope.file("SKYPORT_MONITORING_CONFIG", standard: "config/monitoring.json")
        if let text = environment["SKYPORT_ALERT_WEBHOOK_URL"], !text.isEmpty {
            guard let url = URL(string: text), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw ConfigurationError("SKYPORT_ALERT_WEBHOOK_URL must be an http:// or https:// URL")
            }
            guard let secret = environment["SKYPORT_ALERT_WEBHOOK_SECRET"], secret.count >= 16 else {
                throw ConfigurationError("SKYPORT_ALERT_WEBHOOK_SECRET (16 characters or more) is required with SKYPORT_ALERT_WEBHOOK_URL")
            }
            alertWebhook = AlertWebhook(url: url, secret: secret)
        }
        disruptionPolicyPath = scope.file("SKYPORT_DISRUPTION_POLICY", standard: "config/disruption-policy.json")
        trustedProxies = try scope.addressRanges("SKYPORT_TRUSTED_PROXIES")
        webhookAllowedAddresses = try scope.addressRanges("SKYPORT_WEBHOOK_ALLOWED_ADDRESSES")
        modelDirectory = environment["SKYPORT_MODEL_DIR"].map { URL(fileURLWithPath: $0).standardizedFileURL }
        publicDirectory = environment["SKYPORT_PUBLIC_DIR"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0).standardizedFileURL }
    }

    /// The training configuration file of the model product `name`: `SKYPORT_<NAME>_MODEL_CONFIG` (`SKYPORT_DELAY_MODEL_CONFIG`), else
    /// `config/<name>-model.json` when it exists; nil means the product's defaults.
    public func modelConfigPath(_ name: String) -> String? {
        let variable = "SKYPORT_" + name.uppercased().replacingOccurrences(of: "-", with: "_") + "_MODEL_CONFIG"
        return scope.file(variable, standard: "config/\(name)-model.json")
    }

    /// Whether cookies carry `Secure` (the site is served over HTTPS).
    public var secureCookies: Bool { publicURL.hasPrefix("https://") }

    /// The signing secret: configured, or (embedded mode only) generated once and kept in the data directory.
    public func resolvedSecretKey() throws -> String {
        if let secretKey {
            guard secretKey.utf8.count >= 32 else { throw ConfigurationError("SKYPORT_SECRET_KEY must be at least 32 characters") }
            return secretKey
        }
        guard case .sqlite = database else {
            throw ConfigurationError("SKYPORT_SECRET_KEY is required with PostgreSQL: every instance must sign with the same key")
        }
        let file = dataDirectory.appendingPathComponent("secret.key")
        if let existing = try? String(contentsOf: file, encoding: .utf8), existing.utf8.count >= 32 {
            return existing.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        var generator = SystemRandomNumberGenerator()
        let secret = (0..<8).map { _ in String(generator.next() | (1 << 63), radix: 16) }.joined()  // 128 hex digits
        guard FileManager.default.createFile(atPath: file.path, contents: Data(secret.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw ConfigurationError("could not write \(file.path); set SKYPORT_SECRET_KEY instead")
        }
        return secret
    }
}

/// A configuration value that cannot be used.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
