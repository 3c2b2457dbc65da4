import Accounts
import Booking
import CommandCenter
import CustomerData
import Foundation
import Maintenance
import Operations
import Prediction
import SkyportStore
import Testing

/// Each module creates its tables in its own schema file and only its own code writes SQL on them; other modules
/// go through its Swift API. The test reads every module's sources for SQL naming a table and compares with the
/// owner (schema files are left out: a migration may copy from another module's table once, as the record's
/// aircraft did).
@Suite struct TableOwnershipTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    /// The tables each module's schema file creates.
    static let schemas: [String: [Migration]] = [
        "SkyportStore": PlatformSchema.migrations, "Booking": BookingSchema.migrations, "Accounts": AccountsSchema.migrations,
        "Prediction": PredictionSchema.migrations, "Operations": OperationsSchema.migrations, "CustomerData": CustomerDataSchema.migrations,
        "CommandCenter": CommandCenterSchema.migrations, "Maintenance": MaintenanceSchema.migrations,
    ]

    /// Tables an early migration of another module made, before tables were owned (docs/architecture.md).
    static let madeElsewhere: [String: String] = [
        "seat_holds": "Booking", "order_changes": "Booking", "ticket_reissues": "Booking", "operator_tokens": "Accounts",
        "weather_observations": "Operations", "flight_departures": "Operations", "consumer_cursors": "SkyportStore",
        "work_leases": "SkyportStore",
    ]

    static func owners() throws -> [String: String] {
        var owners = madeElsewhere
        for (module, migrations) in schemas {
            for migration in migrations {
                for statement in migration.statements(.sqlite) {
                    for match in statement.matches(of: /CREATE TABLE (\w+)/) where owners[String(match.1)] == nil {
                        owners[String(match.1)] = module
                    }
                }
            }
        }
        // The command center's two traffic tables come from one template.
        owners["traffic_minutes"] = "CommandCenter"
        owners["traffic_hours"] = "CommandCenter"
        owners["schema_migrations"] = "SkyportStore"
        return owners
    }

    @Test func everyModuleWritesSQLOnlyOnItsOwnTables() throws {
        let owners = try Self.owners()
        #expect(owners["orders"] == "Booking" && owners["cdp_profiles"] == "CustomerData" && owners["prediction_log"] == "Prediction")
        var crossing: [String: Set<String>] = [:]
        let modules = try FileManager.default.contentsOfDirectory(atPath: Self.sources.path)
        for module in modules {
            let directory = Self.sources.appendingPathComponent(module)
            guard let files = FileManager.default.enumerator(atPath: directory.path) else { continue }
            for case let path as String in files where path.hasSuffix(".swift") && !path.contains("Schema") && !path.hasPrefix("Migrations/") {
                let text = try String(contentsOf: directory.appendingPathComponent(path), encoding: .utf8)
                var uses = text.matches(of: /\b(FROM|JOIN|INTO|UPDATE)\s+(\w+)/).map { ($0.1 == "FROM" || $0.1 == "JOIN" ? "reads" : "writes", String($0.2)) }
                // Bulk inserts and SQLKit's builders name their table as an argument.
                uses += text.matches(of: /(?:into|from): "(\w+)"|\.update\("(\w+)"\)/).map { ("writes", String($0.1 ?? $0.2 ?? "")) }
                uses += text.matches(of: /\.from\("(\w+)"\)/).map { ("reads", String($0.1)) }
                for (verb, table) in uses {
                    guard let owner = owners[table], owner != module else { continue }
                    crossing["\(module) \(verb) \(table)", default: []].insert(path)
                }
            }
        }
        #expect(crossing.isEmpty, "SQL on another module's tables: \(crossing.keys.sorted().map { "\($0) in \(crossing[$0]!.sorted())" })")
    }
}
