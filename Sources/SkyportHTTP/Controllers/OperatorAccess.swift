import Accounts
import Hummingbird
import SkyportDomain

/// Operator endpoints take `Authorization: Bearer sop_...` (a token from `skyport operators create`).
public struct OperatorAccess: Sendable {
    let tokens: OperatorTokens

    public init(tokens: OperatorTokens) {
        self.tokens = tokens
    }

    /// The operator making the request with `right` (operations unless told), a 401 that says how to become one, or a
    /// 403 for an operator without the right.
    func require(_ request: Request, right: OperatorRight = .operations) async throws -> Operator {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            throw ServiceError(.unauthorized, code: .operatorTokenRequired,
                               message: "This endpoint is for operators: send Authorization: Bearer <token from `skyport operators create`>.")
        }
        guard let found = try await tokens.authenticate(String(header.dropFirst("Bearer ".count))) else {
            throw ServiceError(.unauthorized, code: .operatorTokenInvalid, message: "The operator token is unknown or revoked.")
        }
        guard found.has(right) else {
            throw ServiceError(.forbidden, code: .operatorRightRequired,
                               message: "This endpoint needs the \(right.rawValue) right; this token has \(found.rights.sorted().map(\.rawValue).joined(separator: ", ")).")
        }
        return found
    }
}
