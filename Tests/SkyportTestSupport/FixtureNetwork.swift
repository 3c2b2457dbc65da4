import Booking
import Foundation
import Prediction
import SkyportDomain
import SkyportStore

/// A small network in the data set's own CSV format, imported through the real importer:
///
/// | flight | route | departs (local) | aircraft |
/// |---|---|---|---|
/// | UA100 | JFK-LAX | 08:00 | N100, 200 seats (16 business) |
/// | AA200 | JFK-LAX | 17:00 | no tail: fallback seats |
/// | B6300 | EWR-BOS | 07:00 | N300, 50 seats (economy only) |
/// | B6400 | JFK-BOS | 09:00 | N200, 100 seats (8 business) |
/// | UA500 | JFK-SJU | 10:00 | N100 |
///
/// Every day of December 2013, so that the schedule from `FixtureNetwork.firstDay` has flights daily.
public enum FixtureNetwork {
    /// The tests' "today": 2026-12-01, noon UTC.
    public static let now = Date(timeIntervalSince1970: TimeInterval(LocalDate(year: 2026, month: 12, day: 1)!.daysSinceEpoch * 86_400 + 12 * 3600))
    public static let firstDay = LocalDate(year: 2026, month: 12, day: 1)!
    public static let weeks = 2
    /// A day with every fixture flight on sale.
    public static let travelDay = LocalDate(year: 2026, month: 12, day: 8)!

    struct Pattern {
        let carrier: String, number: Int, tail: String, origin: String, destination: String
        let departure: Int, arrival: Int, airTime: Int, distance: Int
    }

    static let patterns = [
        Pattern(carrier: "UA", number: 100, tail: "N100", origin: "JFK", destination: "LAX", departure: 800, arrival: 1120, airTime: 330, distance: 2475),
        Pattern(carrier: "AA", number: 200, tail: "NA", origin: "JFK", destination: "LAX", departure: 1700, arrival: 2030, airTime: 330, distance: 2475),
        Pattern(carrier: "B6", number: 300, tail: "N300", origin: "EWR", destination: "BOS", departure: 700, arrival: 815, airTime: 40, distance: 200),
        Pattern(carrier: "B6", number: 400, tail: "N200", origin: "JFK", destination: "BOS", departure: 900, arrival: 1015, airTime: 38, distance: 187),
        Pattern(carrier: "UA", number: 500, tail: "N100", origin: "JFK", destination: "SJU", departure: 1000, arrival: 1430, airTime: 220, distance: 1598),
    ]

    /// Writes the five CSVs into `directory`.
    public static func writeCSVs(to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        func write(_ name: String, _ lines: [String]) throws {
            try (lines.joined(separator: "\n") + "\n").write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try write("airports.csv", [
            "faa,name,lat,lon,alt,tz,dst,tzone",
            "04G,Lansdowne Airport,41.1304722,-80.6195833,1044,-5,A,America/New_York",
            "JFK,John F Kennedy Intl,40.639751,-73.778925,13,-5,A,America/New_York",
            "EWR,Newark Liberty Intl,40.6925,-74.168667,18,-5,A,America/New_York",
            "LAX,Los Angeles Intl,33.942536,-118.408075,126,-8,A,America/Los_Angeles",
            "BOS,General Edward Lawrence Logan Intl,42.364347,-71.005181,19,-5,A,America/New_York",
        ])
        try write("airlines.csv", ["carrier,name", "AA,American Airlines Inc.", "UA,United Air Lines Inc.", "B6,JetBlue Airways"])
        try write("planes.csv", [
            "tailnum,year,type,manufacturer,model,engines,seats,speed,engine",
            "N100,2004,Fixed wing multi engine,AIRBUS,A321-211,2,200,NA,Turbo-fan",
            "N200,2008,Fixed wing multi engine,EMBRAER,ERJ 190-100 IGW,2,100,NA,Turbo-fan",
            "N300,2001,Fixed wing multi engine,EMBRAER,EMB-145LR,2,50,NA,Turbo-fan",
            "N5,1975,Fixed wing single engine,CESSNA,150,1,2,90,Reciprocating",
        ])
        var flights = ["year,month,day,dep_time,sched_dep_time,dep_delay,arr_time,sched_arr_time,arr_delay,carrier,flight,tailnum,origin,dest,air_time,distance,hour,minute,time_hour"]
        var weather = ["origin,year,month,day,hour,temp,dewp,humid,wind_dir,wind_speed,wind_gust,precip,pressure,visib,time_hour"]
        for day in 1...31 {
            for (index, p) in patterns.enumerated() {
                let delay = (day * 7 + index * 13) % 40 - 5
                let utcHour = p.departure / 100 + 5
                let timeHour = "2013-12-\(two(day))T\(two(utcHour)):00:00Z"
                flights.append("2013,12,\(day),\(p.departure + delay),\(p.departure),\(delay),\(p.arrival + delay),\(p.arrival),\(delay),\(p.carrier),\(p.number),\(p.tail),\(p.origin),\(p.destination),\(p.airTime),\(p.distance),\(p.departure / 100),\(p.departure % 100),\(timeHour)")
            }
            for hour in [6, 12, 18] {
                weather.append("JFK,2013,12,\(day),\(hour),35.06,24.08,64.29,300,13.80936,20.71404,0,1016.4,10,2013-12-\(two(day))T\(two(hour + 5)):00:00Z")
            }
        }
        try write("flights.csv", flights)
        try write("weather.csv", weather)
    }

    /// Imports the fixture network into `database` and returns what the importer reported.
    @discardableResult
    public static func seed(_ database: any Database) async throws -> ImportSummary {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("skyport-fixture-\(UUID().uuidString)")
        try writeCSVs(to: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try await NetworkImporter(database: database, dataDirectory: directory,
                                         record: HistoryImporter(database: database), logger: TestDatabases.logger)
            .importAll(scheduleStart: firstDay, weeks: weeks)
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
