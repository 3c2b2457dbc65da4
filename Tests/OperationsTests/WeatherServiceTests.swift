import Foundation
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing
@testable import Operations

@Suite struct WeatherServiceTests {
    /// 2013-02-08 23:00 UTC, when the reports below arrive.
    static let evening = Int64(LocalDate(year: 2013, month: 2, day: 8)!.daysSinceEpoch) * 86_400 + 23 * 3600

    static let batch = """
        KJFK 082251Z 36029G45KT 1/4SM +SN FZFG VV005 M04/M06 A2964 RMK AO2 SLP038 P0012 T10441061
        KLGA 082251Z 01025G38KT M1/4SM R04/1000V1800FT +SN BLSN VV002 M03/M04 A2965 RMK AO2 SLP040

        KEWR 082251Z 35022KT 1 1/2SM -SN BR OVC009 M02/M03 A2968
        KBOS 082254Z 03031G43KT 1/8SM +SN FZFG VV003 M04/M05 A2960
        KJFK 0822XXZ 36029KT 1/4SM
        EGLL 082250Z 24015KT 9999 FEW030 08/04 Q1009
        KJFK 082151Z 36027G40KT 1/2SM SN VV007 M04/M06 A2966 RMK AO2 SLP047
        KXYZ 082251Z 36029KT 10SM CLR M04/M06 A2966
        """

    @Test(arguments: TestDatabases.engines)
    func aBatchStoresWhatItCanAndSaysWhyNot(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            _ = try await FixtureNetwork.seed(database)
            let signal = WakeUpSignal()
            let weather = WeatherService(database: database, observed: signal, now: { Self.evening })
            let report = try await weather.ingest(Self.batch)
            #expect(report.stored == 4)  // JFK twice, EWR and BOS; the fixture network has no LGA
            #expect(report.rejected.map(\.line) == [6])
            #expect(report.rejected.first?.code == "invalid_time")
            #expect(report.ignoredStations == ["EGLL", "KLGA", "KXYZ"])
            #expect(await signal.wait(seconds: 0.01).keys == ["BOS", "EWR", "JFK"])

            let jfk = try #require(try await weather.latest(airport: "JFK"))
            #expect(jfk.observedAt == Self.evening - 9 * 60)
            #expect(jfk.flightCategory == .lifr && jfk.ceilingFeet == 500)
            #expect(jfk.temperatureF == 24.08 && jfk.dewPointF == 21.02)
            #expect(jfk.windSpeedMph == 33.37 && jfk.windGustMph == 51.79 && jfk.windDirectionDegrees == 360)
            #expect(jfk.precipitationInches == 0.12 && jfk.pressureMillibars == 1003.8 && jfk.visibilityMiles == 0.25)
            #expect(jfk.presentWeather == ["+SN", "FZFG"])
            let ewr = try #require(try await weather.latest(airport: "EWR"))
            #expect(ewr.visibilityMiles == 1.5 && ewr.flightCategory == .ifr && ewr.precipitationInches == nil)
            #expect(try await weather.history(airport: "JFK", hours: 3).map(\.observedAt) == [Self.evening - 9 * 60, Self.evening - 69 * 60])

            // The same file again: nothing new; a correction replaces the report of its time.
            let again = try await weather.ingest(Self.batch)
            #expect(again.stored == 0 && again.duplicates == report.stored)
            let corrected = try await weather.ingest("KJFK 082251Z COR 36029G45KT 1/8SM +SN FZFG VV002 M04/M06 A2964")
            #expect(corrected.corrected == 1 && corrected.stored == 0)
            #expect(try await weather.latest(airport: "JFK")?.ceilingFeet == 200)
            #expect(try await weather.latest().map(\.airport) == ["BOS", "EWR", "JFK"])
        }
    }

    @Test func dateLinesDateTheReportsAfterThem() async throws {
        try await TestDatabases.with(.sqlite) { database in
            _ = try await FixtureNetwork.seed(database)
            let weather = WeatherService(database: database, now: { Self.evening + 40 * 86_400 })
            let report = try await weather.ingest("2013/03/01 00:51\nKJFK 010051Z 36010KT 10SM CLR M04/M06 A3010\n")
            #expect(report.stored == 1)
            let stored = try #require(try await weather.history(airport: "JFK", hours: 24 * 60).first)
            #expect(stored.observedAt == Int64(LocalDate(year: 2013, month: 3, day: 1)!.daysSinceEpoch) * 86_400 + 51 * 60)
            #expect(stored.flightCategory == .vfr && stored.precipitationInches == 0)
        }
    }

    @Test func tooManyLinesAreRefusedWhole() async throws {
        try await TestDatabases.with(.sqlite) { database in
            let weather = WeatherService(database: database, now: { Self.evening })
            let text = Array(repeating: "KJFK 082251Z 36010KT 10SM CLR M04/M06 A3010", count: WeatherService.maximumLines + 1).joined(separator: "\n")
            await #expect(throws: ServiceError.self) { try await weather.ingest(text) }
        }
    }

    @Test func stationsMapToAirports() {
        let stations = StationDirectory(airports: ["JFK", "ANC", "HNL", "GUM"])
        #expect(stations.airport(forStation: "KJFK") == "JFK")
        #expect(stations.airport(forStation: "PANC") == "ANC")
        #expect(stations.airport(forStation: "PHNL") == "HNL")
        #expect(stations.airport(forStation: "PGUM") == "GUM")
        #expect(stations.airport(forStation: "KLAX") == nil)
        #expect(stations.airport(forStation: "RKSI") == nil)
    }
}
