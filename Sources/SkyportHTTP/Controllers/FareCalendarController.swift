import Booking
import Foundation
import Hummingbird
import SkyportDomain

/// `GET /v1/fare-calendar?origin=JFK&destination=LAX&from=2026-12-08&days=30&cabin_class=economy&adults=1`: the lowest
/// fare of each day of a market, for the whole party with taxes, as airline sites show a month of prices. Public, like
/// search: prices come from the same live inventory and booking limits.
public struct FareCalendarController: Sendable {
    let shopping: ShoppingService

    public init(shopping: ShoppingService) {
        self.shopping = shopping
    }

    struct Calendar: Encodable, Sendable {
        struct Day: Encodable, Sendable {
            let date: String
            /// Nil when nothing is on sale that day.
            let lowestTotalAmount: String?

            enum CodingKeys: String, CodingKey {
                case date
                case lowestTotalAmount = "lowest_total_amount"
            }

            /// A day without fares says so with null rather than leaving the field out.
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(date, forKey: .date)
                try container.encode(lowestTotalAmount, forKey: .lowestTotalAmount)
            }
        }

        let origin: String
        let destination: String
        let cabinClass: String
        let currency: String
        let days: [Day]

        enum CodingKeys: String, CodingKey {
            case origin, destination, currency, days
            case cabinClass = "cabin_class"
        }
    }

    public func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/v1/fare-calendar") { request, _ in
            let query = request.uri.queryParameters
            func text(_ name: String) -> String? { query[Substring(name)].map(String.init) }
            var issues: [ValidationIssue] = []
            let days = Int(text("days") ?? "30")
            if days == nil || !(1...31).contains(days!) {
                issues.append(.init(code: .invalidDays, field: "days", message: "days is a whole number from 1 to 31."))
            }
            let adults = Int(text("adults") ?? "1")
            if adults == nil || !(1...9).contains(adults!) {
                issues.append(.init(code: .tooManyPassengers, field: "adults", message: "adults is a whole number from 1 to 9."))
            }
            guard issues.isEmpty, let days, let adults else { throw ValidationFailure(issues) }
            let input = OfferRequestInput(slices: [.init(origin: text("origin"), destination: text("destination"), departureDate: text("from"))],
                                          passengers: Array(repeating: .init(type: "adult"), count: adults), cabinClass: text("cabin_class") ?? "economy")
            let fares = try await shopping.fareCalendar(input, days: days)
            return JSONResponse(Calendar(
                origin: input.slices?.first?.origin?.uppercased() ?? "", destination: input.slices?.first?.destination?.uppercased() ?? "",
                cabinClass: input.cabinClass ?? "economy", currency: fares.compactMap(\.lowest).first?.currency.code ?? "USD",
                days: fares.map { .init(date: $0.date.iso, lowestTotalAmount: $0.lowest?.decimalString) }))
        }
    }
}
