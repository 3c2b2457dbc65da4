import Accounts
import ArgumentParser
import Foundation
import SkyportApp

/// `skyport operators`: tokens for the operator endpoints.
struct Operators: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create, list and revoke operator tokens (Authorization: Bearer sop_...).",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token; it is printed once and stored only as a hash.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Who or what holds the token, e.g. \"ops-duty\".") var name: String
        @Option(name: .customLong("right"), help: "A right of the token: operations (the default) or finance (the books); repeat for both.")
        var rights: [String] = []

        func run() async throws {
            let granted = try Set(rights.map { name in
                guard let right = OperatorRight(rawValue: name) else { throw ValidationError("A right is operations or finance, not \(name).") }
                return right
            })
            try await withRuntime(common) { runtime in
                let (created, token) = try await OperatorTokens(database: runtime.database).create(name: name, rights: granted.isEmpty ? [.operations] : granted,
                                                                                                   now: Int64(Date().timeIntervalSince1970))
                print("operator \(created.id) (\(created.name), \(created.rights.sorted().map(\.rawValue).joined(separator: ", ")))")
                print(token)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every operator token, and whether it still works.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await withRuntime(common) { runtime in
                for (holder, createdAt, revoked) in try await OperatorTokens(database: runtime.database).list() {
                    print("\(holder.id)  \(holder.name)  created \(ISO8601Text.format(createdAt))\(revoked ? "  REVOKED" : "")")
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an operator's token.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The operator id (op_...).") var id: String

        func run() async throws {
            try await withRuntime(common) { runtime in
                let revoked = try await OperatorTokens(database: runtime.database).revoke(id: id, now: Int64(Date().timeIntervalSince1970))
                print(revoked ? "revoked \(id)" : "no active token with id \(id)")
            }
        }
    }
}
