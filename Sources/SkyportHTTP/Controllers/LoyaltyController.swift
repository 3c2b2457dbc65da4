import Accounts
import Hummingbird
import Loyalty
import SkyportDomain

/// The loyalty programme for the airline's staff (operator tokens with the operations right).
///
/// - `GET /v1/loyalty/members/{number}`: a member by membership number, with their tier, balance, qualifying activity
///   and latest 100 movements of miles.
public struct LoyaltyController: Sendable {
    let programme: LoyaltyProgrammeService
    let access: OperatorAccess

    public init(programme: LoyaltyProgrammeService, access: OperatorAccess) {
        self.programme = programme
        self.access = access
    }

    struct MemberWithStatement: Encodable, Sendable {
        let member: LoyaltyProgrammeService.MemberView
        let statement: [LoyaltyProgrammeService.StatementLine]
    }

    public func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/v1/loyalty/members/:number") { request, context in
            _ = try await access.require(request)
            let found = try await programme.lookup(number: try context.parameters.require("number"))
            return JSONResponse(MemberWithStatement(member: found.member, statement: found.statement))
        }
    }
}
