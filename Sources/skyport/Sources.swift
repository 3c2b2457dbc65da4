import ArgumentParser
import CustomerData
import Foundation
import SkyportApp

/// `skyport sources`: event sources of the customer data platform and their write keys.
struct Sources: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create and revoke event sources (write keys for /cdp/v1/*).",
        subcommands: [Create.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a source; its write key is printed once and stored only as a hash.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "What sends the events, e.g. \"web site\".") var name: String
        @Flag(help: "The key will be public (a browser or a mobile app): its events claim identities but never merge profiles.")
        var `public` = false

        func run() async throws {
            try await withRuntime(common) { runtime in
                let (source, key) = try await EventSources(database: runtime.database).create(name: name, trust: `public` ? .public : .server,
                                                                                            now: Int64(Date().timeIntervalSince1970))
                print("source \(source.id) (\(source.name))")
                print(key)
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a source's write key.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The source id (src_...).") var id: String

        func run() async throws {
            try await withRuntime(common) { runtime in
                let revoked = try await EventSources(database: runtime.database).revoke(id: id, now: Int64(Date().timeIntervalSince1970))
                print(revoked ? "revoked \(id)" : "no live source with id \(id)")
            }
        }
    }
}
