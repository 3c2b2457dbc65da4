import Foundation
import Synchronization

/// What searches have already read, kept while the inventory it came from is unchanged: each market, date and cabin's
/// flights with their seats and limits, and whole search answers. Every entry carries the inventory versions it was
/// read at (each market-day's count of flights and sum of its cabins' versions, moved in the same statement or
/// transaction as every seat taken or given back, limit changed and flight cancelled), and a search reads the
/// current versions first: an entry of an older version is never used, on this
/// instance or any other. Answers are also kept for at most `answerLifetime`, so that their offers stay close to a
/// full lifetime and a flight reaching its sales cut-off drops out.
final class AvailabilityCache: Sendable {
    struct MarketDay: Hashable, Sendable {
        let origin: String
        let destination: String
        let date: String
        let cabin: String
    }

    /// A search as asked (its validated form), with the versions of every market and date it reads.
    struct SearchKey: Hashable, Sendable {
        let search: Search
        let versions: [InventoryVersion]
    }

    static let answerLifetime: Int64 = 60
    /// Bounds on what is kept (days, and answers by their offers: about 2 KB each in memory); beyond them the oldest
    /// half goes.
    static let maximumDays = 4_096
    static let maximumOffers = 5_000

    private struct Day {
        let version: InventoryVersion
        let flights: [ScheduledFlight]
        let order: Int
    }

    private struct Answer {
        let result: OfferRequestResult
        let validUntil: Int64
        let order: Int
    }

    private struct State {
        var days: [MarketDay: Day] = [:]
        var answers: [SearchKey: Answer] = [:]
        var offers = 0
        var counter = 0
    }

    private let state = Mutex(State())

    /// The day's flights (every scheduled one, before the sales cut-off is applied), if read at `version`.
    func flights(_ day: MarketDay, version: InventoryVersion) -> [ScheduledFlight]? {
        state.withLock { $0.days[day].flatMap { $0.version == version ? $0.flights : nil } }
    }

    func store(_ flights: [ScheduledFlight], for day: MarketDay, version: InventoryVersion) {
        state.withLock { state in
            state.counter += 1
            state.days[day] = Day(version: version, flights: flights, order: state.counter)
            if state.days.count > Self.maximumDays {
                let cut = state.days.values.map(\.order).sorted()[state.days.count / 2]
                state.days = state.days.filter { $0.value.order >= cut }
            }
        }
    }

    /// A search's answer, if one was made at these versions and is still fresh at `now` (epoch seconds).
    func answer(_ key: SearchKey, now: Int64) -> OfferRequestResult? {
        state.withLock { $0.answers[key].flatMap { $0.validUntil > now ? $0.result : nil } }
    }

    func store(_ result: OfferRequestResult, for key: SearchKey, validUntil: Int64) {
        state.withLock { state in
            state.counter += 1
            state.offers += result.offers.count - (state.answers[key]?.result.offers.count ?? 0)
            state.answers[key] = Answer(result: result, validUntil: validUntil, order: state.counter)
            if state.offers > Self.maximumOffers {
                let cut = state.answers.values.map(\.order).sorted()[state.answers.count / 2]
                state.answers = state.answers.filter { $0.value.order >= cut }
                state.offers = state.answers.values.map(\.result.offers.count).reduce(0, +)
            }
        }
    }
}
