import Accounts
import Booking
import Hummingbird
import SkyportHTTP

/// An order this browser may open, and the account it is filed under.
struct OpenedBooking {
    let order: OrderView
    let owner: String?
}

extension WebSite {
    /// The order of the path's `id`, when this browser bought or looked it up or it is filed under the signed-in
    /// customer; else `notFound` (so as not to reveal that it exists).
    func openBooking(_ context: AppRequestContext, visit: Visit) async throws -> OpenedBooking {
        guard let id = context.parameters.get("id"), id.hasPrefix("ord_"), id.utf8.count <= 40 else { throw WebError.notFound }
        let owner = try await booking.repository.customerID(ofOrder: id)
        guard visit.tripIDs.contains(id) || (owner != nil && owner == visit.customer?.id),
              let order = try await booking.repository.find(id: id) else { throw WebError.notFound }
        return OpenedBooking(order: order, owner: owner)
    }
}
