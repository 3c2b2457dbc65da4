import CustomerData
import Foundation
import Hummingbird
import SkyportDomain

/// `GET /v1/personalization?anonymousId=...`: what the home page recommends to this browser (from what it
/// sent itself), or to the signed-in customer (the site's session cookie: their whole profile). Personalized
/// only where the person's latest consent allows personalization; otherwise popular routes, with
/// `personalized: false` and why.
public struct PersonalizationController: Sendable {
    let personalization: Personalization
    /// The customer id of a site session token, nil when the token is not a live session.
    let customerOfSession: @Sendable (String) async throws -> String?
    /// Today's date (YYYY-MM-DD) at the network's home.
    let today: @Sendable () -> String

    public init(personalization: Personalization, customerOfSession: @escaping @Sendable (String) async throws -> String?,
                today: @escaping @Sendable () -> String) {
        self.personalization = personalization
        self.customerOfSession = customerOfSession
        self.today = today
    }

    public static let sessionCookie = "sp_session"

    public func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/v1/personalization") { request, _ in
            var customer: String?
            if let token = request.cookies[Self.sessionCookie]?.value, !token.isEmpty {
                customer = try await customerOfSession(token)
            }
            var anonymous: CustomerIdentifier?
            if let raw = request.uri.queryParameters["anonymousId"].map(String.init) {
                guard let identifier = IdentityRules.standard.normalize(.anonymousID, raw) else {
                    throw ServiceError(.invalid, code: .invalidAnonymousID, message: "anonymousId is the browser's anonymous id.", field: "anonymousId")
                }
                anonymous = identifier
            }
            guard customer != nil || anonymous != nil else {
                throw ServiceError(.invalid, code: .missingIdentity, message: "Give anonymousId, or sign in.", field: "anonymousId")
            }
            let limit = try ProfilesController.integer(request, "limit", default: 4, range: 1...12)
            let recommendations = try await personalization.recommendations(customerID: customer, anonymousID: anonymous, today: today(), limit: limit)
            return JSONResponse(recommendations, headers: [.cacheControl: "private, no-store"])
        }
    }
}
