import Booking
import Foundation

/// An event a page reports from the browser to the customer data platform: Segment's e-commerce
/// events mapped to travel (a flight and fare is the product, the PNR the order id). The layout writes
/// each as a hidden element; `app.js` sends them with the browser's anonymous id.
struct AnalyticsEvent {
    let event: String
    /// The properties as JSON (HTML-escaped by the template, read back by the script).
    let properties: String
    /// Set where a reload must not count twice (the order's confirmation).
    let messageId: String?

    init(_ event: String, _ properties: [String: Any], messageId: String? = nil) {
        self.event = event
        let data = (try? JSONSerialization.data(withJSONObject: properties, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        self.properties = String(decoding: data, as: UTF8.self)
        self.messageId = messageId
    }

    /// `Products Searched`: the market and dates of a search.
    static func searched(_ search: SearchQuery) -> AnalyticsEvent {
        var properties: [String: Any] = [
            "query": "\(search.from)-\(search.to) \(search.depart)", "origin": search.from, "destination": search.to,
            "departure_date": search.depart, "cabin": search.cabin, "passengers": search.adults + search.children + search.infants,
        ]
        if search.roundTrip { properties["return_date"] = search.returnDate }
        return AnalyticsEvent("Products Searched", properties)
    }

    /// The flights of an offer or order as Segment products: one per flight, with its fare.
    static func products(_ slices: [OfferView.Slice], brand: String) -> [[String: Any]] {
        slices.flatMap { slice in
            slice.segments.map { segment -> [String: Any] in
                ["product_id": segment.flightId, "sku": "\(segment.flightId)~\(brand)", "category": "flight",
                 "name": "\(segment.marketingCarrier)\(segment.flightNumber) \(segment.origin)-\(segment.destination)",
                 "brand": brand, "variant": segment.cabinClass, "fare_basis": segment.fareBasis,
                 "origin": segment.origin, "destination": segment.destination, "departure_date": String(segment.departingAtLocal.prefix(10))]
            }
        }
    }

    /// `Checkout Started` for the priced offer of step 2.
    static func checkoutStarted(_ offer: OfferView) -> AnalyticsEvent {
        AnalyticsEvent("Checkout Started", [
            "order_id": offer.id, "value": offer.totalAmount, "revenue": offer.totalAmount, "currency": offer.totalCurrency,
            "products": products(offer.slices, brand: offer.fareBrand), "destination": offer.slices.first?.destination ?? "",
        ], messageId: "web-checkout-started-\(offer.id)")
    }

    /// `Order Completed` on the confirmation, with the PNR as the order id.
    static func orderCompleted(_ order: OrderView) -> AnalyticsEvent {
        AnalyticsEvent("Order Completed", [
            "order_id": order.bookingReference, "total": order.totalAmount, "revenue": order.baseAmount, "tax": order.taxAmount,
            "currency": order.totalCurrency, "products": products(order.slices, brand: order.fareBrand),
            "destination": order.slices.first?.destination ?? "",
        ], messageId: "web-order-completed-\(order.id)")
    }
}
