import Foundation
import SkyportApp
import SkyportStore
import Testing

@Suite struct ConfigurationTests {
    @Test func defaultsAreTheEmbeddedMode() throws {
        let configuration = try SkyportConfiguration(environment: ["SKYPORT_DATA_DIR": "/var/lib/skyport"])
        #expect(configuration.database == .sqlite(path: "/var/lib/skyport/skyport.sqlite"))
        #expect(configuration.httpPort == 8080)
        #expect(configuration.httpHost == "127.0.0.1")
        #expect(configuration.accountingCode == "999")
        #expect(configuration.scheduleWeeks == 8)
        #expect(configuration.sqliteDurability == .full)
    }

    @Test(arguments: [
        ["SKYPORT_HTTP_PORT": "eighty"], ["SKYPORT_HTTP_PORT": "70000"], ["SKYPORT_TICKET_ACCOUNTING_CODE": "18"],
        ["SKYPORT_SCHEDULE_WEEKS": "0"], ["SKYPORT_SQLITE_SYNCHRONOUS": "off"], ["SKYPORT_LOG_LEVEL": "loud"],
        ["SKYPORT_DATABASE_URL": "mysql://x"],
    ])
    func malformedValuesAreRefused(environment: [String: String]) {
        #expect(throws: (any Error).self) { try SkyportConfiguration(environment: environment) }
    }

    @Test func theSecretIsGeneratedOnceWithSQLiteAndRequiredWithPostgres() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("skyport-config-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let embedded = try SkyportConfiguration(environment: ["SKYPORT_DATA_DIR": directory.path])
        let first = try embedded.resolvedSecretKey()
        #expect(first.count >= 32)
        #expect(try embedded.resolvedSecretKey() == first)
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("secret.key").path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)

        let shared = try SkyportConfiguration(environment: ["SKYPORT_DATABASE_URL": "postgres://u@localhost/db"])
        #expect(throws: ConfigurationError.self) { try shared.resolvedSecretKey() }
        let short = try SkyportConfiguration(environment: ["SKYPORT_DATABASE_URL": "postgres://u@localhost/db", "SKYPORT_SECRET_KEY": "short"])
        #expect(throws: ConfigurationError.self) { try short.resolvedSecretKey() }
    }
}
