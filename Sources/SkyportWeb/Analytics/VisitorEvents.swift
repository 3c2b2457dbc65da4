import Accounts

/// Events the site's server reports about a visitor, where the browser cannot be relied on.
public protocol VisitorEvents: Sendable {
    /// The visitor signed in or signed up: the browser's anonymous id now belongs to this customer.
    func signedIn(_ customer: Customer, anonymousID: String) async
}
