import Accounts
import Booking
import CommandCenter
import Prediction
import SkyportHTTP
import SkyportDomain
import SkyportWeb

extension SkyportRuntime {
    /// The command center's pages (operators sign in with their token).
    public func opsCenterSite() throws -> OpsCenterSite {
        let limiter = self.limiter
        let signer = Signer(secret: try configuration.resolvedSecretKey())
        return try OpsCenterSite(center: commandCenter, operators: operatorTokens,
                                 visits: try visitResolver(signer: signer, limiter: limiter), signer: signer,
                                 limiter: limiter, secureCookies: configuration.secureCookies, fleet: engineFleet,
                                 demand: prediction.demand, ledger: revenueLedger, settlements: settlementReports, now: now)
    }
}
