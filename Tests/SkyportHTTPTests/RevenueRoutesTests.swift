import Booking
import Foundation
import HTTPTypes
import NIOCore
import HummingbirdTesting
import SkyportApp
import SkyportDomain
import SkyportTestSupport
import Testing

/// The fare calendar (public) and each flight's inventory controls (operators), in their documented shapes.
@Suite struct RevenueRoutesTests {
    @Test func theFareCalendarFollowsTheLimits() async throws {
        try await APITestHarness.withClient { client, runtime in
            func calendar(_ query: String) async throws -> TestResponse {
                try await client.execute(uri: "/v1/fare-calendar?\(query)", method: .get)
            }
            let first = APITestHarness.json(try await calendar("origin=JFK&destination=LAX&from=2026-12-08&days=10"), schema: "FareCalendar")
            let days = try #require(first["days"] as? [[String: Any]])
            #expect(days.count == 10 && days.first?["date"] as? String == "2026-12-08" && days.last?["date"] as? String == "2026-12-17")
            // The fixture's schedule ends on the 14th: later days have nothing on sale.
            #expect(days.prefix(7).allSatisfy { $0["lowest_total_amount"] is String })
            #expect(days.suffix(3).allSatisfy { $0["lowest_total_amount"] is NSNull })
            let before = try #require(days.first?["lowest_total_amount"] as? String)

            // Revenue management closes the basic classes on both flights of the 8th: that day's lowest fare rises.
            let shopping = runtime.services.shopping
            let grid = try await shopping.fareGrid(BookingFixture.search())
            for row in grid.slices[0] {
                _ = try await runtime.services.inventory.override(flightID: row.flight.flightId, cabin: .economy, classCode: "Q", limit: 0,
                                                                  operatorName: "test", reason: "close basic")
            }
            let after = APITestHarness.json(try await calendar("origin=JFK&destination=LAX&from=2026-12-08&days=2"), schema: "FareCalendar")
            let raised = try #require((after["days"] as? [[String: Any]])?.first?["lowest_total_amount"] as? String)
            #expect(Decimal(string: raised)! > Decimal(string: before)!)
            #expect((after["days"] as? [[String: Any]])?.last?["lowest_total_amount"] as? String == days[1]["lowest_total_amount"] as? String)

            for (query, code) in [("origin=JFK&destination=LAX&from=2026-12-08&days=40", "invalid_days"),
                                  ("origin=JFK&destination=LAX&from=2026-12-08&adults=0", "too_many_passengers"),
                                  ("origin=JFK&destination=ZZZ&from=2026-12-08", "unknown_airport"),
                                  ("origin=JFK&destination=LAX&from=2020-01-01", "departure_date_in_past")] {
                let response = try await calendar(query)
                #expect(response.status == .unprocessableContent && APITestHarness.errorCodes(response).contains(code), "\(query)")
            }
        }
    }

    @Test func operatorsReviewAndOverrideAFlightsLimits() async throws {
        try await APITestHarness.withClient { client, runtime in
            let headers = try await PredictionRoutesTests.operatorHeaders(runtime)
            let grid = try await runtime.services.shopping.fareGrid(BookingFixture.search())
            let flight = grid.slices[0][0].flight.flightId
            let view = APITestHarness.json(try await client.execute(uri: "/v1/flights/\(flight)/inventory", method: .get, headers: headers), schema: "FlightInventory")
            let economy = try #require((view["cabins"] as? [[String: Any]])?.first { $0["cabin"] as? String == "economy" })
            // The six revenue classes and the award class, each on its load-factor rule.
            #expect((economy["classes"] as? [[String: Any]])?.map { $0["source"] as? String } == Array(repeating: "load_factor_rule", count: 7))
            #expect((economy["classes"] as? [[String: Any]])?.last?["code"] as? String == "X")

            let changed = try await PredictionRoutesTests.send(client, .put, "/v1/flights/\(flight)/booking-limits/economy/V", headers: headers,
                                                               ["seat_limit": 3, "reason": "fare sale ends"])
            let after = APITestHarness.json(changed, schema: "FlightInventory")
            let change = try #require((after["changes"] as? [[String: Any]])?.first)
            #expect(change["operator"] as? String == "ops-test" && change["class"] as? String == "V" && change["seat_limit"] as? Int == 3)

            let missing = try await PredictionRoutesTests.send(client, .put, "/v1/flights/\(flight)/booking-limits/economy/V", headers: headers, ["reason": "x"])
            #expect(missing.status == .unprocessableContent && APITestHarness.errorCodes(missing) == ["missing_field"])
            let huge = try await PredictionRoutesTests.send(client, .put, "/v1/flights/\(flight)/booking-limits/economy/V", headers: headers,
                                                            ["seat_limit": 572636538215537836032.0, "reason": "x"])
            #expect(APITestHarness.errorCodes(huge) == ["invalid_booking_limit"])
            let wrongClass = try await PredictionRoutesTests.send(client, .put, "/v1/flights/\(flight)/booking-limits/economy/J", headers: headers,
                                                                  ["seat_limit": 1, "reason": "x"])
            #expect(APITestHarness.errorCodes(wrongClass) == ["invalid_booking_class"])
            let unknown = try await PredictionRoutesTests.send(client, .get, "/v1/flights/nope/inventory", headers: headers)
            #expect(unknown.status == .notFound)
            let anonymous = try await client.execute(uri: "/v1/flights/\(flight)/inventory", method: .get)
            #expect(anonymous.status == .unauthorized)
        }
    }
}

/// `SKYPORT_PUBLIC_DIR`: files served as they are under `/public/`, nothing outside the folder.
@Suite struct PublicFilesTests {
    @Test func filesOfThePublicFolderAreServedAsTheyAre() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("skyport-public-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("{\"terms\":1}".utf8).write(to: folder.appendingPathComponent("terms.json"))
        try await APITestHarness.withClient(environment: ["SKYPORT_PUBLIC_DIR": folder.path]) { client, _ in
            let file = try await client.execute(uri: "/public/terms.json", method: .get)
            #expect(file.status == .ok && String(buffer: file.body) == "{\"terms\":1}")
            #expect(try await client.execute(uri: "/public/missing.json", method: .get).status == .notFound)
            let outside = try await client.execute(uri: "/public/../Package.swift", method: .get)
            #expect(outside.status == .notFound, "\(outside.status) \(String(buffer: outside.body).prefix(200))")
        }
    }
}
